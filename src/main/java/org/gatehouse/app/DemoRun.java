package org.gatehouse.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.app.demo.DemoSwitch;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import picocli.CommandLine;

/**
 * {@code gatehouse demo}: a private kea-dhcp4 (no network) filled with the demo site's devices,
 * their simulated DHCP clients, and a simulated switch (SSH CLI + SNMP on 127.0.0.1) that knows
 * where each device is plugged in. Everything is stopped, and the directory removed, when the
 * console closes (or after {@code --seconds} without it). With its console, the window opens first
 * and starts the demo in the background ({@link ConsoleSites#demo}, {@link #startForConsole}).
 */
final class DemoRun {
    private final KeaJson json;
    private final Clock clock;
    private final PrintStream console;
    private final String command;

    DemoRun(KeaJson json, Clock clock, PrintStream console) {
        this(json, clock, console, LaunchCommand.current());
    }

    /** {@code command}: what the user types to start Gatehouse, for the printed hints ({@link LaunchCommand}). */
    DemoRun(KeaJson json, Clock clock, PrintStream console, String command) {
        this.json = json;
        this.clock = clock;
        this.console = console;
        this.command = command;
    }

    /** A started demo: the options that reach it, and how to stop it (stops everything and removes its directory). */
    record Running(ConnectionOptions options, List<String> reach, Runnable stop) {
    }

    /** {@code gatehouse demo --no-gui}: the demo for {@code keepSeconds} (0: until the process is stopped), with hints. */
    void run(ConnectionOptions options, int keepSeconds) {
        Running demo = start(options);
        try {
            console.println("Try: " + command + " " + String.join(" ", demo.reach()) + " switch blocked");
            console.println("     " + command + " " + String.join(" ", demo.reach()) + " leases list");
            sleepSeconds(keepSeconds);
        } finally {
            demo.stop().run();
        }
    }

    /** For the console: starts the demo and says how the command line reaches it. */
    Running startForConsole(ConnectionOptions options) {
        Running demo = start(options);
        console.println("The command line reaches this demo with: " + command + " " + String.join(" ", demo.reach()) + " COMMAND");
        return demo;
    }

    /** Starts the demo's Kea, devices and switch; the caller stops them with {@link Running#stop} (also done at JVM exit). */
    Running start(ConnectionOptions options) {
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
        List<AutoCloseable> running = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread cleanup = new Thread(() -> stop(running, kea), "gatehouse-demo-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        Runnable stop = () -> {
            stop(running, kea);
            console.println("Demo Kea and switch stopped; " + dir + " removed.");
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running
            }
        };
        try {
            int n;
            try (KeaClient client = new KeaClient(new UnixSocketTransport(kea.socket()), json, Duration.ofSeconds(10))) {
                n = vlan40.fill(client, 40, Ipv4.parse("192.168.40.0"), clock.instant())
                        + vlan41.fill(client, 41, Ipv4.parse("192.168.41.0"), clock.instant());
            }
            console.println("Demo Kea " + kea.endpoint() + " (pid " + kea.pid() + ") holds " + n + " leases.");
            KeaClient clientsKea = new KeaClient(new UnixSocketTransport(kea.socket()), json, Duration.ofSeconds(10));
            running.add(clientsKea);
            DemoClients clients = new DemoClients(clientsKea, clock, Map.of(40L, vlan40.devices(), 41L, vlan41.devices()));
            running.add(0, clients);
            clients.start();
            DemoSwitch sw = DemoSwitch.start(dir, Map.of(40, macs(vlan40), 41, macs(vlan41)));
            running.add(sw);
            console.println("Demo switch: Comware CLI " + sw.sshUri() + ", SNMP " + sw.snmpUri() + " (loopback only).");
            List<String> reach = reach(kea.endpoint(), dir.resolve("cache.db"), sw);
            return new Running(demoOptions(options, reach), reach, stop);
        } catch (RuntimeException e) {
            stop.run();
            throw e;
        }
    }

    private static List<Mac> macs(DemoSite site) {
        return site.devices().stream().map(DemoSite.Device::mac).toList();
    }

    /** Every option that points a command at the demo's Kea, cache and switch. */
    static List<String> reach(String keaEndpoint, Path db, DemoSwitch sw) {
        List<String> args = new ArrayList<>(List.of("--kea", keaEndpoint, "--db", db.toString()));
        args.addAll(sw.options());
        return args;
    }

    /** The demo's own options (parsed as the command line would), keeping the user's refresh and timeout. */
    private static ConnectionOptions demoOptions(ConnectionOptions given, List<String> reach) {
        List<String> args = new ArrayList<>(reach);
        args.addAll(List.of("--refresh", Integer.toString(given.refreshSeconds()), "--timeout", Integer.toString(given.timeoutSeconds())));
        ConnectionOptions demo = new ConnectionOptions(name -> null);
        new CommandLine(demo).parseArgs(args.toArray(String[]::new));
        return demo;
    }

    private static synchronized void stop(List<AutoCloseable> running, LocalKea kea) {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                // stopping the demo: go on with the rest
            }
        }
        running.clear();
        kea.close();
    }

    private static void sleepSeconds(int seconds) {
        try {
            Thread.sleep(seconds <= 0 ? Long.MAX_VALUE : seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
