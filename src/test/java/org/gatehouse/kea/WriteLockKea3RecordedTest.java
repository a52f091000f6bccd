package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The write lock against Kea 3.0's own answers (captured from kea-dhcp4 3.0.4, see
 * src/test/resources/kea-responses/README.md): a taken lock lease is "IPv4 lease already exists"
 * with result 4 (conflict) there, result 1 on Kea 2.2. Either way the writer waits for the holder;
 * it must never take the conflict for a missing subnet and give up with exit 4.
 */
class WriteLockKea3RecordedTest {
    private final KeaJson json = new KeaJson();
    private final List<String> sent = new ArrayList<>();

    @Test
    void aTakenLockOnKea3IsWaitedForNotReportedAsAConflict() {
        Map<String, Deque<String>> answers = Map.of(
                "version-get", new ArrayDeque<>(List.of("kea-3.0/version-get.postgresql.captured.json")),
                "list-commands", new ArrayDeque<>(List.of("kea-3.0/list-commands.lease_cmds-stat_cmds-host_cmds.captured.json")),
                // The only complete captured 3.x config-get (3.2); only its subnets matter here (the lock address).
                "config-get", new ArrayDeque<>(List.of("kea-3.2/config-get.json")),
                // Another holder has the lock for two tries, then it is free.
                "lease4-add", new ArrayDeque<>(List.of("kea-3.0/lease4-add.already-exists.captured.json",
                        "kea-3.0/lease4-add.already-exists.captured.json", "kea-3.0/lease4-add.lock.captured.json")),
                "lease4-get", new ArrayDeque<>(List.of("kea-3.0/lease4-get.lock.captured.json", "kea-3.0/lease4-get.lock.captured.json")),
                "lease4-del", new ArrayDeque<>(List.of("kea-3.0/lease4-del.lock.captured.json")));
        try (KeaClient kea = new KeaClient(replaying(answers), json, Duration.ofSeconds(1))) {
            String done = kea.writeLock().holding("approve", () -> "written");
            assertThat(done).isEqualTo("written");
        }
        assertThat(sent).containsSubsequence("lease4-add", "lease4-get", "lease4-add", "lease4-get", "lease4-add", "lease4-del");
        assertThat(sent.stream().filter("lease4-add"::equals).count()).isEqualTo(3);
    }

    /** A Kea made of recorded answers, consumed in order per command; a command without one fails the test. */
    private KeaTransport replaying(Map<String, Deque<String>> answers) {
        return new KeaTransport() {
            @Override
            public String describe() {
                return "recorded Kea 3.0.4";
            }

            @Override
            public boolean wantsService() {
                return false;
            }

            @Override
            public String exchange(String request, Duration timeout) {
                try {
                    String command = json.read(request).path("command").asText();
                    sent.add(command);
                    Deque<String> queue = answers.get(command);
                    if (queue == null || queue.isEmpty()) {
                        throw new AssertionError("unexpected " + command + " after " + sent);
                    }
                    String file = queue.size() == 1 ? queue.peek() : queue.poll();
                    JsonNode recorded = json.read(Files.readString(SharedData.keaResponse(file)));
                    return json.write(recorded.get("response"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }
}
