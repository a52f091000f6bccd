package org.gatehouse.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.AuditQuery;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.AuditService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse audit list|verify}: the local audit trail; works without Kea. */
@Command(name = "audit", description = "The local audit trail (works offline).",
        subcommands = {AuditCommand.ListAudit.class, AuditCommand.VerifyAudit.class})
final class AuditCommand {

    static final List<String> HEADERS = List.of("ID", "AT", "USER", "HOST", "ACTION", "TARGET", "CHANGE", "NOTE", "RESULT");

    /** ISO-8601 instant, local date-time (taken as UTC) or date (midnight UTC). */
    static Instant instant(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDateTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new BadInput(option, "'" + text + "' is not an ISO date or time (e.g. 2026-11-27 or 2026-11-27T10:00:00Z)");
                }
            }
        }
    }

    @Command(name = "list", description = "Audit rows, oldest first; filters combine.")
    static final class ListAudit extends ConnectedCommand {
        @Option(names = "--since", paramLabel = "ISO", description = "from this time (UTC), e.g. 2026-11-27 or 2026-11-27T10:00:00Z")
        String since;

        @Option(names = "--until", paramLabel = "ISO", description = "before this time (UTC)")
        String until;

        @Option(names = "--mac", paramLabel = "MAC", description = "only rows about this device")
        String mac;

        @Option(names = "--user", paramLabel = "NAME", description = "only rows by this OS user")
        String user;

        @Option(names = "--action", paramLabel = "NAME", description = "only this action (approve, deny, lease-release, ...)")
        String action;

        @Option(names = "--result", paramLabel = "WORD", description = "only this outcome: ok, refused, queued, failed, ...")
        String result;

        @Option(names = "--limit", paramLabel = "N", description = "the newest N matching rows (default all)")
        int limit;

        ListAudit(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() throws Exception {
            AuditQuery q = new AuditQuery(instant("--since", since), instant("--until", until), user, mac == null ? null : Mac.parse(mac),
                    action, result, Math.max(0, limit));
            try (Backend.Local s = backend.local(options())) {
                List<AuditEntry> rows = s.audit().query(q);
                switch (options().format()) {
                    case JSON -> printer().json(rows.stream().map(AuditService::json).toList());
                    case CSV -> {
                        PrintWriter out = spec.commandLine().getOut();
                        s.audit().export(rows, AuditService.ExportFormat.CSV, out);
                        out.flush();
                    }
                    default -> {
                        List<List<String>> table = new ArrayList<>();
                        for (AuditEntry e : rows) {
                            String change = e.before() == null && e.after() == null ? "" : nz(e.before()) + " → " + nz(e.after());
                            table.add(List.of(Long.toString(e.id()), e.at().toString(), nz(e.osUser()), nz(e.host()), e.action(),
                                    nz(e.target()), change, nz(e.note()), e.result()));
                        }
                        printer().rows(OutputFormat.TABLE, HEADERS, table);
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "verify", description = "Check the hash chain: exit 1 and name the first bad row if any row was changed, "
            + "inserted, deleted or reordered.")
    static final class VerifyAudit extends ConnectedCommand {
        VerifyAudit(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Local s = backend.local(options())) {
                AuditService.ChainStatus st = s.audit().verify();
                if (options().format() == OutputFormat.JSON) {
                    printer().json(st);
                } else {
                    printer().line("audit chain: " + st.summary());
                }
                if (!st.ok()) {
                    err().println(Printer.errorLine("audit trail", "altered at row " + st.firstBadId() + ": " + st.problem()));
                    err().flush();
                    return 1;
                }
                return 0;
            }
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
