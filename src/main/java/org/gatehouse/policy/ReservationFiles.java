package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.CsvCells;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.InputFiles;

/**
 * The bulk import/export format of reservations. CSV with a header line
 * ({@code mac,class,ip,hostname,note,subnet}, plus {@code by,at} on export; columns in any order)
 * or JSON (an array of objects with the same names, {@code subnetId} for the subnet). What export
 * writes, import reads back: export neutralises cells a spreadsheet would run as formulas
 * ({@link CsvCells}), import takes that quote off again.
 */
public final class ReservationFiles {
    public static final List<String> COLUMNS = List.of("mac", "class", "ip", "hostname", "note", "subnet", "by", "at");

    private ReservationFiles() {
    }

    /** One row as written in the file, not yet validated; {@code line} is for error messages. */
    public record Row(String label, String mac, String cls, String ip, String hostname, String note, String subnet) {
    }

    /** Reads an import file, refusing one over {@link InputFiles#MAX_IMPORT_BYTES} (exit 2, nothing sent). */
    public static String read(java.nio.file.Path file) {
        return InputFiles.readText(file, InputFiles.MAX_IMPORT_BYTES, "FILE");
    }

    public static List<Row> parse(String text, String fileName) {
        String t = text.stripLeading();
        if (t.startsWith("[") || fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return parseJson(t, fileName);
        }
        return parseCsv(text, fileName);
    }

    static List<Row> parseJson(String text, String fileName) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInput(fileName, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInput(fileName, "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new BadInput(fileName, "must hold a JSON array of reservations");
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (JsonNode n : root) {
            i++;
            String cls = n.path("class").asText(n.path("client-classes").path(0).asText(""));
            String subnet = n.hasNonNull("subnetId") ? n.get("subnetId").asText() : n.path("subnet").asText("");
            rows.add(new Row("entry " + i, n.path("mac").asText(n.path("hw-address").asText("")), cls,
                    n.path("ip").asText(n.path("ip-address").asText("")), n.path("hostname").asText(""), n.path("note").asText(""), subnet));
        }
        return rows;
    }

    static List<Row> parseCsv(String text, String fileName) {
        List<List<String>> records = csv(text, fileName);
        if (records.isEmpty()) {
            throw new BadInput(fileName, "is empty");
        }
        List<String> header = records.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
        if (!header.contains("mac") || !header.contains("class")) {
            throw new BadInput(fileName, "needs a header line with at least the columns mac and class (found: " + String.join(",", header) + ")");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> r = records.get(i);
            if (r.stream().allMatch(String::isBlank)) {
                continue;
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                // A quote that export put before a leading = + - @ is taken off again (CsvCells.restore).
                m.put(header.get(c), c < r.size() ? CsvCells.restore(r.get(c).trim()) : "");
            }
            rows.add(new Row("line " + (i + 1), m.getOrDefault("mac", ""), m.getOrDefault("class", ""), m.getOrDefault("ip", ""),
                    m.getOrDefault("hostname", ""), m.getOrDefault("note", ""), m.getOrDefault("subnet", "")));
        }
        return rows;
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> csv(String text, String fileName) {
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                out.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (quoted) {
            throw new BadInput(fileName, "has an unterminated quoted field");
        }
        if (any || cell.length() > 0) {
            row.add(cell.toString());
            out.add(row);
        }
        return out;
    }

    /** The export file as CSV: a header line and one record per reservation, every cell through {@link CsvCells}. */
    public static String csv(List<HostReservation> reservations) {
        StringBuilder sb = new StringBuilder(CsvCells.line(COLUMNS)).append(CsvCells.LINE_END);
        for (HostReservation r : reservations) {
            sb.append(CsvCells.line(row(r))).append(CsvCells.LINE_END);
        }
        return sb.toString();
    }

    /** The export row of a reservation, in {@link #COLUMNS} order. */
    public static List<String> row(HostReservation r) {
        return List.of(r.mac().toString(), String.join(" ", r.clientClasses()), r.ip() == null ? "" : r.ip().toString(), r.hostname(),
                r.stamp() == null ? "" : r.stamp().note(), Long.toString(r.subnetId()), r.stamp() == null ? "" : r.stamp().by(),
                r.stamp() == null || r.stamp().at() == null ? "" : r.stamp().at().toString());
    }

    /** The export object of a reservation (JSON). */
    public static Map<String, Object> json(HostReservation r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mac", r.mac().toString());
        m.put("class", r.decisionClass());
        m.put("classes", r.clientClasses());
        m.put("ip", r.ip() == null ? null : r.ip().toString());
        m.put("hostname", r.hostname());
        m.put("note", r.stamp() == null ? "" : r.stamp().note());
        m.put("subnetId", r.subnetId());
        m.put("by", r.stamp() == null ? null : r.stamp().by());
        m.put("at", r.stamp() == null || r.stamp().at() == null ? null : r.stamp().at().toString());
        return m;
    }

    /** Writes every reservation to {@code file}: JSON when its name ends in .json, else CSV in the import format. */
    public static int export(java.nio.file.Path file, List<HostReservation> all) throws java.io.IOException {
        String text;
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            text = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(all.stream().map(ReservationFiles::json).toList());
        } else {
            text = csv(all);
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.gatehouse.model.PrivateFiles.writeAtomically(file, out -> out.write(bytes)); // 0600, never half a file
        return all.size();
    }
}
