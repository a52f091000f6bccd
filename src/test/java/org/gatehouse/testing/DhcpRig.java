package org.gatehouse.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real kea-dhcp4 serving real dhclient clients, each in a network namespace this test creates
 * (driven through ../shared/kea-rig/rig.sh with a private directory and namespace prefix, no
 * Control Agent, no scale subnet). Kea runs Gatehouse's own three-pool config (with the
 * {@code denied} class) on a bridge inside the server namespace; no packet leaves the namespaces.
 * Needs root (CI runs as root). Everything is stopped by PID and the namespaces deleted after.
 */
public final class DhcpRig implements BeforeAllCallback, AfterAllCallback {
    public static final int VLAN = 40;

    private final String prefix = "gh" + Long.toString(Math.floorMod(System.nanoTime(), 46_656L), 36);
    private Path dir;
    private Thread cleanup;

    /** One client event line of the rig's dhclient script. */
    public record Event(double epoch, String reason, String ip, String lease, String dns) {
        public long epochMillis() {
            return (long) (epoch * 1000);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("gh-rig-");
        KeaJson json = new KeaJson();
        GuestSiteConfig.Runtime rt = new GuestSiteConfig.Runtime(List.of("br" + VLAN), dir.resolve("kea4.sock"),
                dir.resolve("kea-leases4.csv"), dir.resolve("log").resolve("kea-dhcp4.log"), LocalKea.hooksDir());
        ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(VLAN, "192.168." + VLAN + ".0/24")),
                List.of("9.9.9.9"), "192.168." + VLAN + ".4", rt);
        ((ObjectNode) config.path("Dhcp4").path("interfaces-config")).put("dhcp-socket-type", "raw");
        ((ObjectNode) config.path("Dhcp4").path("subnet4").get(0)).put("interface", "br" + VLAN);
        Path conf = dir.resolve("gatehouse-kea.json");
        Files.writeString(conf, json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config));
        cleanup = new Thread(this::down, "dhcp-rig-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        rig(Duration.ofSeconds(60), "up", "KEARIG_CONFIG=" + conf);
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

    private void down() {
        if (dir == null) {
            return;
        }
        try {
            rig(Duration.ofSeconds(60), "down");
        } catch (IOException | RuntimeException e) {
            System.err.println("dhcp rig: down failed: " + e.getMessage());
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

    /** Starts dhclient {@code index} with {@code mac} in its own namespace. */
    public void startClient(int index, String mac) throws IOException {
        rig(Duration.ofSeconds(30), "client", Integer.toString(index), "start", mac);
    }

    public List<Event> events(int index) {
        Path f = dir.resolve("clients").resolve(prefix + "-c" + index + ".events");
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

    private String rig(Duration timeout, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(SharedData.root().resolve("kea-rig").resolve("rig.sh").toString());
        List<String> env = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("KEARIG_")) {
                env.add(a);
            } else {
                cmd.add(a);
            }
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.put("KEARIG_DIR", dir.toString());
        e.put("KEARIG_NS_PREFIX", prefix);
        e.put("KEARIG_CA_PORT", "0");
        e.put("KEARIG_SCALE_NET", "");
        e.put("KEARIG_VLANS", Integer.toString(VLAN));
        e.put("KEARIG_MAC_PREFIX", "02:67:68");
        for (String kv : env) {
            e.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        // Output to a file, not a pipe: a chatty rig.sh must not block on a full pipe while we wait for it.
        java.nio.file.Path outFile = java.nio.file.Files.createTempFile(dir, "rig-", ".out");
        pb.redirectOutput(outFile.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("rig.sh " + String.join(" ", args) + " timed out");
            }
        } catch (InterruptedException ie) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", ie);
        }
        String out = java.nio.file.Files.readString(outFile, StandardCharsets.UTF_8);
        java.nio.file.Files.deleteIfExists(outFile);
        if (p.exitValue() != 0) {
            throw new IOException("rig.sh " + String.join(" ", args) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }
}
