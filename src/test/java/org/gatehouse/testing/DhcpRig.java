package org.gatehouse.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaException;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.kea.UnixSocketTransport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real kea-dhcp4 serving real dhclient clients, each in a network namespace this harness creates:
 * Kea runs Gatehouse's own three-pool config (with the {@code denied} class) in {@code <prefix>-srv}
 * on a bridge {@code br40} (192.168.40.1/24); every client is a namespace {@code <prefix>-c<i>}
 * whose {@code eth0} (a veth with the chosen MAC) is plugged into that bridge. No interface of
 * the host takes part, so no DHCP packet leaves the namespaces. The prefix is private to the run;
 * afterwards every process is stopped by its handle and exactly the namespaces created here are
 * deleted. Needs root, iproute2, kea-dhcp4 and dhclient (isc-dhcp-client).
 */
public final class DhcpRig implements BeforeAllCallback, AfterAllCallback {
    public static final int VLAN = 40;
    private static final String BRIDGE = "br" + VLAN;

    private final String prefix = "gh" + Long.toString(Math.floorMod(System.nanoTime(), 46_656L), 36);
    private final List<OwnedProcess> processes = new CopyOnWriteArrayList<>();
    private NetworkNamespaces namespaces;
    private String server;
    private Path dir;
    private Thread cleanup;

