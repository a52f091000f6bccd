package org.gatehouse.e2e;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.gatehouse.cli.CliRun;
import org.gatehouse.testing.DhcpRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest master's job end to end: a real kea-dhcp4 and real dhclient clients in network
 * namespaces, decisions made through the real command line. Three clients run side by side so
 * that the slow part (waiting for each client's own renewal, ~25-30 s after it bound) is paid once.
 */
@Tag("kea")
@Tag("root")
class RealClientsTest {
    private static final String APPROVED = "02:67:68:28:00:01";
    private static final String DENIED = "02:67:68:28:00:02";
    private static final String UNDECIDED = "02:67:68:28:00:03";

    @RegisterExtension
    static DhcpRig rig = new DhcpRig();

    @TempDir
    Path dir;

    @Test
    void approveDenyAgeAndUnregisterMoveRealClientsBetweenThePools() throws Exception {
        Map<String, String> env = Map.of("GATEHOUSE_KEA", rig.endpoint(), "GATEHOUSE_DB", dir.resolve("cache.db").toString());
        rig.startClient(1, APPROVED);
        rig.startClient(2, DENIED);
        rig.startClient(3, UNDECIDED);

        // A new device lands in the newly-unregistered pool (.128-.191) with a 60 s lease.
        for (int c = 1; c <= 3; c++) {
            DhcpRig.Event e = rig.await(c, DhcpRig.inRange(128, 191), Duration.ofSeconds(30), "a newly-unregistered address");
            assertThat(e.lease()).isEqualTo("60");
            assertThat(e.dns()).isEqualTo("192.168.40.4");
        }
        CliRun queue = CliRun.run(env, "queue", "list", "--format", "json");
        assertThat(queue.exit()).as(queue.err()).isZero();
        JsonNode q = new ObjectMapper().readTree(queue.out());
        assertThat(q).extracting(n -> n.get("mac").asText()).containsExactlyInAnyOrder(APPROVED, DENIED, UNDECIDED);
        long queuedAt = System.currentTimeMillis();

        long approvedAt = System.currentTimeMillis();
        CliRun approve = CliRun.run(env, "approve", APPROVED, "--note", "e2e");
        assertThat(approve.exit()).as(approve.err()).isZero();
        CliRun deny = CliRun.run(env, "deny", DENIED, "--note", "e2e");
        assertThat(deny.exit()).as(deny.err()).isZero();

        // Aging: the undecided device was first seen (by queue list) more than 5 s ago.
        Thread.sleep(Math.max(0, queuedAt + 5500 - System.currentTimeMillis()));
        CliRun sync = CliRun.run(env, "sync", "--once", "--old-after", "5s");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("moved to old-unregistered").contains(UNDECIDED).doesNotContain(APPROVED).doesNotContain(DENIED);

        // Approved: NAKed at its next renewal, then a registered address (.5-.127) with 24 h and public DNS.
        DhcpRig.Event registered = rig.await(1, DhcpRig.inRange(5, 127), Duration.ofSeconds(45), "a registered address");
        assertThat(registered.lease()).isEqualTo("86400");
        assertThat(registered.dns()).isEqualTo("9.9.9.9");
        double moved = (registered.epochMillis() - approvedAt) / 1000.0;
        System.out.printf("e2e: approve -> client holds a registered address after %.1f s%n", moved);

        // Aged: old-unregistered pool (.192-.254), 24 h lease.
        DhcpRig.Event old = rig.await(3, DhcpRig.inRange(192, 254), Duration.ofSeconds(45), "an old-unregistered address");
        assertThat(old.lease()).isEqualTo("86400");

        // Denied: its renewal is NAKed and it gets no address again.
        long deadline = System.currentTimeMillis() + 45_000;
        while (rig.current(2).isPresent() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(rig.current(2)).as("denied client still holds " + rig.current(2)).isEmpty();
        Thread.sleep(6000);
        assertThat(rig.current(2)).as("denied client got an address again").isEmpty();

        // Unregister: back to the unregistered pools at its next DISCOVER.
        CliRun un = CliRun.run(env, "unregister", DENIED);
        assertThat(un.exit()).as(un.err()).isZero();
        rig.await(2, DhcpRig.inRange(128, 254), Duration.ofSeconds(30), "an unregistered address after unregister");

        CliRun q2 = CliRun.run(env, "queue", "list", "--format", "json");
        assertThat(new ObjectMapper().readTree(q2.out())).extracting(n -> n.get("mac").asText()).doesNotContain(APPROVED).contains(DENIED);
    }
}
