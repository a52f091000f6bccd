package org.gatehouse.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.policy.ConsoleLayout;
import org.gatehouse.policy.LocalKeaSockets;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.ui.ConsoleLauncher;
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.connect.SiteOpener;
import org.gatehouse.ui.dialog.PassphraseDialog;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * What {@code gatehouse} (the console) opens on: a Kea given on the command line, else the
 * profile named (or the default one), else the connect page. A broken profile file does not stop
 * the console: it opens on the connect page and says what is wrong (file and line).
 */
final class ConsoleStart {
    private final AppBackend backend;
    private final ConnectionOptions options;
    private final ConnectionOptions.Environment env;
    private String problem;
    private Optional<Profile> profile = Optional.empty();

    ConsoleStart(AppBackend backend, ConnectionOptions options, ConnectionOptions.Environment env) {
        this.backend = backend;
        this.options = options;
        this.env = env;
        try {
            profile = options.profile();
        } catch (GatehouseException e) {
            problem = e.getMessage();
        }
    }

    /** No Kea anywhere but a switch given: the old switch-and-audit console. */
    boolean switchOnly() {
        return problem == null && profile.isEmpty() && options.kea() == null && (options.switchUri() != null || options.snmp() != null);
    }

    void run(TaskExecutor tasks) {
        ConsoleSites[] sites = new ConsoleSites[1];
        ConsoleSetup setup = setup(tasks, sites);
        SiteOpener.OpenSite opened = null;
        String name = null;
        if (profile.isPresent() && profile.get().kea() != null && Objects.equals(options.kea(), profile.get().kea().uri())) {
            name = profile.get().name();
        } else if (problem == null && options.kea() != null) {
            opened = sites[0].fromOptions(options, tasks);
        }
        new ConsoleLauncher().showAndWait(setup, opened, name, problem);
    }

    /** {@code gatehouse demo}: the window at once, the demo started behind it (the user's own profiles stay as they are). */
    void runDemo(TaskExecutor tasks) {
        new ConsoleLauncher().showDemoAndWait(setup(tasks, new ConsoleSites[1]));
    }

    /** The console's setup on the user's profiles; {@code sites[0]}: how its sites open. */
    private ConsoleSetup setup(TaskExecutor tasks, ConsoleSites[] sites) {
        Profiles store = AppProfiles.open(env, new ProfileProbes(backend), new PassphraseDialog()::ask);
        ProfileBookAdapter book = new ProfileBookAdapter(store, options.knownHosts(), Duration.ofSeconds(Math.max(1, options.timeoutSeconds())));
        sites[0] = backend.sites(store, book, options);
        String home = env.get("HOME") != null && !env.get("HOME").isBlank() ? env.get("HOME") : System.getProperty("user.home");
        return backend.consoleSetup(options, tasks, book, sites[0],
                new ConsoleLayout(ConsoleLayout.defaultFile(env.get("XDG_STATE_HOME"), home)),
                () -> new LocalKeaSockets(LocalKeaSockets.WELL_KNOWN, LocalKeaSockets.CONFIG_FILES).candidates(), null);
    }

}
