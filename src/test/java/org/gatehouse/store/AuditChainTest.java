package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.AuditQuery;
import org.gatehouse.model.Mac;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail's hash chain: any edit made behind Gatehouse's back is found and the row named. */
class AuditChainTest {
    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void tenRows() {
        file = dir.resolve("audit.db");
        try (Database db = Database.open(file)) {
            ActionLog log = new ActionLog(db, "anna", "desk-1");
            for (int i = 1; i <= 10; i++) {
                log.append(ActionLog.Draft.of(T0.plusSeconds(i), i % 2 == 0 ? "approve" : "deny", "f0:18:98:00:00:0" + (i % 10))
                        .change("unregistered", i % 2 == 0 ? "registered" : "denied").note("row " + i).result(ActionLog.OK));
            }
        }
    }

    /** What someone with the sqlite3 tool could do to the file. */
    private void tamper(String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    private AuditChain.Verification verify() {
        try (Database db = Database.open(file)) {
            return new ActionLog(db, "x", "y").verify();
        }
    }

    @Test
    void anUntouchedTrailVerifiesAndReportsItsHead() {
        AuditChain.Verification v = verify();
        assertThat(v.ok()).isTrue();
        assertThat(v.rows()).isEqualTo(10);
        assertThat(v.head()).matches("[0-9a-f]{64}");
        assertThat(v.summary()).startsWith("ok (10 rows");
    }

    @Test
    void aChangedResultIsFoundAndTheRowNamed() throws Exception {
        tamper("UPDATE action_log SET result = 'refused: nope' WHERE id = 4");
        AuditChain.Verification v = verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadId()).isEqualTo(4);
        assertThat(v.problem()).contains("content does not match");
    }

    @Test
    void aChangedNoteOrUserIsFoundToo() throws Exception {
        tamper("UPDATE action_log SET os_user = 'mallory' WHERE id = 7");
        assertThat(verify().firstBadId()).isEqualTo(7);
    }