    /** One client event line written by the harness's dhclient script. */
    public record Event(double epoch, String reason, String ip, String lease, String dns) {
        public long epochMillis() {
            return (long) (epoch * 1000);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("gh-rig-");
        Files.createDirectories(dir.resolve("clients"));
        namespaces = new NetworkNamespaces(prefix);
        cleanup = new Thread(this::down, "dhcp-rig-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        server = namespaces.create("srv");
        namespaces.ip("-n", server, "link", "add", BRIDGE, "type", "bridge", "forward_delay", "0");
        namespaces.ip("-n", server, "addr", "add", "192.168." + VLAN + ".1/24", "dev", BRIDGE);
        namespaces.ip("-n", server, "link", "set", BRIDGE, "up");
        DhclientFiles.writeConfig(dir.resolve("dhclient.conf"));
        startKea();
    }

    private void startKea() throws IOException, InterruptedException {
        KeaJson json = new KeaJson();
        GuestSiteConfig.Runtime rt = new GuestSiteConfig.Runtime(List.of(BRIDGE), dir.resolve("kea4.sock"),
                dir.resolve("kea-leases4.csv"), dir.resolve("kea-dhcp4.log"), LocalKea.hooksDir());
        ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(VLAN, "192.168." + VLAN + ".0/24")),
                List.of("9.9.9.9"), "192.168." + VLAN + ".4", rt);
        // raw sockets: the clients have no address yet, so Kea must see their broadcasts on the bridge itself
        ((ObjectNode) config.path("Dhcp4").path("interfaces-config")).put("dhcp-socket-type", "raw");
        ((ObjectNode) config.path("Dhcp4").path("subnet4").get(0)).put("interface", BRIDGE);
        Path conf = dir.resolve("kea-dhcp4.conf");
        Files.writeString(conf, json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config));
        // Kea 2.6.3+ keeps its files inside these directories; none of them may be the system's.
        Map<String, String> env = Map.of("KEA_PIDFILE_DIR", dir.toString(), "KEA_LOCKFILE_DIR", "none",
                "KEA_CONTROL_SOCKET_DIR", dir.toString(), "KEA_DHCP_DATA_DIR", dir.toString(), "KEA_LOG_FILE_DIR", dir.toString());
        OwnedProcess kea = OwnedProcess.start("kea-dhcp4", namespaces.in(server, LocalKea.binary().toString(), "-c", conf.toString()),
                env, dir.resolve("kea-dhcp4.out"));
        processes.add(kea);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KeaClient probe = new KeaClient(new UnixSocketTransport(rt.controlSocket()), json, Duration.ofSeconds(2))) {
            while (true) {
                if (!kea.isAlive()) {
                    throw new IOException("kea-dhcp4 exited: " + Files.readString(dir.resolve("kea-dhcp4.out")));
                }
                try {
                    if (Files.exists(rt.controlSocket())) {
                        probe.execute(new KeaCommands.VersionGet());
                        return;
                    }
                } catch (KeaException notYet) {
                    // the socket file exists a moment before Kea answers on it
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("kea-dhcp4 did not answer on " + rt.controlSocket() + " within 30 s");
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        down();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }

    /** Clients first, Kea last (each by its own handle), then this run's namespaces, then the directory. */
    private synchronized void down() {
        if (dir == null) {
            return;
        }
        List<OwnedProcess> all = new ArrayList<>(processes);
        Collections.reverse(all);
        all.forEach(OwnedProcess::close);
        processes.clear();
        if (namespaces != null) {
            namespaces.close();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
        dir = null;
    }

    public String endpoint() {
        return "unix:" + dir.resolve("kea4.sock");
    }

    public Path dir() {
        return dir;
    }

    /** The run's private namespace prefix: every namespace of this rig is {@code <prefix>-…}. */
    public String prefix() {
        return prefix;
    }

    /** Starts dhclient {@code index} with {@code mac} in its own namespace, plugged into the bridge. */
    public void startClient(int index, String mac) throws IOException {
        if (!mac.matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new IllegalArgumentException("bad MAC " + mac);
        }
        String ns = namespaces.create("c" + index);
        String peer = "vc" + index;
        namespaces.ip("-n", ns, "link", "add", "eth0", "address", mac, "type", "veth", "peer", "name", peer, "netns", server);
        namespaces.ip("-n", server, "link", "set", peer, "master", BRIDGE, "up");
        namespaces.ip("-n", ns, "link", "set", "eth0", "up");
        Path clients = dir.resolve("clients");
        Path script = DhclientFiles.writeScript(clients.resolve("c" + index + ".sh"), eventsFile(index));
        processes.add(OwnedProcess.start("dhclient-c" + index, namespaces.in(ns, "dhclient", "-4", "-d", "-v",
                "-cf", dir.resolve("dhclient.conf").toString(), "-sf", script.toString(),
                "-lf", clients.resolve("c" + index + ".leases").toString(), "-pf", clients.resolve("c" + index + ".pid").toString(),
                "eth0"), Map.of(), clients.resolve("c" + index + ".out")));
    }

    private Path eventsFile(int index) {
        return dir.resolve("clients").resolve("c" + index + ".events");
    }

    public List<Event> events(int index) {
        Path f = eventsFile(index);
        List<Event> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                Map<String, String> kv = new HashMap<>();
                for (int i = 1; i < parts.length; i++) {
                    int eq = parts[i].indexOf('=');
                    if (eq > 0) {
                        kv.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                    }
                }
                out.add(new Event(Double.parseDouble(parts[0]), kv.getOrDefault("reason", ""), kv.getOrDefault("ip", ""),
                        kv.getOrDefault("lease", ""), kv.getOrDefault("dns", "")));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    /** The newest event that gave the client an address (BOUND, RENEW, REBIND, REBOOT), if any. */
    public Optional<Event> lastAddress(int index) {
        List<Event> ev = events(index);
        for (int i = ev.size() - 1; i >= 0; i--) {
            if (List.of("BOUND", "RENEW", "REBIND", "REBOOT").contains(ev.get(i).reason())) {
                return Optional.of(ev.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The address the client holds now: its last addressing event, unless an EXPIRE/FAIL/RELEASE/STOP
     * came after it (then none).
     */
    public Optional<Event> current(int index) {
        List<Event> ev = events(index);
        for (int i = ev.size() - 1; i >= 0; i--) {
            String r = ev.get(i).reason();
            if (List.of("BOUND", "RENEW", "REBIND", "REBOOT").contains(r)) {
                return Optional.of(ev.get(i));
            }
            if (List.of("EXPIRE", "FAIL", "RELEASE", "STOP").contains(r)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Waits until the client's current address satisfies {@code wanted}; returns that event. */
    public Event await(int index, Predicate<Event> wanted, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Event> c = current(index);
            if (c.isPresent() && wanted.test(c.get())) {
                return c.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("client " + index + " did not reach " + what + " within " + timeout.toSeconds() + " s; events:\n"
                + String.join("\n", events(index).stream().map(Event::toString).toList()));
    }

    /** True when {@code ip} lies in VLAN 40's host range {@code from}..{@code to} (last octet). */
    public static Predicate<Event> inRange(int from, int to) {
        return e -> {
            String[] o = e.ip().split("\\.");
            if (o.length != 4 || !e.ip().startsWith("192.168." + VLAN + ".")) {
                return false;
            }
            int last = Integer.parseInt(o[3]);
            return last >= from && last <= to;
        };
    }
}
