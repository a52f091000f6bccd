package org.gatehouse.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.gatehouse.model.ConfigSecrets;

/**
 * Copies of the Kea configuration taken before every write, so that any change can be
 * compared and undone offline. Secret values (see {@link ConfigSecrets}) are blanked before a copy
 * is stored, so the cache never holds them; rows stored by older versions are blanked when read.
 */
public final class ConfigSnapshotStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;

    public ConfigSnapshotStore(Database db) {
        this.db = db;
    }

    /** A stored copy; {@code config} is the JSON of config-get's arguments. */
    public record Snapshot(long id, Instant at, String endpoint, String hash, String reason, String config) {
    }

    /**
     * Stores a copy, its secrets blanked, and returns its id. {@code hash} (Kea's, or ours of the
     * whole config) is kept only when nothing was blanked; otherwise, or when null, the blanked
     * JSON's SHA-256 is stored.
     */
    public long save(Instant at, String endpoint, String hash, String reason, String configJson) {
        String stored = redacted(configJson);
        // A hash of a config that held secrets (ours, or Kea's config-hash-get) lets a weak password
        // be guessed offline: such a snapshot is known by the hash of what is stored.
        String h = hash != null && stored.equals(configJson) ? hash : sha256(stored);
        return db.write(c -> {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO config_snapshot (at, endpoint, hash, reason, config) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ins.setLong(1, at.toEpochMilli());
                ins.setString(2, endpoint);
                ins.setString(3, h);
                ins.setString(4, reason);
                ins.setString(5, stored);
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Newest first, without the config text (it can be large). */
    public List<Snapshot> list(int limit) {
        return db.read(c -> {
            List<Snapshot> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT id, at, endpoint, hash, reason FROM config_snapshot ORDER BY id DESC LIMIT ?")) {
                q.setInt(1, limit);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Snapshot(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                                rs.getString(5), null));
                    }
                }
            }
            return out;
        });
    }

    public Optional<Snapshot> get(long id) {
        return db.read(c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT id, at, endpoint, hash, reason, config FROM config_snapshot WHERE id = ?")) {
                q.setLong(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Snapshot(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), redactedIfNeeded(rs.getString(6))));
                }
            }
        });
    }

    private static String redacted(String configJson) {
        try {
            return JSON.writeValueAsString(ConfigSecrets.redacted(JSON.readTree(configJson)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a configuration snapshot must be JSON", e);
        }
    }

    /** Rows written before secrets were blanked on save: blanked on the way out; anything else as stored. */
    private static String redactedIfNeeded(String stored) {
        try {
            JsonNode tree = JSON.readTree(stored);
            return ConfigSecrets.holdsSecrets(tree) ? JSON.writeValueAsString(ConfigSecrets.redacted(tree)) : stored;
        } catch (JsonProcessingException e) {
            return stored; // not JSON: the reader reports it, and a bad row holds no parsed secret to blank
        }
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
