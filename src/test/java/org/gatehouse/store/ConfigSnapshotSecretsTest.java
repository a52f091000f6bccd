package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.gatehouse.model.ConfigSecrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots are stored with their secrets blanked; rows an older Gatehouse stored are blanked when read. */
class ConfigSnapshotSecretsTest {
    private static final String SECRET = "pässwörd-ü€";
    private static final String CONFIG = "{\"Dhcp4\":{\"lease-database\":{\"type\":\"postgresql\",\"user\":\"kea\",\"password\":\""
            + SECRET + "\",\"password-file\":\"/etc/kea/pw\"}}}";

    @Test
    void theStoredRowHoldsTheMarkerAndItsHashIsNotOfTheSecret(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.db");
        long id;
        try (Database db = Database.open(file)) {
            ConfigSnapshotStore store = new ConfigSnapshotStore(db);
            id = store.save(Instant.parse("2026-12-07T10:00:00Z"), "unix:/k.sock", null, "before approve", CONFIG);
            ConfigSnapshotStore.Snapshot s = store.get(id).orElseThrow();
            assertThat(s.config()).doesNotContain(SECRET).contains("\"password\":\"" + ConfigSecrets.MARKER + "\"")
                    .contains("\"password-file\":\"/etc/kea/pw\"");
            assertThat(s.hash()).isNotEqualTo(ConfigSnapshotStore.sha256(CONFIG)).isEqualTo(ConfigSnapshotStore.sha256(s.config()));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement q = c.prepareStatement("SELECT config FROM config_snapshot WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertThat(rs.getString(1)).doesNotContain(SECRET).contains(ConfigSecrets.MARKER);
            }
        }
    }

    @Test
    void aHashTakenOverTheSecretsIsNotStored(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("s.db"))) {
            ConfigSnapshotStore store = new ConfigSnapshotStore(db);
            String overSecrets = ConfigSnapshotStore.sha256(CONFIG); // what Kea 2.2's path passes: SHA-256 of the unblanked config
            long id = store.save(Instant.parse("2026-12-07T10:00:00Z"), "unix:/k.sock", overSecrets, "before approve", CONFIG);
            ConfigSnapshotStore.Snapshot s = store.get(id).orElseThrow();
            assertThat(s.hash()).isNotEqualTo(overSecrets).isEqualTo(ConfigSnapshotStore.sha256(s.config()));
            long plain = store.save(Instant.parse("2026-12-07T10:00:00Z"), "unix:/k.sock", "kea-hash", "no secrets", "{\"Dhcp4\":{}}");
            assertThat(store.get(plain).orElseThrow().hash()).as("Kea's own hash kept when nothing was blanked").isEqualTo("kea-hash");
        }
    }

    @Test
    void aRowStoredBeforeRedactionIsBlankedWhenRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.db");
        try (Database db = Database.open(file)) {
            new ConfigSnapshotStore(db).list(1); // the schema, as an older Gatehouse left it
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement ins = c.prepareStatement(
                     "INSERT INTO config_snapshot (at, endpoint, hash, reason, config) VALUES (0, 'unix:/k.sock', 'H', 'old', ?)")) {
            ins.setString(1, CONFIG);
            ins.executeUpdate();
        }
        try (Database db = Database.open(file)) {
            ConfigSnapshotStore store = new ConfigSnapshotStore(db);
            String read = store.get(store.list(1).get(0).id()).orElseThrow().config();
            assertThat(read).doesNotContain(SECRET).contains(ConfigSecrets.MARKER).contains("/etc/kea/pw");
        }
    }
}
