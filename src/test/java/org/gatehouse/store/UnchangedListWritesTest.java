package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * Recording a lease list writes what changed, not the whole list (issue 13): counted in rows
 * changed (sqlite3_total_changes on the writer connection) and in pages appended to the WAL.
 */
class UnchangedListWritesTest {
    static final int LEASES = 50_000;
    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    /** Rows changed and WAL pages written by {@code work}. */
    record Cost(long rows, long pages) {
    }

    static Cost cost(Database db, Runnable work) {
        long rowsBefore = db.onWriterThread(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)"); // the WAL starts empty
            }
            return ((SQLiteConnection) c).getDatabase().total_changes();
        });
        work.run();
        return db.onWriterThread(c -> {
            long rows = ((SQLiteConnection) c).getDatabase().total_changes() - rowsBefore;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                return new Cost(rows, rs.getLong(2)); // (busy, frames in the WAL, frames checkpointed)
            }
        });
    }

    static List<ClassifiedLease> leases(int renewed) {
        List<ClassifiedLease> out = new ArrayList<>(LEASES);
        for (int i = 0; i < LEASES; i++) {
            long cltt = i < renewed ? 1_700_000_600L : 1_700_000_000L;
            out.add(new ClassifiedLease(new Lease(new Ipv4(0x0A640000L + i), new Mac(0xF01898000000L + i), "gäst-" + i, 100,
                    LeaseState.DEFAULT, cltt, 3600), i % 3 == 0 ? Tier.REGISTERED : Tier.NEWLY_UNREGISTERED, null));
        }
        return out;
    }

    @Test
    void recordingTheSame50000LeaseListAgainWritesOneRow() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            ObservationStore store = new ObservationStore(db);
            List<ClassifiedLease> list = leases(0);
            Cost first = cost(db, () -> store.record(list, T0));
            assertThat(first.rows()).as("the first list: every lease, device and history row").isGreaterThanOrEqualTo(3L * LEASES);

            Cost again = cost(db, () -> store.record(leases(0), T0.plusSeconds(5)));
            assertThat(again.rows()).as("rows written for an unchanged list").isLessThanOrEqualTo(1);
            assertThat(again.pages()).as("WAL pages written for an unchanged list").isLessThanOrEqualTo(3);

            // And still every device was seen again.
            ObservationStore.Device d = store.device(new Mac(0xF01898000000L + 4711)).orElseThrow();
            assertThat(d.firstSeen()).isEqualTo(T0);
            assertThat(d.lastSeen()).isEqualTo(T0.plusSeconds(5));
            assertThat(d.timesSeen()).isEqualTo(2);
            assertThat(store.devices().values()).allSatisfy(x -> assertThat(x.lastSeen()).isEqualTo(T0.plusSeconds(5)));
        }
    }

    @Test
    void aHundredRenewalsAmong50000LeasesWriteAHundredRowsAndNoDevice() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            ObservationStore store = new ObservationStore(db);
            store.record(leases(0), T0);
            Cost renewals = cost(db, () -> store.record(leases(100), T0.plusSeconds(30)));
            assertThat(renewals.rows()).as("100 stored-list rows and the refresh row").isLessThanOrEqualTo(101);
            assertThat(store.history(new Mac(0xF01898000000L + 5))).hasSize(1);
            assertThat(store.lastSnapshot().orElseThrow().rows()).filteredOn(r -> r.lease().cltt() == 1_700_000_600L).hasSize(100);

            // One device leaves: one list row deleted, its device row closed once.
            List<ClassifiedLease> oneGone = new ArrayList<>(leases(100));
            oneGone.remove(7);
            Cost leave = cost(db, () -> store.record(oneGone, T0.plusSeconds(60)));
            assertThat(leave.rows()).isLessThanOrEqualTo(3);
            ObservationStore.Device gone = store.device(new Mac(0xF01898000000L + 7)).orElseThrow();
            assertThat(gone.lastSeen()).isEqualTo(T0.plusSeconds(30));
            assertThat(gone.timesSeen()).isEqualTo(2);
        }
    }

    @Test
    void aLiveScreensQuietRefreshWritesOneRow() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            ObservationStore store = new ObservationStore(db);
            store.record(leases(0), T0);
            Cost quiet = cost(db, () -> store.recordChanges(List.of(), List.of(), T0.plusSeconds(2)));
            assertThat(quiet.rows()).isLessThanOrEqualTo(1);
            assertThat(store.device(new Mac(0xF01898000000L + 9)).orElseThrow().lastSeen()).isEqualTo(T0.plusSeconds(2));
            // After a partial update the digest is unknown: the next full list is compared row by row, and still writes one row.
            ClassifiedLease moved = new ClassifiedLease(new Lease(new Ipv4(0x0A640000L + 9), new Mac(0xF01898000000L + 9), "gäst-9", 100,
                    LeaseState.DEFAULT, 1_700_000_000L, 3600), Tier.OLD_UNREGISTERED, null);
            store.recordChanges(List.of(moved), List.of(), T0.plusSeconds(4));
            List<ClassifiedLease> list = new ArrayList<>(leases(0));
            list.set(9, moved);
            Cost full = cost(db, () -> store.record(list, T0.plusSeconds(6)));
            assertThat(full.rows()).isLessThanOrEqualTo(1);
            assertThat(store.history(new Mac(0xF01898000000L + 9))).extracting(h -> h.tier().label())
                    .containsExactly("registered", "old-unregistered");
        }
    }
}
