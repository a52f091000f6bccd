package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.AuditQuery;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.CacheService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations from every past schema, online backup under load, validated restore, retention. */
class CacheSafetyTest {
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;

    /** Data as each old schema held it, written with that schema's own columns. */
    private static void seed(Connection c, int version) throws Exception {
        try (Statement s = c.createStatement()) {
            if (version >= 1) {
                s.execute("INSERT INTO device (mac, first_seen, last_seen, last_ip, last_tier) VALUES ('f0:18:98:00:00:01', 1, 2, "
                        + "'192.168.40.130', 'newly-unregistered')");
                s.execute("INSERT INTO lease_history (mac, at, ip, state, tier) VALUES ('f0:18:98:00:00:01', 1, '192.168.40.130', "
                        + "'default', 'newly-unregistered')");
            }
            if (version >= 1 && version < 3) {
                s.execute("INSERT INTO action_log (at, os_user, host, action, target, detail, result) VALUES (1000, 'anna', 'desk', "
                        + "'lease-release', '192.168.40.130', null, 'ok')");
                s.execute("INSERT INTO action_log (at, os_user, host, action, target, detail, result) VALUES (2000, 'anna', 'desk', "
                        + "'approve', 'F0-18-98-00-00-01', 'class registered', 'ok')");
            }
            if (version >= 2) {
                s.execute("INSERT INTO config_snapshot (at, endpoint, hash, reason, config) VALUES (3000, 'unix:/k', 'AB', 'before', "
                        + "'{\"Dhcp4\":{}}')");
            }
        }
        if (version >= 3) {
            ActionLog anna = new ActionLog(null, "anna", "desk");
            anna.appendIn(c, ActionLog.Draft.of(Instant.ofEpochMilli(1000), "lease-release", "192.168.40.130").result(ActionLog.OK));
            anna.appendIn(c, ActionLog.Draft.of(Instant.ofEpochMilli(2000), "approve", "F0-18-98-00-00-01").result(ActionLog.OK));
            new ActionLog(null, "bob", "desk-2").appendIn(c, ActionLog.Draft.of(Instant.ofEpochMilli(4000), "deny", "f0:18:98:00:00:02")
                    .result(ActionLog.OK));
        }
    }

    @Test
    void everyPastSchemaVersionMigratesToTheLatestKeepingItsData() throws Exception {
        int latest = Database.latestSchemaVersion();
        for (int v = 0; v <= latest; v++) {
            Path file = dir.resolve("v" + v + ".db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                Database.migrate(c, v);
                seed(c, v);
            }
            try (Database db = Database.open(file)) {
                Database.Inspection in = db.check();
                assertThat(in.schemaVersion()).as("from v%d", v).isEqualTo(latest);
                assertThat(in.healthy()).as("from v%d: %s", v, in.problems()).isTrue();
                ActionLog log = new ActionLog(db, "t", "t");
                List<AuditEntry> rows = log.query(AuditQuery.all());
                int expected = (v >= 1 ? 2 : 0) + (v >= 3 ? 1 : 0);
                assertThat(rows).as("from v%d", v).hasSize(expected);
                if (v >= 1) {
                    // Old rows are chained and indexed by MAC, whatever spelling the target used.
                    assertThat(log.query(AuditQuery.all().withMac(Mac.parse("f0:18:98:00:00:01")))).extracting(AuditEntry::action)
                            .containsExactly("approve");
                    assertThat(new ObservationStore(db).history(Mac.parse("f0:18:98:00:00:01"))).hasSize(1);
                }
                if (v >= 2) {
                    assertThat(new ConfigSnapshotStore(db).list(10)).hasSize(1);
                }
                // And the migrated trail takes new rows.
                log.append(T0, "approve", "f0:18:98:00:00:09", null, ActionLog.OK);
                assertThat(log.verify().ok()).isTrue();
            }
        }
    }

    private static ClassifiedLease lease(int i, Tier tier) {
        return new ClassifiedLease(new Lease(new Ipv4(0x0A000000L + i), new Mac(0xF01898000000L + i), "h", 40, LeaseState.DEFAULT, 1, 60),
                tier, null);
    }

