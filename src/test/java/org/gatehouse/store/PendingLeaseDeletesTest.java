package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owed lease deletions name their server (schema 8): a schema-7 row keeps its data and names none
 * (retried as before), and one device's deletion can be owed to two servers at once, each
 * settled on its own.
 */
class PendingLeaseDeletesTest {
    private static final Mac MAC = Mac.parse("f0:18:98:00:00:61");
    private static final Ipv4 IP = Ipv4.parse("192.168.40.161");
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aSchema7RowSurvivesMigration8NamingNoServerAndEachServerOwesItsOwn() throws Exception {
        Path file = dir.resolve("v7.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            Database.migrate(c, 7);
            s.execute("INSERT INTO pending_lease_delete (mac, ip, subnet_id, since, attempts, last_error) VALUES ('" + MAC + "', '"
                    + IP + "', 40, " + T0.toEpochMilli() + ", 3, 'Kea went away')");
        }
        try (Database db = Database.open(file)) {
            PendingLeaseDeletes pending = new PendingLeaseDeletes(db);
            assertThat(pending.all()).singleElement().satisfies(p -> {
                assertThat(p.server()).isEqualTo(PendingLeaseDeletes.ANY_SERVER);
                assertThat(p.attempts()).isEqualTo(3);
                assertThat(p.subnetId()).isEqualTo(40);
                assertThat(p.since()).isEqualTo(T0);
                assertThat(p.lastError()).isEqualTo("Kea went away");
            });

            pending.failed(MAC, IP, 40, "unix:/run/kea/server2.sock", T0.plusSeconds(1), "server2 down");
            pending.failed(MAC, IP, 40, "unix:/run/kea/server3.sock", T0.plusSeconds(2), "server3 down");
            pending.failed(MAC, IP, 40, "unix:/run/kea/server2.sock", T0.plusSeconds(3), "server2 still down");
            assertThat(pending.all()).extracting(PendingLeaseDeletes.Pending::server)
                    .containsExactly("", "unix:/run/kea/server2.sock", "unix:/run/kea/server3.sock");
            assertThat(pending.all().get(1).attempts()).isEqualTo(2);

            pending.done(MAC, IP, "unix:/run/kea/server2.sock");
            assertThat(pending.all()).extracting(PendingLeaseDeletes.Pending::server)
                    .containsExactly("", "unix:/run/kea/server3.sock");
            pending.clear(MAC);
            assertThat(pending.all()).isEmpty();
        }
    }
}
