package org.gatehouse.e2e;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.gatehouse.kea.KeaText;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The claim "nothing is reported done that is not in Kea", attacked with real parallel processes:
 * 24 separate JVMs, each with its own cache, approve or deny at the same moment against one real
 * kea-dhcp4 — half over its unix socket, half through the Control Agent — while a {@code sync}
 * loop ages other devices on the same Kea. Afterwards every process that exited 0 has its
 * reservation in Kea's running configuration and in its config file, with its non-ASCII note
 * intact, and its own audit row says what its exit code said.
 */
@Tag("kea")
class ConcurrentWritersTest {
    private static final int WRITERS = 24;
    private static final int DENIES = 4;
    private static final int AGING = 6;

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static ControlAgent agent;
    static Path passwordFile;

    @BeforeAll
    static void agent() throws Exception {
        agent = new ControlAgent(dir.resolve("ca"), kea.socket());
        passwordFile = dir.resolve("ca-password");
        Files.writeString(passwordFile, agent.password() + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.close();
        }
    }

    record Writer(int index, String mac, String verb, String note, boolean http, Process process, Path db, Path out) {
        String wantedClass() {
            return verb.equals("approve") ? "registered" : "denied";
        }
    }

    @Test
    void parallelWritersFromSeparateProcessesAllLandAndTellTheTruth() throws Exception {
        // Every writer's device and every aging candidate holds a newly-unregistered lease, as real guests do.
        for (int i = 0; i < WRITERS; i++) {
            kea.addLease(128 + i, mac(0xa0, i), "guest-" + i, 3600);
        }
        for (int i = 0; i < AGING; i++) {
            kea.addLease(160 + i, mac(0xb0, i), "aging-" + i, 3600);
        }

        Process sync = start(List.of("sync", "--interval", "1", "--old-after", "1s"), dir.resolve("sync.db"), false,
                dir.resolve("sync.out"));
        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String verb = i % (WRITERS / DENIES) == 0 ? "deny" : "approve";
            String note = "Müller " + i + " — Zürich 東京 ✓";
            boolean http = i % 2 == 1;
            Path db = dir.resolve("w" + i + ".db");
            Path out = dir.resolve("w" + i + ".out");
            String mac = mac(0xa0, i);
            writers.add(new Writer(i, mac, verb, note, http,
                    start(List.of(verb, mac, "--note", note, "--subnet", "40"), db, http, out), db, out));
        }

        Map<Integer, Integer> exitCodes = new TreeMap<>();
        for (Writer w : writers) {
            assertThat(w.process().waitFor(240, TimeUnit.SECONDS)).as("writer %d finished", w.index()).isTrue();
            exitCodes.merge(w.process().exitValue(), 1, Integer::sum);
        }
        // Let the sync loop finish the aging it owes, then stop it.
        awaitAged();
        sync.destroy();
        sync.waitFor(30, TimeUnit.SECONDS);
        System.out.println("ConcurrentWritersTest: " + WRITERS + " writers (" + DENIES + " deny, "
                + (WRITERS / 2) + " over the Control Agent) + a sync loop; exit codes " + exitCodes);

        JsonNode running = kea.client().config().raw().path("Dhcp4");
        JsonNode file = KeaText.decodeBytes(new ObjectMapper().readTree(kea.configFile())).path("Dhcp4");
        int landed = 0;
        for (Writer w : writers) {
            int exit = w.process().exitValue();
            String output = Files.readString(w.out(), StandardCharsets.UTF_8);
            List<JsonNode> audit = auditRows(w.db(), w.verb());
            assertThat(audit).as("one %s row in writer %d's audit (%s)", w.verb(), w.index(), output).hasSize(1);
            String result = audit.get(0).path("result").asText();
            if (exit == 0) {
                landed++;
                // Under Kea's write lock no Gatehouse writer ever sees another's change mid-write.
                assertThat(result).as("writer %d audit", w.index()).startsWith("ok: written").doesNotContain("merged");
                for (JsonNode config : List.of(running, file)) {
                    JsonNode r = reservation(config, w.mac());
                    assertThat(r).as("writer %d (%s, exit 0, %s) in Kea", w.index(), w.verb(), output).isNotNull();
                    assertThat(r.path("client-classes").get(0).asText()).isEqualTo(w.wantedClass());
                    assertThat(r.path("user-context").path("gatehouse").path("note").asText()).isEqualTo(w.note());
                }
            } else {
                assertThat(result).as("writer %d exited %d: %s", w.index(), exit, output).doesNotStartWith("ok");
                assertThat(reservation(running, w.mac())).as("writer %d failed and wrote nothing", w.index()).isNull();
            }
        }
        assertThat(landed).as("exit codes %s", exitCodes).isEqualTo(WRITERS);
        for (int i = 0; i < AGING; i++) {
            JsonNode r = reservation(file, mac(0xb0, i));
            assertThat(r).as("aging candidate %d moved by the sync loop", i).isNotNull();
            assertThat(r.path("client-classes").get(0).asText()).isEqualTo("old-unregistered");
        }
    }

    private void awaitAged() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode dhcp4 = kea.client().config().raw().path("Dhcp4");
            boolean all = true;
            for (int i = 0; i < AGING; i++) {
                all &= reservation(dhcp4, mac(0xb0, i)) != null;
            }
            if (all) {
                return;
            }
            Thread.sleep(250);
        }
    }

    private static String mac(int group, int i) {
        return String.format("02:c0:%02x:00:00:%02x", group, i);
    }

    private static JsonNode reservation(JsonNode dhcp4, String mac) {
        for (JsonNode subnet : dhcp4.path("subnet4")) {
            for (JsonNode r : subnet.path("reservations")) {
                if (mac.equals(r.path("hw-address").asText())) {
                    return r;
                }
            }
        }
        return null;
    }

    private Process start(List<String> args, Path db, boolean http, Path out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"), "org.gatehouse.app.Main",
                "--kea", http ? agent.url() : "unix:" + kea.socket(), "--db", db.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
        env.put("XDG_STATE_HOME", dir.resolve("state").toString()); // the log stays out of the user's home
        if (http) {
            env.put("GATEHOUSE_KEA_USER", agent.user());
            env.put("GATEHOUSE_KEA_PASSWORD_FILE", passwordFile.toString());
        }
        return pb.start();
    }

    private static List<JsonNode> auditRows(Path db, String action) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.gatehouse.app.Main", "--db", db.toString(), "audit", "list", "--action", action, "--format", "json")
                .redirectErrorStream(true);
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        List<JsonNode> rows = new ArrayList<>();
        new ObjectMapper().readTree(text).forEach(rows::add);
        return rows;
    }

    private static String javaBin() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }
}