    @Test
    void aDeletedRowIsFoundAtTheRowAfterIt() throws Exception {
        tamper("DELETE FROM action_log WHERE id = 5");
        AuditChain.Verification v = verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadId()).isEqualTo(6);
        assertThat(v.problem()).contains("does not follow row 4").contains("deleted");
    }

    @Test
    void deletingTheNewestRowsIsFoundFromTheRecordedHead() throws Exception {
        tamper("DELETE FROM action_log WHERE id >= 9");
        AuditChain.Verification v = verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadId()).isEqualTo(8);
        assertThat(v.problem()).contains("after row 8 (up to row 10) were deleted");
    }

    @Test
    void deletingEveryRowIsFoundAndNewRowsDoNotHideIt() throws Exception {
        tamper("DELETE FROM action_log");
        assertThat(verify().problem()).contains("every row was deleted");
        try (Database db = Database.open(file)) {
            new ActionLog(db, "anna", "desk-1").append(T0.plusSeconds(99), "approve", "f0:18:98:00:00:01", null, ActionLog.OK);
        }
        AuditChain.Verification v = verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadId()).isEqualTo(11);
        assertThat(v.problem()).contains("rows before it were deleted");
    }

    @Test
    void swappingTwoRowsIsFoundAtTheFirstOfThem() throws Exception {
        // Exchange the contents (and hashes) of rows 3 and 6, keeping ids in place.
        tamper("UPDATE action_log SET id = -3 WHERE id = 3", "UPDATE action_log SET id = 3 WHERE id = 6",
                "UPDATE action_log SET id = 6 WHERE id = -3");
        AuditChain.Verification v = verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadId()).isEqualTo(3);
    }

    @Test
    void anInsertedRowIsFoundEvenWithAPlausibleHash() throws Exception {
        // Copy row 5's chain fields into a new row squeezed between 5 and 6 (ids shifted up first).
        tamper("UPDATE action_log SET id = id + 100 WHERE id > 5", "UPDATE action_log SET id = id - 99 WHERE id > 100",
                "INSERT INTO action_log (id, at, os_user, host, action, target, mac, result, prev_hash, hash) "
                        + "SELECT 6, at + 1, os_user, host, 'unregister', target, mac, 'ok', hash, hash FROM action_log WHERE id = 5");
        AuditChain.Verification v = verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadId()).isEqualTo(6);
        assertThat(v.problem()).contains("content does not match");
    }

    @Test
    void aRowWithoutHashIsFound() throws Exception {
        tamper("INSERT INTO action_log (id, at, action, target, result) VALUES (11, 0, 'approve', 'x', 'ok')");
        AuditChain.Verification v = verify();
        assertThat(v.firstBadId()).isEqualTo(11);
        assertThat(v.problem()).contains("no hash");
    }

    @Test
    void twoWritersOnOneFileNeverForkTheChain() throws Exception {
        // Two Database objects = two connections, as the console and a CLI run would have.
        try (Database a = Database.open(file); Database b = Database.open(file)) {
            ActionLog la = new ActionLog(a, "anna", "desk-1");
            ActionLog lb = new ActionLog(b, "bob", "desk-2");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<?>> fs = new ArrayList<>();
            for (ActionLog l : List.of(la, lb)) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        l.append(Instant.now(), "lease-release", "192.168.40." + (i % 250), null, ActionLog.OK);
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            assertThat(la.verify().ok()).isTrue();
            assertThat(la.count()).isEqualTo(410);
        }
    }

    @Test
    void queriesFilterByMacUserActionResultAndTime() {
        try (Database db = Database.open(file)) {
            ActionLog log = new ActionLog(db, "bob", "desk-2");
            log.append(ActionLog.Draft.of(T0.plusSeconds(100), "lease-release", "192.168.40.9").mac(Mac.parse("f0-18-98-00-00-03"))
                    .result(ActionLog.refused("lease4-del failed (result 1): oops")));
            List<AuditEntry> byMac = log.query(AuditQuery.all().withMac(Mac.parse("f0:18:98:00:00:03")));
            assertThat(byMac).extracting(AuditEntry::id).containsExactly(3L, 11L);
            assertThat(byMac.get(1).target()).isEqualTo("192.168.40.9");
            assertThat(log.query(new AuditQuery(null, null, "bob", null, null, null, 0))).hasSize(1);
            assertThat(log.query(new AuditQuery(null, null, null, null, null, "refused", 0))).extracting(AuditEntry::outcome)
                    .containsExactly("refused");
            assertThat(log.query(new AuditQuery(null, null, null, null, "approve", "ok", 0))).hasSize(5);
            assertThat(log.query(AuditQuery.all().withSince(T0.plusSeconds(9)))).extracting(AuditEntry::id).containsExactly(9L, 10L, 11L);
            assertThat(log.query(AuditQuery.all().withLimit(2))).extracting(AuditEntry::id).containsExactly(10L, 11L);
            assertThat(log.recent(1)).extracting(ActionLog.Entry::id).containsExactly(11L);
            AuditEntry first = log.get(2).orElseThrow();
            assertThat(first.before()).isEqualTo("unregistered");
            assertThat(first.after()).isEqualTo("registered");
            assertThat(first.note()).isEqualTo("row 2");
            assertThat(first.osUser()).isEqualTo("anna");
            assertThat(first.host()).isEqualTo("desk-1");
            assertThat(log.distinctUsers()).containsExactly("anna", "bob");
        }
    }

    @Test
    void bulkAppendsChainOnFromTheNewestRow() {
        try (Database db = Database.open(file)) {
            ActionLog log = new ActionLog(db, "importer", "desk-3");
            List<ActionLog.Draft> many = new ArrayList<>();
            for (int i = 0; i < 25_000; i++) {
                many.add(ActionLog.Draft.of(T0.plusMillis(i), "reservation-add", new Mac(0xF01898000000L + i).toString()).result(ActionLog.OK));
            }
            assertThat(log.appendAll(many)).isEqualTo(25_000);
            log.append(T0, "approve", "f0:18:98:00:00:01", null, ActionLog.OK);
            AuditChain.Verification v = log.verify();
            assertThat(v.ok()).as(v.summary()).isTrue();
            assertThat(v.rows()).isEqualTo(25_011);
        }
    }
}
