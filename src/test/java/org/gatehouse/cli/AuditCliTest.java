package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit}, {@code db}, {@code snapshot} and {@code offline} as a user runs them, with and without Kea. */
@Tag("kea")
class AuditCliTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    private Map<String, String> online(Path db) {
        return Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", db.toString());
    }

    @Test
    void auditListAndVerifyWorkWithoutKeaAndFindTampering() throws Exception {
        Path db = dir.resolve("c.db");
        kea.addLease(33, "f0:18:98:00:00:21", "x", 3600);
        assertThat(CliRun.run(online(db), "leases", "release", "192.168.40.33").exit()).isZero();
        assertThat(CliRun.run(online(db), "leases", "release", "192.168.40.34").exit()).isZero();

        Map<String, String> offline = Map.of("GATEHOUSE_DB", db.toString()); // no Kea at all
        CliRun list = CliRun.run(offline, "audit", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("lease-release").contains("192.168.40.33").contains("no lease");
        JsonNode json = new ObjectMapper().readTree(CliRun.run(offline, "audit", "list", "--format", "json", "--result", "ok").out());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("target").asText()).isEqualTo("192.168.40.33");
        assertThat(json.get(0).get("user").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(json.get(0).get("hash").asText()).hasSize(64);
        CliRun csv = CliRun.run(offline, "audit", "list", "--format", "csv", "--since", "2000-01-01");
        assertThat(csv.out().lines().findFirst().orElseThrow()).isEqualTo("id,at,user,workstation,action,target,mac,before,after,note,detail,result,hash");
        assertThat(csv.out().lines().count()).isEqualTo(3);
        assertThat(CliRun.run(offline, "audit", "list", "--since", "yesterday").exit()).isEqualTo(2);
        assertThat(CliRun.run(offline, "audit", "list", "--mac", "not-a-mac").exit()).isEqualTo(2);

        CliRun ok = CliRun.run(offline, "audit", "verify");
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).startsWith("audit chain: ok (2 rows, head ");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("UPDATE action_log SET result = 'ok' WHERE id = 2");
        }
        CliRun bad = CliRun.run(offline, "audit", "verify");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("gatehouse: error: audit trail: altered at row 2: its content does not match its hash: "
                + "the row was changed, or moved from elsewhere" + System.lineSeparator());
        CliRun check = CliRun.run(offline, "db", "check");
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).contains("integrity:    ok").contains("audit chain:  BROKEN at row 2");
    }

    @Test
    void dbBackupCheckAndRestoreFromTheCommandLine() throws Exception {
        Path db = dir.resolve("c.db");
        Map<String, String> offline = Map.of("GATEHOUSE_DB", db.toString());
        assertThat(CliRun.run(offline, "db", "retention", "30", "--note", "policy").out()).contains("30 days");
        CliRun backup = CliRun.run(offline, "db", "backup", dir.resolve("b.db").toString());
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("schema " + org.gatehouse.policy.CacheService.latestSchema()).contains("audit ok (1 rows");
        CliRun check = CliRun.run(offline, "db", "check");
        assertThat(check.exit()).as(check.err()).isZero();
        assertThat(check.out()).contains("integrity:    ok").contains("foreign keys: ok").contains("audit chain:  ok (2 rows")
                .contains("cache size:").contains("lease history 30 days");
        CliRun restore = CliRun.run(offline, "db", "restore", dir.resolve("b.db").toString());
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("the replaced cache was kept as");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("b.db")); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version=99");
        }
        CliRun newer = CliRun.run(offline, "db", "restore", dir.resolve("b.db").toString());
        assertThat(newer.exit()).isEqualTo(2);
        assertThat(newer.err()).startsWith("gatehouse: error: bad FILE: ").contains("schema version 99, newer than this Gatehouse knows")
                .contains("nothing was changed");
        assertThat(CliRun.run(offline, "db", "maintain", "--vacuum").out()).contains("vacuumed");
    }

    @Test
    void snapshotRestoreQueuedOfflineThenReplayed() throws Exception {
        Path db = dir.resolve("c.db");
        CliRun take = CliRun.run(online(db), "snapshot", "take", "--reason", "baseline");
        assertThat(take.exit()).as(take.err()).isZero();
        assertThat(CliRun.run(Map.of("GATEHOUSE_DB", db.toString()), "snapshot", "list").out()).contains("baseline");
        CliRun same = CliRun.run(online(db), "snapshot", "diff", "1");
        assertThat(same.out()).contains("are the same configuration");

        Map<String, String> down = Map.of("GATEHOUSE_KEA", "unix:" + dir.resolve("gone.sock"), "GATEHOUSE_DB", db.toString());
        CliRun refused = CliRun.run(down, "snapshot", "restore", "1");
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.err()).contains("add --queue");
        CliRun queued = CliRun.run(down, "snapshot", "restore", "1", "--queue", "--note", "after the outage");
        assertThat(queued.exit()).as(queued.err()).isZero();
        assertThat(queued.out()).contains("queued the restore of snapshot #1 as offline action #1");
        assertThat(CliRun.run(down, "offline", "list").out()).contains("config-restore").contains("pending");

        CliRun replay = CliRun.run(online(db), "offline", "replay");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("#1 config-restore snapshot #1: done").contains("1 done, 0 conflict");
        CliRun audit = CliRun.run(Map.of("GATEHOUSE_DB", db.toString()), "audit", "list", "--action", "config-restore");
        assertThat(audit.out()).contains("queued").contains("after the outage").contains("ok");
    }
}
