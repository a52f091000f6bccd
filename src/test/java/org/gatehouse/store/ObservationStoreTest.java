package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservationStoreTest {

    @TempDir
    Path dir;

    private static ClassifiedLease lease(String ip, String mac, Tier tier) {
        return new ClassifiedLease(new Lease(Ipv4.parse(ip), Mac.parse(mac), "host", 40, LeaseState.DEFAULT, 1000, 60), tier, null);
    }

    @Test
    void firstSeenStaysAndHistoryRecordsOnlyChanges() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            ObservationStore store = new ObservationStore(db);
            Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
            Mac mac = Mac.parse("f0:18:98:00:00:01");
            assertThat(store.record(List.of(lease("192.168.40.130", mac.toString(), Tier.NEWLY_UNREGISTERED)), t0).newDevices()).isEqualTo(1);
            store.record(List.of(lease("192.168.40.130", mac.toString(), Tier.NEWLY_UNREGISTERED)), t0.plusSeconds(60));
            store.record(List.of(lease("192.168.40.10", mac.toString(), Tier.REGISTERED)), t0.plusSeconds(120));

            ObservationStore.Device d = store.device(mac).orElseThrow();
            assertThat(d.firstSeen()).isEqualTo(t0);
            assertThat(d.lastSeen()).isEqualTo(t0.plusSeconds(120));
            assertThat(d.timesSeen()).isEqualTo(3);
            assertThat(d.lastTier()).isEqualTo(Tier.REGISTERED);
            assertThat(store.history(mac)).extracting(h -> h.ip() + " " + h.tier())
                    .containsExactly("192.168.40.130 newly-unregistered", "192.168.40.10 registered");
        }
    }

    @Test
    void recordingOnlyTheChangesKeepsTheSameCacheAsRecordingEverything() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            ObservationStore store = new ObservationStore(db);
            Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
            ClassifiedLease a = lease("192.168.40.130", "f0:18:98:00:00:01", Tier.NEWLY_UNREGISTERED);
            ClassifiedLease b = lease("192.168.40.131", "f0:18:98:00:00:02", Tier.NEWLY_UNREGISTERED);
            store.record(List.of(a, b), t0);
            // a moves to the registered pool, b's lease goes, c arrives.
            ClassifiedLease aMoved = lease("192.168.40.10", "f0:18:98:00:00:01", Tier.REGISTERED);
            ClassifiedLease c = lease("192.168.40.140", "f0:18:98:00:00:03", Tier.NEWLY_UNREGISTERED);
            ObservationStore.Recorded r = store.recordChanges(List.of(aMoved, c), List.of(a.lease().ip(), b.lease().ip()),
                    t0.plusSeconds(2));
            assertThat(r.newDevices()).isEqualTo(1);
            assertThat(r.changes()).isEqualTo(2);
            ObservationStore.Snapshot s = store.lastSnapshot().orElseThrow();
            assertThat(s.at()).isEqualTo(t0.plusSeconds(2));
            assertThat(s.rows()).extracting(row -> row.lease().ip().toString()).containsExactlyInAnyOrder("192.168.40.10", "192.168.40.140");
            assertThat(store.history(Mac.parse("f0:18:98:00:00:01"))).extracting(h -> h.ip() + " " + h.tier())
                    .containsExactly("192.168.40.130 newly-unregistered", "192.168.40.10 registered");
            // Nothing changed: everyone still in the list is seen again.
            store.recordChanges(List.of(), List.of(), t0.plusSeconds(60));
            assertThat(store.device(Mac.parse("f0:18:98:00:00:03")).orElseThrow().lastSeen()).isEqualTo(t0.plusSeconds(60));
            assertThat(store.device(Mac.parse("f0:18:98:00:00:02")).orElseThrow().lastSeen())
                    .as("a device without a lease is not seen").isEqualTo(t0);
            assertThat(store.device(Mac.parse("f0:18:98:00:00:01")).orElseThrow().firstSeen()).isEqualTo(t0);
        }
    }

    @Test
    void unchangedDevicesAreSeenAtEveryRefreshAndADeviceThatLeftKeepsItsLastSighting() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            ObservationStore store = new ObservationStore(db);
            Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
            ClassifiedLease a = lease("192.168.40.130", "f0:18:98:00:00:01", Tier.NEWLY_UNREGISTERED);
            ClassifiedLease b = lease("192.168.40.131", "f0:18:98:00:00:02", Tier.NEWLY_UNREGISTERED);
            store.record(List.of(a, b), t0);
            store.record(List.of(a), t0.plusSeconds(10));
            assertThat(store.device(Mac.parse("f0:18:98:00:00:01")).orElseThrow().lastSeen()).isEqualTo(t0.plusSeconds(10));
            assertThat(store.lastSnapshot().orElseThrow().rows()).extracting(r -> r.lease().ip().toString())
                    .containsExactly("192.168.40.130");
            store.record(List.of(a), t0.plusSeconds(60));
            ObservationStore.Device d = store.device(Mac.parse("f0:18:98:00:00:01")).orElseThrow();
            assertThat(d.lastSeen()).isEqualTo(t0.plusSeconds(60));
            assertThat(d.timesSeen()).isEqualTo(3);
            assertThat(d.firstSeen()).isEqualTo(t0);
            ObservationStore.Device gone = store.device(Mac.parse("f0:18:98:00:00:02")).orElseThrow();
            assertThat(gone.lastSeen()).isEqualTo(t0);
            assertThat(gone.timesSeen()).isEqualTo(1);
            // It comes back: same first sighting, one more observation, no history row (nothing about its lease changed).
            store.record(List.of(a, b), t0.plusSeconds(90));
            ObservationStore.Device back = store.device(Mac.parse("f0:18:98:00:00:02")).orElseThrow();
            assertThat(back.firstSeen()).isEqualTo(t0);
            assertThat(back.lastSeen()).isEqualTo(t0.plusSeconds(90));
            assertThat(back.timesSeen()).isEqualTo(2);
            assertThat(store.history(Mac.parse("f0:18:98:00:00:02"))).hasSize(1);
        }
    }

    @Test
    void aHostnameChangeIsInTheDeviceHistory() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            ObservationStore store = new ObservationStore(db);
            Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
            Mac mac = Mac.parse("f0:18:98:00:00:07");
            Lease before = new Lease(Ipv4.parse("192.168.40.150"), mac, "anna-phone", 40, LeaseState.DEFAULT, 1000, 60);
            Lease renamed = new Lease(Ipv4.parse("192.168.40.150"), mac, "Änna’s iPhone", 40, LeaseState.DEFAULT, 1030, 60);
            store.record(List.of(new ClassifiedLease(before, Tier.NEWLY_UNREGISTERED, null)), t0);
            store.record(List.of(new ClassifiedLease(renamed, Tier.NEWLY_UNREGISTERED, null)), t0.plusSeconds(30));
            assertThat(store.history(mac)).extracting(ObservationStore.HistoryEntry::hostname).containsExactly("anna-phone", "Änna’s iPhone");
            assertThat(store.device(mac).orElseThrow().lastHostname()).isEqualTo("Änna’s iPhone");
            // A renewal alone (cltt moves) changes the stored list, not the device.
            Lease renewed = new Lease(Ipv4.parse("192.168.40.150"), mac, "Änna’s iPhone", 40, LeaseState.DEFAULT, 1060, 60);
            assertThat(store.record(List.of(new ClassifiedLease(renewed, Tier.NEWLY_UNREGISTERED, null)), t0.plusSeconds(60)).changes())
                    .isZero();
            assertThat(store.history(mac)).hasSize(2);
            assertThat(store.lastSnapshot().orElseThrow().rows().get(0).lease().cltt()).isEqualTo(1060);
        }
    }

    @Test
    void aSchema6CacheKeepsItsSightingsThroughMigration7() throws Exception {
        Path file = dir.resolve("v6.db");
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            Database.migrate(c, 6);
            // As schema 6 left it: 01 in the last list (stamped a minute late, 3 sightings), 02 gone since t0.
            s.execute("INSERT INTO device (mac, first_seen, last_seen, last_ip, last_state, last_tier, times_seen) VALUES"
                    + " ('f0:18:98:00:00:01', " + t0.toEpochMilli() + ", " + t0.plusSeconds(60).toEpochMilli()
                    + ", '192.168.40.130', 'default', 'newly-unregistered', 3),"
                    + " ('f0:18:98:00:00:02', " + t0.toEpochMilli() + ", " + t0.toEpochMilli() + ", '192.168.40.131', 'default', 'newly-unregistered', 1)");
            s.execute("INSERT INTO lease_snapshot (ip, mac, hostname, subnet_id, state, cltt, valid_lft, tier) VALUES"
                    + " ('192.168.40.130', 'f0:18:98:00:00:01', 'host', 40, 0, 1000, 60, 'newly-unregistered')");
            s.execute("INSERT INTO meta (key, value) VALUES ('snapshot_at', '" + t0.plusSeconds(90).toEpochMilli() + "')");
        }
        try (Database db = Database.open(file)) {
            ObservationStore store = new ObservationStore(db);
            ObservationStore.Device present = store.device(Mac.parse("f0:18:98:00:00:01")).orElseThrow();
            assertThat(present.firstSeen()).isEqualTo(t0);
            assertThat(present.lastSeen()).as("in the last list: seen when it was taken").isEqualTo(t0.plusSeconds(90));
            assertThat(present.timesSeen()).isEqualTo(3);
            ObservationStore.Device gone = store.device(Mac.parse("f0:18:98:00:00:02")).orElseThrow();
            assertThat(gone.lastSeen()).isEqualTo(t0);
            assertThat(gone.timesSeen()).isEqualTo(1);
            assertThat(store.lastSnapshot().orElseThrow().at()).isEqualTo(t0.plusSeconds(90));
            // The same list again, then without 01: one more sighting, then its last one is kept.
            store.record(List.of(lease("192.168.40.130", "f0:18:98:00:00:01", Tier.NEWLY_UNREGISTERED)), t0.plusSeconds(120));
            store.record(List.of(), t0.plusSeconds(180));
            ObservationStore.Device left = store.device(Mac.parse("f0:18:98:00:00:01")).orElseThrow();
            assertThat(left.lastSeen()).isEqualTo(t0.plusSeconds(120));
            assertThat(left.timesSeen()).isEqualTo(4);
            assertThat(left.firstSeen()).isEqualTo(t0);
        }
    }

    @Test
    void aDeviceRowFromTheFirstSchemaWithoutStateIsSeenAgain() {
        try (Database db = Database.open(dir.resolve("old-row.db"))) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO device (mac, first_seen, last_seen, last_ip, last_tier) VALUES ('f0:18:98:00:00:01', 1, 2,"
                            + " '192.168.40.130', 'newly-unregistered')");
                }
                return null;
            });
            ObservationStore store = new ObservationStore(db);
            Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
            assertThat(store.record(List.of(lease("192.168.40.130", "f0:18:98:00:00:01", Tier.NEWLY_UNREGISTERED)), t0).changes())
                    .as("its state is now known: one history row").isEqualTo(1);
            ObservationStore.Device d = store.device(Mac.parse("f0:18:98:00:00:01")).orElseThrow();
            assertThat(d.firstSeen()).isEqualTo(Instant.ofEpochMilli(1));
            assertThat(d.lastSeen()).isEqualTo(t0);
        }
    }

    @Test
    void lastSnapshotSurvivesReopening() {
        Path file = dir.resolve("c.db");
        Instant at = Instant.parse("2026-11-27T10:00:00Z");
        try (Database db = Database.open(file)) {
            new ObservationStore(db).record(List.of(lease("192.168.40.5", "f0:18:98:00:00:05", Tier.REGISTERED),
                    lease("192.168.40.200", "f0:18:98:00:00:06", Tier.OLD_UNREGISTERED)), at);
        }
        try (Database db = Database.open(file)) {
            ObservationStore.Snapshot s = new ObservationStore(db).lastSnapshot().orElseThrow();
            assertThat(s.at()).isEqualTo(at);
            assertThat(s.rows()).extracting(r -> r.lease().ip().toString() + " " + r.tier())
                    .containsExactlyInAnyOrder("192.168.40.5 registered", "192.168.40.200 old-unregistered");
        }
    }

    @Test
    void aCacheFromANewerGatehouseIsRefusedNotDamaged() throws Exception {
        Path file = dir.resolve("newer.db");
        try (Database db = Database.open(file)) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA user_version=999");
                }
                return null;
            });
        }
        assertThatThrownBy(() -> Database.open(file)).isInstanceOf(StoreException.class).hasMessageContaining("newer");
    }

    @Test
    void tenThousandObservationsAreOneQuickTransaction() {
        try (Database db = Database.open(dir.resolve("big.db"))) {
            ObservationStore store = new ObservationStore(db);
            List<ClassifiedLease> many = new java.util.ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                many.add(lease(new Ipv4(0x0A000000L + i).toString(), new Mac(0xF01898000000L + i).toString(), Tier.REGISTERED));
            }
            assertThat(store.record(many, Instant.now()).newDevices()).isEqualTo(10_000);
            assertThat(store.devices()).hasSize(10_000);
        }
    }
}
