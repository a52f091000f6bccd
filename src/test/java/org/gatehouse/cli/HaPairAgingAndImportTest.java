package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.testing.KeaHaPair;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aging pass and reservation import on a real kea-dhcp4 2.2 hot-standby pair (two --kea):
 * a device undecided for over 30 min whose lease both peers hold gets its old-unregistered
 * reservation on both ({@code sync --once}); a CSV import lands on both; with the standby down
 * the move is applied on the primary and owed to the standby (exit 3), which gets it from the
 * {@code sync --once} after it is back.
 */
@Tag("kea")
class HaPairAgingAndImportTest {
    private static final String MAC = "02:00:00:16:0a:01";
    private static final String LATE = "02:00:00:16:0a:02";

    @TempDir
    Path dir;

    private CliRun gh(KeaHaPair pair, MutableClock clock, String... args) {
        List<String> all = new ArrayList<>(List.of("--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint()));
        all.addAll(List.of(args));
        return CliRun.run(clock, Map.of("GATEHOUSE_DB", dir.resolve("c.db").toString()), all.toArray(String[]::new));
    }

    @Test
    void agingAndImportReachBothPeers() throws IOException {
        try (KeaHaPair pair = KeaHaPair.start()) {
            MutableClock clock = new MutableClock(Instant.now());
            await("the pair is in hot-standby").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(gh(pair, clock, "status").out()).contains("this server standby in state hot-standby")
                            .contains("this server primary in state hot-standby"));
            long now = Instant.now().getEpochSecond();
            pair.addLease(pair.primary(), "192.168.40.150", MAC, "guest", now, 7200);
            pair.addLease(pair.standby(), "192.168.40.150", MAC, "guest", now, 7200);

            CliRun first = gh(pair, clock, "sync", "--once");
            assertThat(first.exit()).as(first.err()).isZero();
            assertThat(first.out()).doesNotContain("moved to old-unregistered");
            clock.advance(Duration.ofMinutes(31));
            CliRun second = gh(pair, clock, "sync", "--once");
            assertThat(second.exit()).as(second.out() + second.err()).isZero();
            assertThat(second.out()).contains("moved to old-unregistered (undecided for 30m): " + MAC);
            for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                for (JsonNode dhcp4 : List.of(pair.running(k), pair.file(k))) {
                    assertThat(KeaHaPair.reservation(dhcp4, MAC).path("client-classes").toString())
                            .as("aged on " + k.endpoint()).contains("old-unregistered");
                }
            }
            assertThat(KeaHaPair.thisServerName(pair.file(pair.standby()))).isEqualTo("server2");

            Path csv = dir.resolve("drucker.csv");
            Files.writeString(csv, "mac,class,hostname,note,subnet\n"
                    + "02:00:00:16:0b:01,registered,drucker-1,Drucker Flur ✓,40\n"
                    + "02:00:00:16:0b:02,denied,,Störer,40\n");
            CliRun imported = gh(pair, clock, "reservations", "import", csv.toString());
            assertThat(imported.exit()).as(imported.out() + imported.err()).isZero();
            assertThat(imported.out()).contains("server1 (").contains("server2 (");
            for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                for (JsonNode dhcp4 : List.of(pair.running(k), pair.file(k))) {
                    JsonNode printer = KeaHaPair.reservation(dhcp4, "02:00:00:16:0b:01");
                    assertThat(printer.path("client-classes").toString()).as("imported on " + k.endpoint()).contains("registered");
                    assertThat(printer.path("user-context").path("gatehouse").path("note").asText()).isEqualTo("Drucker Flur ✓");
                    assertThat(KeaHaPair.reservation(dhcp4, "02:00:00:16:0b:02").path("client-classes").toString()).contains("denied");
                    assertThat(KeaHaPair.reservation(dhcp4, MAC).path("client-classes").toString()).contains("old-unregistered");
                }
            }

            // the standby is down when a device ages: moved on the primary, owed to the standby (exit 3 naming it) until it is back
            pair.addLease(pair.primary(), "192.168.40.151", LATE, "late", Instant.now().getEpochSecond(), 7200);
            pair.standby().stop();
            assertThat(gh(pair, clock, "sync", "--once").exit()).isZero();
            clock.advance(Duration.ofMinutes(31));
            CliRun half = gh(pair, clock, "sync", "--once");
            assertThat(half.exit()).as(half.out() + half.err()).isEqualTo(3);
            assertThat(half.out()).contains("moved to old-unregistered (undecided for 30m): " + LATE);
            assertThat(half.err()).contains("server2 (" + pair.standby().endpoint() + ") unreachable").contains("pending as #")
                    .contains("applied on server1");
            assertThat(KeaHaPair.reservation(pair.running(pair.primary()), LATE).path("client-classes").toString()).contains("old-unregistered");
            assertThat(gh(pair, clock, "status").out()).contains("1 change pending for server2");
            pair.standby().restart(Duration.ofSeconds(20));
            CliRun back = gh(pair, clock, "sync", "--once");
            assertThat(back.exit()).as(back.out() + back.err()).isZero();
            assertThat(back.out()).contains("owed to server2").contains(LATE + ": done");
            for (JsonNode dhcp4 : List.of(pair.running(pair.standby()), pair.file(pair.standby()))) {
                assertThat(KeaHaPair.reservation(dhcp4, LATE).path("client-classes").toString()).contains("old-unregistered");
            }
            assertThat(gh(pair, clock, "status").out()).doesNotContain("pending for server2");
        }
    }
}
