package org.gatehouse.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.gatehouse.kea.ConfigCommands;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaConflict;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaRefused;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.ConfigSecrets;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.ConfigSnapshotStore;

/**
 * Config snapshots: list, compare and restore. A restore is an ordinary audited configuration
 * write with a conflict check: the configuration is read again and compared with the one the user
 * based the decision on (Kea 2.2 has no config-hash-get, so the comparison is of the whole JSON,
 * canonically hashed); then snapshot of what is being replaced, config-test, config-set, and
 * config-write to the file Kea was started with (never config-set alone). Listing and comparing
 * work offline, from the cache.
 *
 * <p>Secrets ({@link ConfigSecrets}): snapshots are stored blanked, and every tree this service
 * hands out (snapshot, running, diff) is blanked too, so screens and commands never see one. A
 * restore puts the real values back from the running configuration at the same place, and
 * refuses, writing nothing, when the running configuration has no counterpart for one.
 */
public final class ConfigService {
    private final KeaClient kea;
    private final ConfigSnapshotStore snapshots;
    private final ActionLog actions;
    private final KeaJson json;
    private final Clock clock;

    /** @param kea null when no Kea is configured: snapshots can still be listed and compared */
    public ConfigService(KeaClient kea, ConfigSnapshotStore snapshots, ActionLog actions, KeaJson json, Clock clock) {
        this.kea = kea;
        this.snapshots = snapshots;
        this.actions = actions;
        this.json = json;
        this.clock = clock;
    }

    public record SnapshotInfo(long id, Instant at, String endpoint, String hash, String reason) {
    }

    /** A configuration as read, with the fingerprint a later write compares against. */
    public record Based(JsonNode dhcp4, String fingerprint, String keaHash) {
        public String pretty() {
            return ConfigDiff.pretty(dhcp4);
        }
    }

    /** How a restore ended. */
    public record Restored(long snapshotId, long savedBeforeId, String fingerprintBefore, String fingerprintAfter, String file) {
    }

    public boolean online() {
        return kea != null;
    }

    public List<SnapshotInfo> list(int limit) {
        return snapshots.list(limit).stream().map(s -> new SnapshotInfo(s.id(), s.at(), s.endpoint(), s.hash(), s.reason())).toList();
    }

    /** The Dhcp4 tree of a stored snapshot. */
    public Based snapshot(long id) {
        ConfigSnapshotStore.Snapshot s = snapshots.get(id).orElseThrow(() -> new BadInput("snapshot", "there is no snapshot #" + id));
        JsonNode dhcp4 = dhcp4Of(s.config(), "snapshot #" + id);
        return new Based(dhcp4, fingerprint(dhcp4), s.hash());
    }

    /** The running configuration, read now, its secrets blanked. */
    public Based current() {
        return running(requireKea().config().raw());
    }

    private static Based running(JsonNode args) {
        JsonNode dhcp4 = ConfigSecrets.redacted(args.path("Dhcp4"));
        return new Based(dhcp4, fingerprint(dhcp4), args.hasNonNull("hash") ? args.get("hash").asText() : null);
    }

    /** Stores the running configuration now (e.g. before a manual change) and returns its id. */
    public long take(String reason) {
        JsonNode args = requireKea().config().raw();
        return snapshots.save(clock.instant(), kea.endpoint(), args.hasNonNull("hash") ? args.get("hash").asText() : null, reason,
                json.write(args));
    }

    public ConfigDiff.Result diff(Based left, Based right) {
        return ConfigDiff.compare(left.dhcp4(), right.dhcp4());
    }

    /**
     * Restores snapshot {@code id} if the running configuration still has fingerprint
     * {@code basis} (what the user looked at); one audit row either way.
     */
    public Restored restore(long id, String basis, String note) {
        Instant at = clock.instant();
        ActionLog.Draft row = ActionLog.Draft.of(at, "config-restore", "snapshot #" + id).note(note);
        try {
            Restored r = apply(id, basis, null);
            actions.append(row.change(r.fingerprintBefore(), r.fingerprintAfter()).detail(detail(r, null)).result(ActionLog.OK));
            return r;
        } catch (KeaConflict e) {
            actions.append(row.change(basis, null).result(ActionLog.refused("conflict: " + e.keaText())));
            throw e;
        } catch (KeaRefused e) {
            actions.append(row.change(basis, null).result(ActionLog.refused(e.getMessage())));
            throw e;
        } catch (RuntimeException e) {
            actions.append(row.change(basis, null).result(ActionLog.failed(e.getMessage())));
            throw e;
        }
    }

    static String detail(Restored r, String origin) {
        return "replaced configuration saved as snapshot #" + r.savedBeforeId() + "; written to "
                + (r.file().isEmpty() ? "Kea's config file" : r.file()) + (origin == null ? "" : "; " + origin);
    }

    /** The write itself, without the audit row (the offline queue audits its replays itself). */
    Restored apply(long id, String basis, String origin) {
        KeaClient k = requireKea();
        // The same lock as every reservation write: the conflict check below must not race one.
        return k.writeLock().holding("restore snapshot #" + id, () -> applyLocked(k, id, basis, origin));
    }

