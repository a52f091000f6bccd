package org.gatehouse.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.HttpTransport;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaEndpoint;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaTransport;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.kea.SshTransport;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.TaskRunner;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.StatusService;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.ConsoleLauncher;
import org.gatehouse.ui.FxTaskRunner;

/** Wires every object once per connection (constructor injection, no singletons). */
public final class AppBackend implements Backend {
    private final KeaJson json;
    private final OuiRegistry oui;
    private final Clock clock;
    private final PrintStream console;

    public AppBackend(KeaJson json, OuiRegistry oui, Clock clock, PrintStream console) {
        this.json = json;
        this.oui = oui;
        this.clock = clock;
        this.console = console;
    }

    @Override
    public Session connect(ConnectionOptions options) {
        KeaClient kea = keaClient(options);
        Database db;
        try {
            db = Database.open(options.db());
        } catch (RuntimeException e) {
            kea.close();
            throw e;
        }
        return session(kea, db);
    }

    private Session session(KeaClient kea, Database db) {
        ObservationStore observations = new ObservationStore(db);
        ActionLog actions = new ActionLog(db, System.getProperty("user.name"), hostname());
        LeaseService leases = new LeaseService(kea, observations, actions, oui, clock);
        StatusService status = new StatusService(kea);
        return new Session() {
            @Override
            public LeaseService leases() {
                return leases;
            }

            @Override
            public StatusService status() {
                return status;
            }

            @Override
            public void close() {
                kea.close();
                db.close();
            }
        };
    }

    KeaClient keaClient(ConnectionOptions o) {
        KeaEndpoint endpoint = KeaEndpoint.parse(o.kea());
        Duration timeout = Duration.ofSeconds(Math.max(1, o.timeoutSeconds()));
        KeaTransport transport = switch (endpoint.kind()) {
            case UNIX -> new UnixSocketTransport(endpoint.socket());
            case HTTP -> new HttpTransport(endpoint.uri(), o.keaUser(), readSecret(o.keaPasswordFile(), "--kea-password-file"), timeout);
            case SSH -> {
                var uri = endpoint.uri();
                SshTarget target = new SshTarget(uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), uri.getUserInfo(),
                        readSecret(o.keaPasswordFile(), "--kea-password-file"), defaultIdentity(), o.knownHosts(),
                        o.acceptNewHostKey(), timeout);
                SshConnector connector = new SshConnector();
                yield new SshTransport(target.endpoint() + endpoint.socket(), endpoint.socket().toString(), () -> connector.open(target));
            }
        };
        return new KeaClient(transport, json, timeout);
    }

    private static Path defaultIdentity() {
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            Path p = Path.of(System.getProperty("user.home"), ".ssh", name);
            if (Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }

    /** A password from a file (never from argv); the trailing newline editors add is dropped. */
    static char[] readSecret(Path file, String option) {
        if (file == null) {
            return null;
        }
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.replaceFirst("\\R\\z", "").toCharArray();
        } catch (IOException e) {
            throw new BadInput(option, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void gui(ConnectionOptions options) {
        try (FxTaskRunner tasks = new FxTaskRunner()) {
            if (options.kea() == null) {
                new ConsoleLauncher().showAndWait(new ConsoleContext(null, null, null, tasks, clock, 2));
                return;
            }
            try (Session s = connect(options)) {
                new ConsoleLauncher().showAndWait(context(options, s, tasks));
            }
        }
    }

    ConsoleContext context(ConnectionOptions options, Session s, TaskRunner tasks) {
        return new ConsoleContext(KeaEndpoint.parse(options.kea()).toString(), s.leases(), s.status(), tasks, clock,
                options.refreshSeconds());
    }

    @Override
    public void demo(ConnectionOptions options, boolean openGui, int keepSeconds) {
        Path dir;
        try {
            dir = Files.createTempDirectory("gatehouse-demo-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory", e);
        }
        ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(40, "192.168.40.0/24"),
                new GuestSiteConfig.GuestVlan(41, "192.168.41.0/24")), List.of("9.9.9.9", "1.1.1.1"), "192.168.40.4",
                LocalKea.runtimeIn(dir));
        DemoSite vlan40 = new DemoSite(40, 90, 40, 55);
        DemoSite vlan41 = new DemoSite(41, 70, 30, 45);
        vlan40.addReservations(config, 40, clock.instant());
        vlan41.addReservations(config, 41, clock.instant());
        console.println("Starting a private kea-dhcp4 in " + dir + " …");
        LocalKea kea = LocalKea.start(dir, config, json, Duration.ofSeconds(20));
        Thread cleanup = new Thread(kea::close, "gatehouse-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            int n;
            try (KeaClient client = new KeaClient(new UnixSocketTransport(kea.socket()), json, Duration.ofSeconds(10))) {
                n = vlan40.fill(client, 40, Ipv4.parse("192.168.40.0"), clock.instant())
                        + vlan41.fill(client, 41, Ipv4.parse("192.168.41.0"), clock.instant());
            }
            console.println("Demo Kea " + kea.endpoint() + " (pid " + kea.pid() + ") holds " + n + " leases.");
            options.overrideKea(kea.endpoint(), dir.resolve("cache.db"));
            if (openGui) {
                gui(options);
            } else {
                console.println("Try: ./gatehouse --kea " + kea.endpoint() + " --db " + dir.resolve("cache.db") + " leases list");
                sleepSeconds(keepSeconds);
            }
        } finally {
            kea.close();
            console.println("Demo Kea stopped; " + dir + " removed.");
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        }
    }

    private static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(seconds <= 0 ? Long.MAX_VALUE : seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
