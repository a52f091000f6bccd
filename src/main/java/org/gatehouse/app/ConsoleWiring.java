package org.gatehouse.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaEndpoint;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.ConnectionProbe;
import org.gatehouse.policy.ConsoleLayout;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.PoolService;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.ServersStatus;
import org.gatehouse.policy.SwitchProbe;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.ConsoleLauncher;
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.connect.ProfileBook;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * The console's half of {@link AppBackend}: what the window is built from. Kept apart so that a
 * command-line run, which never calls it, loads no class of JavaFX or of the console (the JVM's
 * verifier loads the types that {@code AppBackend}'s own methods pass around).
 */
final class ConsoleWiring {
    private final AppBackend backend;
    private final KeaJson json;
    private final Clock clock;
    private final PrintStream console;

    ConsoleWiring(AppBackend backend, KeaJson json, Clock clock, PrintStream console) {
        this.backend = backend;
        this.json = json;
        this.clock = clock;
        this.console = console;
    }

    void gui(ConnectionOptions options) {
        try (FxTaskExecutor tasks = new FxTaskExecutor()) {
            ConsoleStart start = new ConsoleStart(backend, options, System::getenv);
            if (start.switchOnly()) {
                // No Kea and no profile, but a switch: the Switch screen and the Audit screen (from the cache) still work.
                try (Backend.SwitchSession sw = backend.connectSwitch(options); Backend.Local local = backend.local(options)) {
                    new ConsoleLauncher().showAndWait(ConsoleContext.builder(tasks, clock).refreshSeconds(2).switches(sw.switches())
                            .audit(new AuditTools(local.audit(), local.configs(), local.offline(), local.cache(), Map.of())).build());
                }
                return;
            }
            start.run(tasks);
        }
    }

    /** {@code gatehouse demo} with its console: the window first, the demo started behind it (ConsoleFrame#startDemo). */
    void demo(ConnectionOptions options) {
        try (FxTaskExecutor tasks = new FxTaskExecutor()) {
            new ConsoleStart(backend, options, System::getenv).runDemo(tasks);
        }
    }

    ConsoleContext context(ConnectionOptions options, Backend.Session s, TaskExecutor tasks) {
        String title = KeaEndpoint.parse(options.kea()).toString();
        if (s.servers().several()) {
            title += " and " + (s.servers().all().size() - 1) + " more server(s)";
        }
        return context(title, options.refreshSeconds(), s, tasks, s.pools());
    }

    /**
     * @param title what the window title and the status bar call the site (a profile's name and its Kea)
     * @param pools the Pools screen's service (a profile's own thresholds)
     */
    ConsoleContext context(String title, int refreshSeconds, Backend.Session s, TaskExecutor tasks, PoolService pools) {
        ConsoleContext.Builder b = ConsoleContext.builder(tasks, clock).refreshSeconds(refreshSeconds)
                .switches(s.switches()).audit(new AuditTools(s.audit(), s.configs(), s.offline(), s.cache(), s.replayers()));
        if (s.leases() != null) {
            b.kea(title, s.leases(), s.status()).pools(pools);
            if (s.servers().several()) {
                // the screens read every server: merged leases, every server's queue, pools and aging (decisions already reach each)
                b.readEvery(s.servers());
                if (pools != null) {
                    pools.lookOnEvery(s.servers()); // a profile's own pool service too
                }
            }
        }
        if (s.decisions() != null && s.queue() != null) {
            // several servers: each decision and reservation edit goes to every server that serves the subnet, as on the command line
            b.deciding(s.servers().several() ? DecisionService.onEvery(s.servers(), s.offline()) : s.decisions(), s.queue(), s.aging());
        }
        if (s.servers().several()) {
            b.servers(ServersStatus.watching(s.servers(), s.offline(), clock));
        }
        return b.build();
    }

    /**
     * What the console frame is built from: profiles, the probe, how sites open, the layout file
     * and the local sockets to offer. {@code dialogs} null: the console's own.
     */
    ConsoleSetup consoleSetup(ConnectionOptions base, TaskExecutor tasks, ProfileBook profiles, ConsoleLayout layout,
                              Supplier<List<Path>> localSockets, DialogService dialogs) {
        return consoleSetup(base, tasks, profiles, sites(profiles, base), layout, localSockets, dialogs);
    }

    ConsoleSetup consoleSetup(ConnectionOptions base, TaskExecutor tasks, ProfileBook profiles, ConsoleSites sites, ConsoleLayout layout,
                              Supplier<List<Path>> localSockets, DialogService dialogs) {
        return new ConsoleSetup(tasks, clock, profiles, sites, new ConnectionProbe(new KeaTargetConnector(json)),
                new SwitchProbe(new SwitchTargetConnector()), layout, localSockets, base.knownHosts(), dialogs);
    }

    ConsoleSites sites(ProfileBook profiles, ConnectionOptions base) {
        return new ConsoleSites(backend, profiles, new KeaTargetConnector(json), base, name -> base,
                () -> new DemoRun(json, clock, console));
    }

    /** The console on the user's own profiles: their switch and SNMP settings and secrets come from the profile store. */
    ConsoleSites sites(Profiles store, ProfileBook profiles, ConnectionOptions base) {
        return new ConsoleSites(backend, profiles, new KeaTargetConnector(json), base, name -> {
            Profile p = store.require(name);
            return ConnectionOptions.of(p, slot -> store.secret(p, slot));
        }, () -> new DemoRun(json, clock, console));
    }
}
