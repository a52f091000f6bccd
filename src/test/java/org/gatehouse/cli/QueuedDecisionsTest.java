package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
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

    static final String PRINTER = "f0:18:98:00:0f:03";

    /** Two guest subnets (VLAN 40 and 41), so that the subnet of a queued decision matters. */
    @RegisterExtension
    static KeaServer kea = new KeaServer(config -> {
        ObjectNode two = new GuestSiteConfig(new KeaJson()).generate(List.of(new GuestSiteConfig.GuestVlan(40, "192.168.40.0/24"),
                new GuestSiteConfig.GuestVlan(41, "192.168.41.0/24")), List.of("9.9.9.9"), "192.168.40.4", LocalKea.runtimeIn(Path.of("unused")));
        ((ObjectNode) config.get("Dhcp4")).set("subnet4", two.path("Dhcp4").path("subnet4"));
    });

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

    @Test
    void aQueuedApproveKeepsHostnameSubnetAndNoteOnReplay() throws Exception {
        kea.stop();
        CliRun approve = run("approve", PRINTER, "--subnet", "41", "--hostname", "lobby-printer", "--note", "Empfang — Zoë, offline", "--queue");
        assertThat(approve.exit()).as(approve.err()).isZero();
        assertThat(approve.out()).contains("queued as #1");

        kea.restart();
        CliRun replay = run("offline", "replay");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("1 done");

        CliRun list = run("reservations", "list", "--format", "json");
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode mine = null;
        for (JsonNode r : new ObjectMapper().readTree(list.out())) {
            if (PRINTER.equals(r.path("mac").asText())) {
                assertThat(mine).as("one reservation only").isNull();
                mine = r;
            }
        }
        assertThat(mine).as("the replayed approve wrote a reservation").isNotNull();
        // The device has no lease and Kea has two subnets: only the queued --subnet can have put it in 41.
        assertThat(mine.path("subnetId").asLong()).isEqualTo(41);
        assertThat(mine.path("hostname").asText()).isEqualTo("lobby-printer");
        assertThat(mine.path("class").asText()).isEqualTo("registered");
        assertThat(mine.path("note").asText()).isEqualTo("Empfang — Zoë, offline");
    }
}
