package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Gatehouse processes started at once on a machine with no cache yet (the console and a CLI
 * command, or two parallel approves) both create the cache. Each migration re-reads the schema
 * version inside its write transaction, so the second process finds the work done instead of
 * failing with "duplicate column name". Real processes, released together.
 */
class FirstOpenRaceTest {
    private static final int PROCESSES = 6;
    private static final int ROUNDS = 3;

    @Test
    void processesCreatingTheSameNewCacheAtOnceAllOpenIt(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int round = 0; round < ROUNDS; round++) {
            Path cache = dir.resolve("cache-" + round + ".db");
            Path go = dir.resolve("go-" + round);
            List<Process> children = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CacheOpener.class.getName(),
                        cache.toString(), go.toString()).redirectErrorStream(true).start());
            }
            Thread.sleep(1500); // every JVM started and spinning on the go-file
            Files.createFile(go);
            for (Process child : children) {
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
                String out = output(child);
                assertThat(child.exitValue()).as("round %d: %s", round, out).isZero();
                assertThat(out).contains("version " + Database.latestSchemaVersion());
            }
        }
    }

    private static String output(Process p) throws IOException {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
