package org.gatehouse.policy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.CsvCells;
import org.gatehouse.model.Lease;
import org.gatehouse.model.PrivateFiles;

/**
 * Writes a list of leases as CSV (cells through {@link CsvCells}) or JSON. The JSON objects carry the fields of
 * {@code leases list --format json} plus {@code reserved}, {@code firstSeen} and {@code lastSeen}.
 * The file is written beside the target (0600) and moved into place, so a failed export leaves no half file.
 */
public final class LeaseExport {

    public enum Format { CSV, JSON;
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One exported lease; {@code firstSeen}/{@code lastSeen} null when the cache does not know the device. */
    public record Row(ClassifiedLease lease, boolean reserved, Instant firstSeen, Instant lastSeen) {
    }

    public static final List<String> CSV_HEADERS = List.of("ip", "mac", "vendor", "hostname", "tier", "subnet_id", "state",
            "expires", "first_seen", "last_seen", "reserved");

    private LeaseExport() {
    }

    public static void write(Path target, Format format, List<Row> rows) {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try {
            if (format == Format.CSV) {
                writeCsv(tmp, rows);
            } else {
                writeJson(tmp, rows);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private static void writeCsv(Path file, List<Row> rows) throws IOException {
        try (Writer w = PrivateFiles.newWriter(file)) {
            appendCsv(w, rows);
        }
    }

    /**
     * The one lease CSV of Gatehouse (the console's export and {@code leases list|show --format csv}):
     * the header, then one line per row, every cell through {@link CsvCells}.
     */
    public static void appendCsv(Appendable out, List<Row> rows) throws IOException {
        out.append(CsvCells.line(CSV_HEADERS)).append(CsvCells.LINE_END);
        for (Row r : rows) {
            Lease l = r.lease().lease();
            List<String> cells = List.of(l.ip().toString(), l.mac() == null ? "" : l.mac().toString(),
                    r.lease().vendor() == null ? "" : r.lease().vendor(), l.hostname(), r.lease().tier().label(),
                    Long.toString(l.subnetId()), l.state().label(), l.expires().toString(),
                    r.firstSeen() == null ? "" : r.firstSeen().toString(), r.lastSeen() == null ? "" : r.lastSeen().toString(),
                    r.reserved() ? "yes" : "no");
            out.append(CsvCells.line(cells)).append(CsvCells.LINE_END); // hostnames are client-chosen: formula-neutralised and quoted there
        }
    }

    /** {@link #appendCsv} as text. */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder(rows.size() * 128 + 128);
        try {
            appendCsv(sb, rows);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return sb.toString();
    }

    private static void writeJson(Path file, List<Row> rows) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(PrivateFiles.newOutputStream(file), JsonEncoding.UTF8)) {
            g.setCodec(new ObjectMapper());
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (Row r : rows) {
                Map<String, Object> m = json(r.lease());
                m.put("reserved", r.reserved());
                m.put("firstSeen", r.firstSeen() == null ? null : r.firstSeen().toString());
                m.put("lastSeen", r.lastSeen() == null ? null : r.lastSeen().toString());
                g.writeObject(m);
            }
            g.writeEndArray();
        }
    }

    /**
     * {@code leases list --format json}: the objects of {@link #json} in an array, pretty-printed as
     * an {@code ObjectMapper} with {@code INDENT_OUTPUT} prints them, but written lease by lease to
     * {@code out} (no map, no tree, no string of the whole list); no line end after it, {@code out}
     * left open.
     */
    public static void writeJsonArray(Writer out, List<ClassifiedLease> leases) throws IOException {
        try (JsonGenerator g = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartArray();
            for (ClassifiedLease cl : leases) {
                writeJson(g, cl);
            }
            g.writeEndArray();
        }
    }

    /** One object of {@link #json}, written straight to {@code g}: the same fields in the same order. */
    private static void writeJson(JsonGenerator g, ClassifiedLease cl) throws IOException {
        Lease l = cl.lease();
        g.writeStartObject();
        g.writeStringField("ip", l.ip().toString());
        g.writeStringField("mac", l.mac() == null ? null : l.mac().toString());
        g.writeStringField("hostname", l.hostname());
        g.writeNumberField("subnetId", l.subnetId());
        g.writeStringField("state", l.state().label());
        g.writeNumberField("cltt", l.cltt());
        g.writeNumberField("validLifetime", l.validLifetime());
        g.writeStringField("expires", isoSeconds(l.cltt() + l.validLifetime()));
        g.writeStringField("tier", cl.tier().label());
        g.writeStringField("vendor", cl.vendor());
        g.writeEndObject();
    }

    private static final long YEAR_1000 = LocalDateTime.of(1000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long END_OF_9999 = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    /**
     * {@code Instant.ofEpochSecond(s).toString()}, written out by hand for the years 1000–9999 (50,000
     * leases: 10–20 ms instead of 40–60 ms at C1); other years as Instant writes them.
     */
    static String isoSeconds(long epochSecond) {
        if (epochSecond < YEAR_1000 || epochSecond > END_OF_9999) {
            return Instant.ofEpochSecond(epochSecond).toString();
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        char[] c = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
        for (int i = 3, y = t.getYear(); i >= 0; i--, y /= 10) {
            c[i] = (char) ('0' + y % 10);
        }
        twoDigits(c, 5, t.getMonthValue());
        twoDigits(c, 8, t.getDayOfMonth());
        twoDigits(c, 11, t.getHour());
        twoDigits(c, 14, t.getMinute());
        twoDigits(c, 17, t.getSecond());
        return new String(c);
    }

    private static void twoDigits(char[] c, int at, int value) {
        c[at] = (char) ('0' + value / 10);
        c[at + 1] = (char) ('0' + value % 10);
    }

    /** The JSON object of the contract ({@code leases list --format json}): ip, mac, hostname, subnetId, state, cltt, validLifetime, expires, tier, vendor. */
    public static Map<String, Object> json(ClassifiedLease cl) {
        Lease l = cl.lease();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", l.ip().toString());
        m.put("mac", l.mac() == null ? null : l.mac().toString());
        m.put("hostname", l.hostname());
        m.put("subnetId", l.subnetId());
        m.put("state", l.state().label());
        m.put("cltt", l.cltt());
        m.put("validLifetime", l.validLifetime());
        m.put("expires", l.expires().toString());
        m.put("tier", cl.tier().label());
        m.put("vendor", cl.vendor());
        return m;
    }
}