    private Restored applyLocked(KeaClient k, long id, String basis, String origin) {
        Based target = snapshot(id);
        JsonNode runningArgs = k.config().raw();
        JsonNode runningDhcp4 = runningArgs.path("Dhcp4");
        Based now = running(runningArgs);
        k.writeLock().confirmTarget(runningDhcp4);
        if (basis != null && !basis.equals(now.fingerprint())) {
            throw new KeaConflict("config-restore", "the configuration changed since it was read (based on " + shortFp(basis)
                    + ", now " + shortFp(now.fingerprint()) + "); nothing was written");
        }
        JsonNode write = withRunningSecrets(id, target.dhcp4(), runningDhcp4);
        List<String> secrets = ConfigSecrets.values(write);
        long saved = snapshots.save(clock.instant(), k.endpoint(), now.keaHash(), "before restore of snapshot #" + id
                + (origin == null ? "" : " (" + origin + ")"), json.write(runningArgs));
        ConfigCommands.Written written;
        try {
            k.execute(new ConfigCommands.ConfigTest(write));
            k.writeLock().checkHeld();
            k.execute(new ConfigCommands.ConfigSet(write));
            try {
                written = k.execute(new ConfigCommands.ConfigWrite());
            } catch (KeaRefused e) {
                throw new KeaRefused("config-write", e.result(), e.keaText()
                        + " (the running configuration was changed but not saved to its file; restore snapshot #" + saved + " to undo)");
            }
        } catch (KeaRefused e) {
            // Kea's reason may quote what it was sent; the secrets it was sent never reach a message, log or audit row.
            throw new KeaRefused(e.command(), e.result(), ConfigSecrets.scrub(e.keaText(), secrets));
        }
        return new Restored(id, saved, now.fingerprint(), current().fingerprint(), written.filename());
    }

    /**
     * The snapshot's tree with the secrets it had blanked taken from the running configuration;
     * refused (exit 2, nothing written) when the running one has nothing at such a place.
     */
    private static JsonNode withRunningSecrets(long id, JsonNode snapshot, JsonNode runningDhcp4) {
        try {
            return ConfigSecrets.restored(snapshot, runningDhcp4);
        } catch (ConfigSecrets.Unrecoverable e) {
            throw new BadInput("snapshot", "snapshot #" + id + " had secrets that Gatehouse does not store, and the running "
                    + "configuration has none at the same place to keep: Dhcp4." + String.join(", Dhcp4.", e.paths())
                    + "; nothing was written (set them in Kea first, or restore by hand)");
        }
    }

    /**
     * A fingerprint of the Dhcp4 tree independent of key order, comparable across Kea versions;
     * taken with secrets blanked, so that a stored snapshot and the running configuration compare,
     * and no hash of a password is printed.
     */
    public static String fingerprint(JsonNode dhcp4) {
        return ConfigSnapshotStore.sha256(ConfigDiff.canonical(ConfigSecrets.redacted(dhcp4)).toString());
    }

    static String shortFp(String fp) {
        return fp == null ? "none" : fp.substring(0, Math.min(12, fp.length()));
    }

    private JsonNode dhcp4Of(String config, String what) {
        try {
            JsonNode root = json.read(config);
            JsonNode d = root.has("Dhcp4") ? root.get("Dhcp4") : null;
            if (d == null || !d.isObject()) {
                throw new BadInput("snapshot", what + " holds no Dhcp4 configuration");
            }
            return d;
        } catch (JsonProcessingException e) {
            // not Jackson's message: it quotes the text it stopped at, which may be a secret
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")";
            throw new BadInput("snapshot", what + " is not valid JSON" + where);
        }
    }

    private KeaClient requireKea() {
        if (kea == null) {
            throw new KeaUnreachable("kea", "no Kea is configured (--kea URI or GATEHOUSE_KEA)", null);
        }
        return kea;
    }

    KeaClient kea() {
        return kea;
    }

    /** A restore carried out ({@code restored}) or, with Kea unreachable and the user's consent, queued ({@code queued}). */
    public record RestoreOutcome(Restored restored, org.gatehouse.model.QueuedAction queued) {
    }

    /**
     * Restores snapshot {@code id} unless the running configuration changed since {@code basis}
     * (default: the running one). With Kea unreachable and {@code queue}, the restore waits in
     * the offline queue, based on {@code basis} or else the newest snapshot; without, it fails
     * and says that --queue would queue it.
     */
    public RestoreOutcome restoreOrQueue(long id, String basis, String note, boolean queue, OfflineQueue offline) {
        try {
            String base = basis != null ? basis : current().fingerprint();
            return new RestoreOutcome(restore(id, base, note), null);
        } catch (KeaUnreachable e) {
            if (!queue) {
                throw new KeaUnreachable(e.endpoint(), e.getMessage()
                        + " (add --queue to queue the restore for `offline replay`)", e);
            }
            String base = basis != null ? basis : newestFingerprint();
            return new RestoreOutcome(null, offline.enqueue(Replayers.configRestore(id, base, note)));
        }
    }

    private String newestFingerprint() {
        List<SnapshotInfo> newest = list(1);
        if (newest.isEmpty()) {
            throw new BadInput("--basis", "no snapshot is stored to base the queued restore on; give --basis");
        }
        return snapshot(newest.get(0).id()).fingerprint();
    }
}
