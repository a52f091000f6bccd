package org.gatehouse.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.gatehouse.model.BadInput;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.CacheMaintenance;
import org.gatehouse.store.Database;

/**
 * The cache's safety: backup, validated restore, check, retention and scheduled VACUUM. The
 * retention is a setting (Settings screen, {@code db retention}); changing it is audited. The
 * audit trail itself is never pruned.
 */
public final class CacheService {
    public static final Duration VACUUM_EVERY = Duration.ofDays(7);
    static final int MIN_RETENTION_DAYS = 1;
    static final int MAX_RETENTION_DAYS = 3650;

    private final Database db;
    private final CacheMaintenance maintenance;
    private final ActionLog log;
    private final Clock clock;

    public CacheService(Database db, CacheMaintenance maintenance, ActionLog log, Clock clock) {
        this.db = db;
        this.maintenance = maintenance;
        this.log = log;
        this.clock = clock;
    }

    /** A cache file checked: schema, {@code PRAGMA integrity_check}, foreign keys, the audit chain ({@code auditChain}: null without one). */
    public record Inspection(int schemaVersion, List<String> integrity, List<String> foreignKeys, String auditChain, boolean healthy,
                             String problems) {
        static Inspection of(Database.Inspection i) {
            return new Inspection(i.schemaVersion(), i.integrity(), i.foreignKeys(), i.chain() == null ? null : i.chain().summary(),
                    i.healthy(), i.problems());
        }
    }

    /** Size on disk, rows per table, the lease history's retention and the last VACUUM. */
    public record Size(long bytesOnDisk, Map<String, Long> rows, int retentionDays, Instant lastVacuum) {
        static Size of(CacheMaintenance.Report r) {
            return new Size(r.bytesOnDisk(), r.rows(), r.retentionDays(), r.lastVacuum());
        }
    }

    /** The health of the cache, for {@code db check} and the screens. */
    public record Health(Inspection inspection, Size size, int latestSchema) {
        public boolean ok() {
            return inspection.healthy();
        }
    }

    public Health check() {
        return new Health(Inspection.of(db.check()), size(), latestSchema());
    }

    public static int latestSchema() {
        return Database.latestSchemaVersion();
    }

    public Size size() {
        return Size.of(maintenance.report());
    }

    /** The cache's size for the Settings and Audit screens. */
    public record SizeInfo(long bytesOnDisk, long auditRows, long historyRows, int retentionDays, Instant lastVacuum) {
        public String describe() {
            String mb = String.format("%.1f MB", bytesOnDisk / 1_000_000.0);
            return "Cache " + mb + " · " + auditRows + " audit rows (never pruned) · " + historyRows + " lease history rows (kept "
                    + retentionDays + " days) · last VACUUM " + (lastVacuum == null ? "never" : lastVacuum.toString());
        }
    }

    public SizeInfo sizeInfo() {
        CacheMaintenance.Report r = maintenance.report();
        return new SizeInfo(r.bytesOnDisk(), r.rows().getOrDefault("action_log", 0L), r.rows().getOrDefault("lease_history", 0L),
                r.retentionDays(), r.lastVacuum());
    }

    /** For the console: maintain only when due, so it can run at start-up and daily; says what it did. */
    public String maintainIfDue() {
        Instant last = maintenance.lastVacuum();
        if (last != null && last.plus(Duration.ofDays(1)).isAfter(clock.instant())) {
            return "not due";
        }
        Maintained m = maintain(false);
        return "pruned " + m.historyRowsPruned() + " history rows" + (m.vacuumed() ? ", vacuumed" : "");
    }

    public int retentionDays() {
        return maintenance.retentionDays();
    }

    /** Settings-ready: validates, stores and audits a new lease-history retention. */
    public void setRetentionDays(int days, String note) {
        if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
            throw new BadInput("retention", days + " days is outside " + MIN_RETENTION_DAYS + "–" + MAX_RETENTION_DAYS);
        }
        int before = maintenance.retentionDays();
        maintenance.setRetentionDays(days);
        log.append(ActionLog.Draft.of(clock.instant(), "settings-change", "lease-history-retention")
                .change(before + " days", days + " days").note(note).result(ActionLog.OK));
    }

    /** What a maintenance run did. */
    public record Maintained(int historyRowsPruned, boolean vacuumed, long bytesBefore, long bytesAfter) {
    }

    /** Prunes lease history past the retention; VACUUMs when the last one is older than a week (or {@code force}). */
    public Maintained maintain(boolean forceVacuum) {
        Instant now = clock.instant();
        long before = db.sizeOnDisk();
        int pruned = maintenance.pruneLeaseHistory(now);
        Instant last = maintenance.lastVacuum();
        boolean due = forceVacuum || last == null || last.plus(VACUUM_EVERY).isBefore(now);
        if (due) {
            maintenance.vacuum(now);
        }
        return new Maintained(pruned, due, before, db.sizeOnDisk());
    }

    /** Writes a consistent copy to {@code file} (the app may keep running) and audits it. */
    public Inspection backup(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInput("FILE", file + " is a directory");
        }
        Database.Inspection copy = db.backupTo(file);
        log.append(ActionLog.Draft.of(clock.instant(), "db-backup", file.toAbsolutePath().toString())
                .detail("schema " + copy.schemaVersion() + (copy.chain() == null ? "" : ", audit " + copy.chain().summary()))
                .result(ActionLog.OK));
        return Inspection.of(copy);
    }

    /** What a restore did: the file's schema and where the replaced cache was kept. */
    public record Restored(int fromSchema, Path previousKeptAt) {
    }

    /**
     * Replaces the cache with {@code file} after checking it: a file from a newer Gatehouse, a
     * damaged file or one whose audit chain is broken is refused and nothing changes. The cache
     * being replaced is first backed up beside itself.
     */
    public Restored restore(Path file, String note) {
        Database.Inspection in;
        try {
            in = Database.inspect(file);
        } catch (RuntimeException e) {
            throw new BadInput("FILE", e.getMessage() + "; nothing was changed");
        }
        if (in.newerThanThisGatehouse()) {
            throw new BadInput("FILE", file + " has cache schema version " + in.schemaVersion() + ", newer than this Gatehouse knows ("
                    + latestSchema() + "); nothing was changed. Restore it with a newer Gatehouse.");
        }
        if (in.schemaVersion() < 1) {
            throw new BadInput("FILE", file + " is not a Gatehouse cache (schema version 0); nothing was changed");
        }
        if (!in.healthy()) {
            throw new BadInput("FILE", file + " does not check ok (" + in.problems() + "); nothing was changed");
        }
        Path keep = Path.of(db.file() + ".before-restore-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(clock.instant()));
        db.backupTo(keep);
        db.restoreFrom(file);
        log.append(ActionLog.Draft.of(clock.instant(), "db-restore", file.toAbsolutePath().toString())
                .detail("from schema " + in.schemaVersion() + "; the replaced cache was kept as " + keep).note(note).result(ActionLog.OK));
        return new Restored(in.schemaVersion(), keep);
    }
}
