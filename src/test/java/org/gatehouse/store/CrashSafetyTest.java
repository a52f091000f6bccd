package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.AuditQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a batch of writes: the cache checks ok and every acknowledged action is there. */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void killDashNineDuringWritesLosesNothingAcknowledged() throws Exception {
        Path file = dir.resolve("crash.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Integer> acknowledged = new HashSet<>();
        int batches = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ok ")) {
                    acknowledged.add(Integer.parseInt(line.substring(3)));
                } else if (line.startsWith("batch ")) {
                    batches++;
                }
                // Kill mid-stream: after a good number of commits, while it is writing.
                if (acknowledged.size() >= 400 && batches >= 20) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
                    break;
                }
            }
        }
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(400);

        try (Database db = Database.open(file)) {
            Database.Inspection check = db.check();
            assertThat(check.integrity()).containsExactly("ok");
            assertThat(check.foreignKeys()).isEmpty();
            assertThat(check.chain().ok()).as(check.chain().summary()).isTrue();
            List<AuditEntry> rows = new ActionLog(db, "t", "t").query(AuditQuery.all());
            Set<String> present = new HashSet<>();
            rows.forEach(r -> present.add(r.target()));
            for (int i : acknowledged) {
                assertThat(present).as("acknowledged action item-%d", i).contains("item-" + i);
            }
            // The last lease batch is all or nothing: the snapshot holds a whole list (one batch's hostnames),
            // and every device agrees with it: seen at its time, under its hostname, in every acknowledged batch.
            ObservationStore obs = new ObservationStore(db);
            ObservationStore.Snapshot snap = obs.lastSnapshot().orElseThrow();
            assertThat(snap.rows()).hasSize(2000);
            Set<String> hosts = new HashSet<>();
            snap.rows().forEach(r -> hosts.add(r.lease().hostname()));
            assertThat(hosts).hasSize(1);
            int acknowledgedBatches = batches;
            assertThat(obs.devices().values()).hasSize(2000).allSatisfy(d -> {
                assertThat(d.lastSeen()).isEqualTo(snap.at());
                assertThat(d.lastHostname()).isEqualTo(hosts.iterator().next());
                assertThat(d.timesSeen()).isGreaterThanOrEqualTo(acknowledgedBatches);
            });
        }
    }
}
