package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.KeaBuildings;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two independent kea-dhcp4 2.2 (one per building, subnets 40 and 41, no HA) given as two --kea:
 * the queue and the pools name the devices and subnets of both; a guest seen only in building B,
 * undecided for over 30 minutes, is aged into old-unregistered on building B's server (the only
 * one that serves its subnet), in its running configuration and its file, and nowhere else.
 */
@Tag("kea")
class IndependentServersAgingTest {
    private static final String HAUS_A = "02:00:00:16:1a:01";
    private static final String HAUS_B = "02:00:00:16:1a:02";

    @TempDir
    Path dir;

    private CliRun gh(KeaBuildings b, MutableClock clock, String... args) {
        List<String> all = new ArrayList<>(b.keaOptions());
        all.addAll(List.of(args));
        return CliRun.run(clock, Map.of("GATEHOUSE_DB", dir.resolve("c.db").toString()), all.toArray(String[]::new));
    }

    @Test
    void aDeviceSeenOnlyOnTheSecondServerIsAgedThere() throws IOException {
        try (KeaBuildings b = KeaBuildings.start(2)) {
            MutableClock clock = new MutableClock(Instant.now());
            long now = Instant.now().getEpochSecond();
            b.addLease(1, 150, HAUS_A, "gäste-laptop", now, 7200);
            b.addLease(2, 150, HAUS_B, "tablet-küche-b", now, 7200);

            CliRun queue = gh(b, clock, "queue", "list");
            assertThat(queue.exit()).as(queue.err()).isZero();
            assertThat(queue.out()).contains(HAUS_A).contains("192.168.40.150").contains(HAUS_B).contains("192.168.41.150")
                    .contains("tablet-küche-b");
            CliRun pools = gh(b, clock, "pools");
            assertThat(pools.exit()).as(pools.err()).isZero();
            assertThat(pools.out().lines().filter(l -> l.contains("192.168.41.0/24") && l.contains("newly-unregistered")).toList())
                    .singleElement().satisfies(l -> assertThat(l.strip()).endsWith("server2"));
            assertThat(pools.out().lines().filter(l -> l.contains("192.168.40.0/24") && l.contains("newly-unregistered")).toList())
                    .singleElement().satisfies(l -> assertThat(l.strip()).endsWith("server1"));

            CliRun first = gh(b, clock, "sync", "--once");
            assertThat(first.exit()).as(first.out() + first.err()).isZero();
            assertThat(first.out()).contains("2 waiting for a decision").doesNotContain("moved to old-unregistered");
            clock.advance(Duration.ofMinutes(31));
            CliRun aged = gh(b, clock, "sync", "--once");
            assertThat(aged.exit()).as(aged.out() + aged.err()).isZero();
            assertThat(aged.out()).contains("moved to old-unregistered (undecided for 30m): ").contains(HAUS_B).contains(HAUS_A);

            for (JsonNode dhcp4 : List.of(b.running(2), b.file(2))) {
                JsonNode r = KeaBuildings.reservation(dhcp4, HAUS_B);
                assertThat(r.path("client-classes").toString()).as("aged on server2").contains("old-unregistered");
                assertThat(dhcp4.path("subnet4").get(0).path("id").asLong()).isEqualTo(41);
            }
            assertThat(KeaBuildings.reservation(b.running(1), HAUS_B).isMissingNode()).as("server1 does not serve subnet 41").isTrue();
            assertThat(KeaBuildings.reservation(b.running(1), HAUS_A).path("client-classes").toString()).contains("old-unregistered");
            assertThat(KeaBuildings.reservation(b.running(2), HAUS_A).isMissingNode()).isTrue();
        }
    }
}
