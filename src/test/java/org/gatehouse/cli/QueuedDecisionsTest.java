package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approve and deny while Kea is down: queued only with --queue, replayed in order on reconnect
 * with the conflict check (someone decided meanwhile → conflict, nothing overwritten), all audited.
 */
@Tag("kea")
class QueuedDecisionsTest {
    static final String GUEST = "f0:18:98:00:0f:01";
    static final String ROGUE = "f0:18:98:00:0f:02";

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--kea";
        all[1] = kea.endpoint();
        all[2] = "--db";
        all[3] = dir.resolve("cache.db").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.run(Map.of(), all);
    }

    private String reservedClass(String mac) {
        for (JsonNode r : kea.client().config().raw().path("Dhcp4").path("subnet4").get(0).path("reservations")) {
            if (mac.equals(r.path("hw-address").asText())) {
                return r.path("client-classes").get(0).asText();
            }
        }
        return null;
    }

    @Test
    void decisionsWaitForKeaAndReplayWithTheConflictCheck() throws Exception {
        kea.addLease(140, GUEST, "guest", 60);
        kea.addLease(141, ROGUE, "rogue", 60);
        kea.stop();

        CliRun failed = run("approve", GUEST, "--subnet", "40");
        assertThat(failed.exit()).as("without --queue nothing waits").isEqualTo(3);
        CliRun approve = run("approve", GUEST, "--subnet", "40", "--queue", "--note", "front desk, offline");
        assertThat(approve.exit()).as(approve.err()).isZero();
        assertThat(approve.out()).contains("queued as #1");
        CliRun deny = run("deny", ROGUE, "--subnet", "40", "--queue");
        assertThat(deny.exit()).as(deny.err()).isZero();
        assertThat(run("offline", "list").out()).contains(GUEST).contains(ROGUE);

        kea.restart();
        // Meanwhile another workstation approved the device this one queued a deny for.
        assertThat(run("approve", ROGUE, "--subnet", "40").exit()).isZero();

        CliRun replay = run("offline", "replay");
        assertThat(replay.exit()).as("a conflict is exit 4").isEqualTo(4);
        assertThat(replay.out()).contains("1 done, 1 conflict");
        assertThat(reservedClass(GUEST)).isEqualTo("registered");
        assertThat(reservedClass(ROGUE)).as("the other decision is not overwritten").isEqualTo("registered");
        CliRun audit = run("audit", "list", "--mac", GUEST);
        assertThat(audit.out()).contains("queued");
    }
}
