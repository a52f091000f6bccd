package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.store.Database;
import org.gatehouse.store.PendingLeaseDeletes;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two independent kea-dhcp4 2.2 (no HA hook), one per building, that both serve 192.168.40.0/24
 * and hand out the same address to different devices: each device is listed and queued with its
 * own server, never folded into the other building's row; a lease deletion owed to no server (a
 * row from before schema 8) or to a server the profile no longer names is retried on both.
 */
@Tag("kea")
class SameSubnetBuildingsTest {
    @RegisterExtension
    static KeaServer building1 = new KeaServer();
    @RegisterExtension
    static KeaServer building2 = new KeaServer();

    private final KeaJson json = new KeaJson();

    @TempDir
    Path dir;

    @BeforeEach
    void noLeases() {
        building1.wipeLeases();
        building2.wipeLeases();
    }

    private CliRun gh(String... args) {
        List<String> all = new ArrayList<>(List.of("--kea", building1.endpoint(), "--kea", building2.endpoint()));
        all.addAll(List.of(args));
        return CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c.db").toString()), all.toArray(String[]::new));
    }

    /** What the cache cannot hold (one device per address) is said where the admin checks the site. */
    @Test
    void siteCheckWarnsThatTwoBuildingsServeOneRange() {
        CliRun check = gh("site", "check");
        assertThat(check.out() + check.err()).contains("server1 and server2 are not an HA pair but both serve 192.168.40.0/24")
                .contains("only server1's device is recorded in the cache");
    }

    @Test
    void theSameAddressInTwoBuildingsIsTwoRowsEachNamingItsServerAndBothDevicesAreQueued() throws Exception {
        String ip = "192.168.40.150";
        building1.addLease(150, "02:00:00:16:aa:01", "laptop-haus-a", 3600);
        building2.addLease(150, "02:00:00:16:bb:02", "gast-haus-b", 3600);

        CliRun list = gh("leases", "list", "--format", "json");
        assertThat(list.exit()).as(list.out() + list.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        json.read(list.out()).forEach(r -> {
            if (r.toString().contains(ip)) {
                rows.add(r);
            }
        });
        assertThat(rows).as(list.out()).hasSize(2);
        assertThat(rows.get(0).toString()).contains("02:00:00:16:aa:01").contains("server1").doesNotContain("server2");
        assertThat(rows.get(1).toString()).contains("02:00:00:16:bb:02").contains("server2").doesNotContain("server1");
        assertThat(list.out()).doesNotContain("has MAC");

        CliRun table = gh("leases", "list");
        assertThat(table.out()).as(table.out()).contains("02:00:00:16:aa:01").contains("02:00:00:16:bb:02");

        CliRun queue = gh("queue", "list");
        assertThat(queue.exit()).as(queue.out() + queue.err()).isZero();
        assertThat(queue.out()).contains("02:00:00:16:bb:02").contains("02:00:00:16:aa:01");
    }

    /** Records an owed deletion as an older Gatehouse (or a since-removed server) left it in the cache. */
    private void owe(String mac, String ip, String server) {
        CliRun created = gh("status");
        assertThat(created.exit()).as(created.out() + created.err()).isZero();
        try (Database db = Database.open(dir.resolve("c.db"))) {
            new PendingLeaseDeletes(db).failed(Mac.parse(mac), Ipv4.parse(ip), 40, server, Instant.now(), "Kea went away");
        }
    }

    private static boolean holds(KeaServer server, String mac) {
        return !server.client().execute(new KeaCommands.Lease4GetByHwAddress(Mac.parse(mac))).isEmpty();
    }

    private List<PendingLeaseDeletes.Pending> owed() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            return new PendingLeaseDeletes(db).all();
        }
    }

    @Test
    void aDeletionFromBeforeSchema8WhoseLeaseIsOnTheSecondServerIsDoneThereNotDropped() throws Exception {
        String mac = "02:00:00:16:cc:03";
        building2.addLease(160, mac, "gast-älter", 3600);
        owe(mac, "192.168.40.160", PendingLeaseDeletes.ANY_SERVER);

        CliRun sync = gh("sync", "--once");
        assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
        assertThat(holds(building2, mac)).as("server2's lease of the approved device is deleted").isFalse();
        assertThat(owed()).isEmpty();
        JsonNode retries = json.read(gh("audit", "list", "--action", "lease-delete-retry", "--format", "json").out());
        assertThat(retries).singleElement().satisfies(r -> {
            assertThat(r.path("detail").asText()).isEqualTo("192.168.40.160 on server2");
            assertThat(r.path("result").asText()).isEqualTo("ok");
        });
    }

    @Test
    void aDeletionOwedToAServerTheProfileNoLongerNamesIsRetriedOnTheOthersAndSaidSo() throws Exception {
        String mac = "02:00:00:16:dd:04";
        building2.addLease(170, mac, "gast-umgezogen", 3600);
        building1.addLease(170, "02:00:00:16:dd:05", "anderes-gerät", 3600);
        owe(mac, "192.168.40.170", "unix:/old/path/kea4.sock");

        CliRun sync = gh("sync", "--once");
        assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
        assertThat(sync.out()).contains("owed to unix:/old/path/kea4.sock, which this profile no longer names; tried on every server")
                .doesNotContain("lease deletions still pending");
        assertThat(holds(building2, mac)).isFalse();
        assertThat(holds(building1, "02:00:00:16:dd:05")).as("another device's lease at the same address stays").isTrue();
        assertThat(owed()).isEmpty();
    }

    @Test
    void aDeletionNamingNoServerStaysOwedWhileTheSecondServerIsDownAndIsDoneOnceItIsBack() throws Exception {
        String mac = "02:00:00:16:ee:06";
        building2.addLease(180, mac, "gast", 3600);
        owe(mac, "192.168.40.180", PendingLeaseDeletes.ANY_SERVER);
        building2.stop();
        try {
            CliRun down = gh("sync", "--once");
            assertThat(down.out() + down.err()).contains("lease deletions still pending: 1");
            assertThat(owed()).hasSize(1);
        } finally {
            building2.restart();
        }
        assertThat(holds(building2, mac)).as("the lease survived the restart").isTrue();
        CliRun back = gh("sync", "--once");
        assertThat(back.exit()).as(back.out() + back.err()).isZero();
        assertThat(holds(building2, mac)).isFalse();
        assertThat(owed()).isEmpty();
    }
}
