package org.gatehouse.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gatehouse.model.Mac;
import org.gatehouse.sw.SnmpCredentials;
import org.gatehouse.sw.SnmpEndpoint;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.sw.SwitchFailure;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's {@code snmpsimd} serving the real Comware recording
 * ({@code src/test/resources/switch-recordings/snmp/comware.snmprec}) on 127.0.0.1 and a free UDP port,
 * started once per test JVM. Communities: {@code comware} (the recording as is) and
 * {@code comware-dot1d} (the same FDB moved to the VLAN-unaware dot1dTpFdbTable, Q-BRIDGE removed:
 * the "no Q-BRIDGE" switch). SNMPv3 authPriv (SHA/AES-128) with the empty context sees the recording
 * too (snmpsim picks the file by transport address).
 */
public final class SnmpSimulator implements BeforeAllCallback {
    public static final String COMMUNITY = "comware";
    public static final String COMMUNITY_DOT1D = "comware-dot1d";
    private static final String KEY = "snmpsim";

    private Running running;

    /** One running snmpsimd. */
    public record Running(Process process, Path dir, int port, String v3User, String authKey, String privKey)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(KEY, k -> start(), Running.class);
    }

    public SnmpEndpoint endpoint() {
        return new SnmpEndpoint("127.0.0.1", running.port());
    }

    public int port() {
        return running.port();
    }

    public String v3User() {
        return running.v3User();
    }

    public String authKey() {
        return running.authKey();
    }

    public String privKey() {
        return running.privKey();
    }

    public SnmpCredentials v2c(String community) {
        return new SnmpCredentials.Community(community.toCharArray());
    }

    public SnmpCredentials v3() {
        return new SnmpCredentials.V3(running.v3User(), running.authKey().toCharArray(), running.privKey().toCharArray());
    }

    public static Path recording() {
        return SharedData.switchRecording("snmp/comware.snmprec");
    }

    /** The recording's lines as {@code [oid, type, value]}. */
    public static List<String[]> records() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(recording(), StandardCharsets.UTF_8)) {
            String[] p = line.split("\\|", 3);
            if (p.length == 3) {
                out.add(p);
            }
        }
        return out;
    }

    /** For benchmarks and demos outside JUnit: the caller closes it. */
    public static Running startStandalone() {
        return start();
    }

    private static Running start() {
        try {
            Path dir = Files.createTempDirectory("gatehouse-snmpsim-");
            Path data = Files.createDirectories(dir.resolve("data"));
            Path cache = Files.createDirectories(dir.resolve("cache"));
            Files.copy(recording(), data.resolve(COMMUNITY + ".snmprec"));
            // SNMPv3 with an empty context: snmpsim tries "<transport domain>/<source address>"
            Path byAddress = Files.createDirectories(data.resolve("1.3.6.1.6.1.1.0"));
            Files.copy(recording(), byAddress.resolve("127.0.0.1.snmprec"));
            Files.writeString(data.resolve(COMMUNITY_DOT1D + ".snmprec"), dot1dOnly(), StandardCharsets.UTF_8);
            for (Path p : List.of(dir, data, cache, byAddress)) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            int port = freeUdpPort();
            String user = "gatehouse";
            String auth = "auth-" + UUID.randomUUID().toString().substring(0, 12);
            String priv = "priv-" + UUID.randomUUID().toString().substring(0, 12);
            List<String> cmd = new ArrayList<>(List.of("snmpsimd", "--data-dir=" + data, "--cache-dir=" + cache,
                    "--agent-udpv4-endpoint=127.0.0.1:" + port, "--v3-user=" + user, "--v3-auth-key=" + auth, "--v3-auth-proto=SHA",
                    "--v3-priv-key=" + priv, "--v3-priv-proto=AES", "--logging-method=file:" + dir.resolve("snmpsim.log")));
            if ("root".equals(System.getProperty("user.name"))) {
                cmd.addAll(List.of("--process-user=nobody", "--process-group=nogroup"));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("snmpsim.out").toFile()).start();
            Running r = new Running(p, dir, port, user, auth, priv);
            // also when the JVM is stopped from outside (a benchmark or screenshot run ended with SIGTERM)
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "snmpsimd-stop"));
            awaitReady(r);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start snmpsimd (apt-get install snmpsim)", e);
        }
    }

    private static void awaitReady(Running r) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        SnmpEndpoint ep = new SnmpEndpoint("127.0.0.1", r.port());
        while (System.nanoTime() < deadline) {
            if (!r.process().isAlive()) {
                throw new IllegalStateException("snmpsimd exited: " + Files.readString(r.dir().resolve("snmpsim.out")));
            }
            try (SnmpLocator l = new SnmpLocator(ep, new SnmpCredentials.Community(COMMUNITY.toCharArray()), Duration.ofMillis(500), 0)) {
                l.vlanNames();
                return;
            } catch (SwitchFailure notYet) {
                // still indexing the data files
            }
        }
        r.close();
        throw new IllegalStateException("snmpsimd did not answer within 90 s");
    }

    /** The recording with its Q-BRIDGE FDB turned into dot1dTpFdbPort rows and the rest of Q-BRIDGE removed. */
    static String dot1dOnly() throws IOException {
        String qFdb = "1.3.6.1.2.1.17.7.1.2.2.1.2.";
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String[] r : records()) {
            if (r[0].startsWith(qFdb)) {
                String[] idx = r[0].substring(qFdb.length()).split("\\.");
                String mac = String.join(".", Arrays.copyOfRange(idx, 1, 7));
                rows.putIfAbsent("1.3.6.1.2.1.17.4.3.1.2." + mac, new String[] {"1.3.6.1.2.1.17.4.3.1.2." + mac, r[1], r[2]});
            } else if (!r[0].startsWith("1.3.6.1.2.1.17.7.")) {
                rows.put(r[0], r);
            }
        }
        List<String[]> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing(r -> oidKey(r[0]), SnmpSimulator::compareOids));
        StringBuilder sb = new StringBuilder();
        sorted.forEach(r -> sb.append(r[0]).append('|').append(r[1]).append('|').append(r[2]).append('\n'));
        return sb.toString();
    }

    private static int[] oidKey(String oid) {
        return Arrays.stream(oid.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static int compareOids(int[] a, int[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (a[i] != b[i]) {
                return Long.compare(a[i] & 0xFFFFFFFFL, b[i] & 0xFFFFFFFFL);
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** MAC of a dot1qTpFdbPort index suffix {@code fdb.o1.o2.o3.o4.o5.o6}. */
    public static Mac macOfIndex(String[] idx, int from) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | Integer.parseInt(idx[from + i]);
        }
        return new Mac(v);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
