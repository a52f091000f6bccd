package org.gatehouse.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.AuditQuery;
import org.gatehouse.model.CsvCells;
import org.gatehouse.model.Mac;
import org.gatehouse.model.PrivateFiles;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.AuditChain;
import org.gatehouse.store.ObservationStore;

/** The audit trail as the screen and {@code gatehouse audit} see it: query, verify, export, device timeline. */
public final class AuditService {
    public static final List<String> CSV_HEADERS = List.of("id", "at", "user", "workstation", "action", "target", "mac", "before",
            "after", "note", "detail", "result", "hash");

    private final ActionLog log;
    private final ObservationStore observations;

    public AuditService(ActionLog log, ObservationStore observations) {
        this.log = log;
        this.observations = observations;
    }

    /** The chain check in words: {@code firstBadId} names the first row that does not fit. */
    public record ChainStatus(boolean ok, long rows, String head, Long firstBadId, String problem, String summary) {
        static ChainStatus of(AuditChain.Verification v) {
            return new ChainStatus(v.ok(), v.rows(), v.head(), v.firstBadId(), v.problem(), v.summary());
        }
    }

    /** One moment of a device's story: a lease change seen in Kea, or an action taken on it. */
    public record TimelineEntry(java.time.Instant at, String kind, String what, String result) {
    }

    public List<AuditEntry> query(AuditQuery q) {
        return log.query(q);
    }

    public ChainStatus verify() {
        return ChainStatus.of(log.verify());
    }

    public List<String> users() {
        return log.distinctUsers();
    }

    public List<String> actions() {
        return log.distinctActions();
    }

    /** Lease history and audit rows of one device, oldest first (ties: the lease change first). */
    public List<TimelineEntry> timeline(Mac mac) {
        List<TimelineEntry> out = new ArrayList<>();
        for (ObservationStore.HistoryEntry h : observations.history(mac)) {
            out.add(new TimelineEntry(h.at(), "lease", h.ip() + " " + h.tier().label() + " (" + h.state() + ")"
                    + (h.hostname() == null || h.hostname().isEmpty() ? "" : " " + h.hostname()), ""));
        }
        for (AuditEntry e : log.query(AuditQuery.all().withMac(mac))) {
            String change = e.before() == null && e.after() == null ? "" : " " + nz(e.before()) + " → " + nz(e.after());
            out.add(new TimelineEntry(e.at(), "action", e.action() + " " + e.target() + change + " by " + e.osUser()
                    + (e.note() == null || e.note().isBlank() ? "" : " — " + e.note()), e.result()));
        }
        out.sort(Comparator.comparing(TimelineEntry::at).thenComparing(t -> t.kind().equals("lease") ? 0 : 1));
        return out;
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }

    public static List<String> csvRow(AuditEntry e) {
        return List.of(Long.toString(e.id()), e.at().toString(), nz0(e.osUser()), nz0(e.host()), e.action(), nz0(e.target()),
                nz0(e.mac()), nz0(e.before()), nz0(e.after()), nz0(e.note()), nz0(e.detail()), e.result(), nz0(e.hash()));
    }

    private static String nz0(String s) {
        return s == null ? "" : s;
    }

    public static Map<String, Object> json(AuditEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at().toString());
        m.put("user", e.osUser());
        m.put("workstation", e.host());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("mac", e.mac());
        m.put("before", e.before());
        m.put("after", e.after());
        m.put("note", e.note());
        m.put("detail", e.detail());
        m.put("result", e.result());
        m.put("outcome", e.outcome());
        m.put("hash", e.hash());
        return m;
    }

    public enum ExportFormat { CSV, JSON }

    public void export(List<AuditEntry> rows, ExportFormat format, Writer out) throws IOException {
        if (format == ExportFormat.JSON) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, rows.stream().map(AuditService::json).toList());
            return;
        }
        // Notes, targets and details hold client-chosen text: every cell goes through CsvCells.
        out.write(CsvCells.line(CSV_HEADERS) + CsvCells.LINE_END);
        for (AuditEntry e : rows) {
            out.write(CsvCells.line(csvRow(e)) + CsvCells.LINE_END);
        }
        out.flush();
    }

    /** Writes {@code rows} to {@code file}; returns how many. */
    public int export(List<AuditEntry> rows, ExportFormat format, Path file) {
        PrivateFiles.writeAtomically(file, out -> {
            // export() flushes the CSV and Jackson closes the JSON writer itself
            export(rows, format, new OutputStreamWriter(out, StandardCharsets.UTF_8));
        });
        return rows.size();
    }
}
