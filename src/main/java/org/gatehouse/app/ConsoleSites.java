package org.gatehouse.app;

import java.util.Optional;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.model.BadInput;
import org.gatehouse.policy.KeaConnector;
import org.gatehouse.policy.KeaTarget;
import org.gatehouse.store.Database;
import org.gatehouse.ui.connect.ProfileBook;
import org.gatehouse.ui.connect.SiteOpener;
import org.gatehouse.ui.connect.SiteProfile;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * Opens the console's services for a saved profile or the demo: its Kea (through the profile's
 * transport and stored secret), its cache, and everything built on them, as {@code gatehouse gui}
 * does for the command line's options.
 */
final class ConsoleSites implements SiteOpener {
    private final AppBackend backend;
    private final ProfileBook profiles;
    private final KeaConnector connector;
    private final ConnectionOptions base;
    private final java.util.function.Function<String, ConnectionOptions> switchOptions;
    private final java.util.function.Supplier<DemoRun> demos;

    /** @param switchOptions a profile's switch and SNMP settings, with its secrets, as options (the switch wiring reads those) */
    ConsoleSites(AppBackend backend, ProfileBook profiles, KeaConnector connector, ConnectionOptions base,
                 java.util.function.Function<String, ConnectionOptions> switchOptions, java.util.function.Supplier<DemoRun> demos) {
        this.backend = backend;
        this.profiles = profiles;
        this.connector = connector;
        this.base = base;
        this.switchOptions = switchOptions;
        this.demos = demos;
    }

    @Override
    public OpenSite open(String name, TaskExecutor tasks) {
        SiteProfile p = profiles.find(name).orElseThrow(() -> new BadInput("profile", "no profile named '" + name + "'"));
        KeaTarget target = profiles.target(name);
        KeaClient kea;
        try {
            kea = connector.open(target);
        } finally {
            target.wipe();
        }
        Database db;
        try {
            db = Database.open(p.cacheFile() != null ? p.cacheFile() : base.db());
        } catch (RuntimeException e) {
            kea.close();
            throw e;
        }
        Backend.Session s;
        ConnectionOptions siteOptions;
        try {
            siteOptions = switchOptions.apply(name);
            // a profile with peers: every server, so that the console's decisions reach each of them
            s = moreServers(siteOptions) > 0 ? SeveralKea.connect(backend, siteOptions, siteOptions.keaServers(), kea, db)
                    : backend.session(kea, db, siteOptions);
        } catch (RuntimeException e) {
            kea.close();
            db.close();
            throw e;
        }
        int more = moreServers(siteOptions);
        // the screens read every server and decisions reach each (see ConsoleWiring)
        String title = name + " — " + target.kea() + (more > 0 ? " and " + more + " more server(s)" : "");
        return new OpenSite(title, backend.context(title, p.refreshSeconds(), s, tasks,
                new org.gatehouse.policy.PoolService(kea, p.poolWarning(), p.poolCritical())), Optional.of(s.siteAging()),
                Optional.of(s.cache()), s::close);
    }

    /** How many servers the site names besides the first (0 when that cannot be told: the title is all it is for). */
    private static int moreServers(ConnectionOptions o) {
        try {
            return Math.max(0, o.keaServers().size() - 1);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public OpenSite demo(TaskExecutor tasks) {
        DemoRun.Running demo = demos.get().startForConsole(base);
        try {
            Backend.Session s = backend.connect(demo.options());
            String title = "demo — " + demo.options().kea();
            return new OpenSite(title, backend.context(title, demo.options().refreshSeconds(), s, tasks), Optional.of(s.siteAging()),
                    Optional.of(s.cache()), () -> {
                        s.close();
                        demo.stop().run();
                    });
        } catch (RuntimeException e) {
            demo.stop().run();
            throw e;
        }
    }

    /** The command line's own Kea (--kea given): opened as before, inside the frame. */
    OpenSite fromOptions(ConnectionOptions options, TaskExecutor tasks) {
        Backend.Session s = backend.connect(options);
        String title = org.gatehouse.kea.KeaEndpoint.parse(options.kea()).toString();
        return new OpenSite(title, backend.context(options, s, tasks), Optional.of(s.siteAging()), Optional.of(s.cache()), s::close);
    }
}
