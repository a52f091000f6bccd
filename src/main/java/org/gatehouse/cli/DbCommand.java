package org.gatehouse.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gatehouse.policy.CacheService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse db backup|restore|check|maintain|retention}: the local cache's safety. */
@Command(name = "db", description = "Backup, restore and check the local cache.",
        subcommands = {DbCommand.Backup.class, DbCommand.Restore.class, DbCommand.Check.class, DbCommand.Maintain.class,
                DbCommand.Retention.class})
final class DbCommand {

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }

    @Command(name = "backup", description = "Consistent copy of the cache to FILE, also while the console runs (SQLite online backup).")
    static final class Backup extends ConnectedCommand {
        @Parameters(paramLabel = "FILE")
        Path file;

        Backup(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                CacheService.Inspection copy = s.cache().backup(file);
                printer().line("backed up " + options().db() + " to " + file + " (schema " + copy.schemaVersion() + ", "
                        + bytes(file.toFile().length()) + (copy.auditChain() == null ? "" : ", audit " + copy.auditChain()) + ")");
            }
            return 0;
        }
    }

    @Command(name = "restore", description = "Replace the cache with FILE after checking its schema version, integrity and audit "
            + "chain; the replaced cache is kept beside it.")
    static final class Restore extends ConnectedCommand {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--note", paramLabel = "TEXT", description = "why (kept in the audit trail)")
        String note;

        Restore(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                CacheService.Restored r = s.cache().restore(file, note);
                printer().line("restored " + options().db() + " from " + file + " (schema " + r.fromSchema() + ", now "
                        + CacheService.latestSchema() + "); the replaced cache was kept as " + r.previousKeptAt());
            }
            return 0;
        }
    }

    @Command(name = "check", description = "PRAGMA integrity_check, foreign keys, the audit chain, schema version and size; exit 1 "
            + "if anything is wrong.")
    static final class Check extends ConnectedCommand {
        Check(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                CacheService.Health h = s.cache().check();
                CacheService.Inspection in = h.inspection();
                CacheService.Size size = h.size();
                if (options().format() == OutputFormat.JSON) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ok", h.ok());
                    m.put("file", options().db().toString());
                    m.put("integrity", in.integrity());
                    m.put("foreignKeys", in.foreignKeys());
                    m.put("auditChain", in.auditChain());
                    m.put("schemaVersion", in.schemaVersion());
                    m.put("latestSchemaVersion", h.latestSchema());
                    m.put("bytes", size.bytesOnDisk());
                    m.put("rows", size.rows());
                    m.put("leaseHistoryRetentionDays", size.retentionDays());
                    m.put("lastVacuum", size.lastVacuum() == null ? null : size.lastVacuum().toString());
                    printer().json(m);
                } else {
                    Printer p = printer();
                    p.line("file:         " + options().db());
                    p.line("integrity:    " + String.join("; ", in.integrity()));
                    p.line("foreign keys: " + (in.foreignKeys().isEmpty() ? "ok" : String.join("; ", in.foreignKeys())));
                    p.line("audit chain:  " + (in.auditChain() == null ? "n/a" : in.auditChain()));
                    p.line("schema:       " + in.schemaVersion() + " (this Gatehouse: " + h.latestSchema() + ")");
                    p.line("cache size:   " + bytes(size.bytesOnDisk()) + " — " + size.rows().get("action_log") + " audit rows, "
                            + size.rows().get("lease_history") + " lease history rows, " + size.rows().get("device") + " devices, "
                            + size.rows().get("config_snapshot") + " config snapshots, " + size.rows().get("offline_action")
                            + " queued actions");
                    p.line("retention:    lease history " + size.retentionDays() + " days (audit: never pruned); last VACUUM "
                            + (size.lastVacuum() == null ? "never" : size.lastVacuum().toString()));
                }
                if (!h.ok()) {
                    err().println(Printer.errorLine("local cache", String.valueOf(in.problems())));
                    err().flush();
                    return 1;
                }
                return 0;
            }
        }
    }

    @Command(name = "maintain", description = "Delete lease history past the retention and VACUUM when due (weekly; --vacuum: now). "
            + "The audit trail is never pruned.")
    static final class Maintain extends ConnectedCommand {
        @Option(names = "--vacuum", description = "VACUUM now even if not due")
        boolean vacuum;

        Maintain(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                CacheService.Maintained m = s.cache().maintain(vacuum);
                printer().line("pruned " + m.historyRowsPruned() + " lease history rows older than " + s.cache().retentionDays()
                        + " days; " + (m.vacuumed() ? "vacuumed" : "VACUUM not due") + "; " + bytes(m.bytesBefore()) + " → "
                        + bytes(m.bytesAfter()));
            }
            return 0;
        }
    }

    @Command(name = "retention", description = "Show or set (DAYS, 1–3650) how long lease history is kept (default 90).")
    static final class Retention extends ConnectedCommand {
        @Parameters(paramLabel = "DAYS", arity = "0..1")
        Integer days;

        @Option(names = "--note", paramLabel = "TEXT", description = "why (kept in the audit trail)")
        String note;

        Retention(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                if (days != null) {
                    s.cache().setRetentionDays(days, note);
                }
                printer().line("lease history retention: " + s.cache().retentionDays() + " days");
            }
            return 0;
        }
    }
}