    @Test
    void backupDuringContinuousWritesOpensAndChecksOk() throws Exception {
        Path file = dir.resolve("live.db");
        try (Database db = Database.open(file)) {
            ActionLog log = new ActionLog(db, "anna", "desk");
            ObservationStore obs = new ObservationStore(db);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    log.append(Instant.now(), "approve", "f0:18:98:00:00:" + String.format("%02x", i % 256), null, ActionLog.OK);
                    if (i % 10 == 0) {
                        List<ClassifiedLease> batch = new ArrayList<>();
                        for (int k = 0; k < 1000; k++) {
                            batch.add(lease(k, i % 20 == 0 ? Tier.REGISTERED : Tier.OLD_UNREGISTERED));
                        }
                        obs.record(batch, Instant.now());
                    }
                    written.incrementAndGet();
                }
            });
            writer.start();
            try {
                while (written.get() < 200) {
                    Thread.sleep(5);
                }
                for (int n = 0; n < 3; n++) {
                    int before = written.get();
                    Path copy = dir.resolve("backup-" + n + ".db");
                    Database.Inspection in = db.backupTo(copy);
                    assertThat(in.healthy()).as(in.problems()).isTrue();
                    // The copy is a working cache on its own.
                    try (Database b = Database.open(copy)) {
                        ActionLog copied = new ActionLog(b, "t", "t");
                        assertThat(copied.verify().ok()).isTrue();
                        assertThat(copied.count()).isGreaterThanOrEqualTo(before);
                        assertThat(new ObservationStore(b).lastSnapshot().orElseThrow().rows()).hasSize(1000);
                    }
                    assertThat(Files.exists(dir.resolve("backup-" + n + ".db.part"))).isFalse();
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(written.get()).isGreaterThan(200);
        }
    }

    private CacheService service(Database db, Instant now) {
        return new CacheService(db, new CacheMaintenance(db), new ActionLog(db, "anna", "desk"), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void restoreReplacesTheCacheAndKeepsTheOldOne() {
        Path file = dir.resolve("c.db");
        Path backup = dir.resolve("b.db");
        try (Database db = Database.open(file)) {
            ActionLog log = new ActionLog(db, "anna", "desk");
            log.append(T0, "approve", "f0:18:98:00:00:01", null, ActionLog.OK);
            CacheService cache = service(db, T0);
            cache.backup(backup);
            log.append(T0.plusSeconds(5), "deny", "f0:18:98:00:00:02", null, ActionLog.OK);
            assertThat(log.count()).isEqualTo(3); // approve, db-backup, deny

            CacheService.Restored r = cache.restore(backup, "test");
            List<AuditEntry> rows = log.query(AuditQuery.all());
            assertThat(rows).extracting(AuditEntry::action).containsExactly("approve", "db-restore");
            assertThat(log.verify().ok()).isTrue();
            assertThat(r.previousKeptAt()).exists();
            try (Database kept = Database.open(r.previousKeptAt())) {
                assertThat(new ActionLog(kept, "t", "t").query(AuditQuery.all())).extracting(AuditEntry::action)
                        .containsExactly("approve", "db-backup", "deny");
            }
        }
    }

    @Test
    void restoreOfANewerSchemaIsRefusedAndChangesNothing() throws Exception {
        Path newer = dir.resolve("newer.db");
        try (Database db = Database.open(newer)) {
            new ActionLog(db, "x", "y").append(T0, "approve", "f0:18:98:00:00:07", null, ActionLog.OK);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version=" + (Database.latestSchemaVersion() + 5));
        }
        try (Database db = Database.open(dir.resolve("c.db"))) {
            ActionLog log = new ActionLog(db, "anna", "desk");
            log.append(T0, "approve", "f0:18:98:00:00:01", null, ActionLog.OK);
            assertThatThrownBy(() -> service(db, T0).restore(newer, null)).isInstanceOf(BadInput.class)
                    .hasMessageContaining("schema version " + (Database.latestSchemaVersion() + 5))
                    .hasMessageContaining("newer than this Gatehouse knows").hasMessageContaining("nothing was changed");
            assertThat(log.query(AuditQuery.all())).extracting(AuditEntry::target).containsExactly("f0:18:98:00:00:01");
        }
    }

    @Test
    void restoreOfGarbageOrATamperedTrailIsRefused() throws Exception {
        Path garbage = dir.resolve("garbage.db");
        Files.writeString(garbage, "this is not a database at all, not even close ".repeat(200));
        Path tampered = dir.resolve("tampered.db");
        try (Database db = Database.open(tampered)) {
            ActionLog l = new ActionLog(db, "x", "y");
            l.append(T0, "approve", "f0:18:98:00:00:07", null, ActionLog.OK);
            l.append(T0, "deny", "f0:18:98:00:00:08", null, ActionLog.OK);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tampered); Statement s = c.createStatement()) {
            s.execute("UPDATE action_log SET result = 'refused: x' WHERE id = 1");
        }
        try (Database db = Database.open(dir.resolve("c.db"))) {
            CacheService cache = service(db, T0);
            assertThatThrownBy(() -> cache.restore(garbage, null)).isInstanceOf(BadInput.class).hasMessageContaining("nothing was changed");
            assertThatThrownBy(() -> cache.restore(tampered, null)).isInstanceOf(BadInput.class).hasMessageContaining("audit chain")
                    .hasMessageContaining("row 1");
            assertThatThrownBy(() -> cache.restore(dir.resolve("missing.db"), null)).isInstanceOf(BadInput.class);
        }
    }

    @Test
    void retentionPrunesLeaseHistoryButNeverTheAuditTrail() {
        try (Database db = Database.open(dir.resolve("r.db"))) {
            ObservationStore obs = new ObservationStore(db);
            ActionLog log = new ActionLog(db, "anna", "desk");
            Instant old = T0.minus(Duration.ofDays(120));
            obs.record(List.of(lease(1, Tier.NEWLY_UNREGISTERED)), old);
            log.append(old, "approve", "f0:18:98:00:00:01", null, ActionLog.OK);
            obs.record(List.of(lease(1, Tier.REGISTERED)), T0.minus(Duration.ofDays(10)));

            CacheService cache = service(db, T0);
            assertThat(cache.retentionDays()).isEqualTo(90);
            CacheService.Maintained m = cache.maintain(false);
            assertThat(m.historyRowsPruned()).isEqualTo(1);
            assertThat(m.vacuumed()).isTrue(); // never vacuumed before
            assertThat(obs.history(new Mac(0xF01898000001L))).hasSize(1);
            assertThat(obs.device(new Mac(0xF01898000001L)).orElseThrow().firstSeen()).isEqualTo(old);
            assertThat(log.query(AuditQuery.all()).get(0).at()).isEqualTo(old);
            assertThat(cache.maintain(false).vacuumed()).isFalse(); // not due again within a week

            cache.setRetentionDays(5, "short");
            assertThat(cache.maintain(false).historyRowsPruned()).isEqualTo(1);
            AuditEntry change = log.query(AuditQuery.all()).get(1);
            assertThat(change.action()).isEqualTo("settings-change");
            assertThat(change.before()).isEqualTo("90 days");
            assertThat(change.after()).isEqualTo("5 days");
            assertThatThrownBy(() -> cache.setRetentionDays(0, null)).isInstanceOf(BadInput.class);
            assertThat(cache.size().bytesOnDisk()).isPositive();
            assertThat(cache.size().rows()).containsEntry("action_log", 2L);
        }
    }

    @Test
    void theOfflineSnapshotFollowsTheLeaseListAcrossRefreshes() {
        try (Database db = Database.open(dir.resolve("snap.db"))) {
            ObservationStore obs = new ObservationStore(db);
            obs.record(List.of(lease(1, Tier.NEWLY_UNREGISTERED), lease(2, Tier.REGISTERED)), T0);
            obs.record(List.of(lease(2, Tier.OLD_UNREGISTERED), lease(3, Tier.REGISTERED)), T0.plusSeconds(2));
            ObservationStore.Snapshot s = obs.lastSnapshot().orElseThrow();
            assertThat(s.at()).isEqualTo(T0.plusSeconds(2));
            assertThat(s.rows()).extracting(r -> r.lease().ip().toString() + " " + r.tier().label())
                    .containsExactlyInAnyOrder("10.0.0.2 old-unregistered", "10.0.0.3 registered");
            obs.record(List.of(), T0.plusSeconds(4));
            assertThat(obs.lastSnapshot().orElseThrow().rows()).isEmpty();
        }
    }
}
