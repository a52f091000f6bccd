package org.gatehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Writes a result as an aligned table, CSV (RFC 4180 quoting) or JSON. */
final class Printer {
    private final PrintWriter out;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    Printer(PrintWriter out) {
        this.out = out;
    }

    void json(Object value) {
        try {
            out.println(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
        out.flush();
    }

    void rows(OutputFormat format, List<String> headers, List<List<String>> rows) {
        if (format == OutputFormat.CSV) {
            out.println(csvLine(headers));
            rows.forEach(r -> out.println(csvLine(r)));
        } else {
            table(headers, rows);
        }
        out.flush();
    }

    private void table(List<String> headers, List<List<String>> rows) {
        int[] width = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], cell(r, i).length());
            }
        }
        for (List<String> r : all) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                String c = cell(r, i);
                sb.append(c);
                if (i < width.length - 1) {
                    sb.append(" ".repeat(width[i] - c.length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String cell(List<String> r, int i) {
        String c = i < r.size() ? r.get(i) : "";
        return c == null ? "" : c;
    }

    static String csvLine(List<String> cells) {
        List<String> q = new ArrayList<>();
        for (String c : cells) {
            String s = c == null ? "" : c;
            q.add(s.matches(".*[\",\\r\\n].*") || s.startsWith(" ") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
        }
        return String.join(",", q);
    }

    void line(String s) {
        out.println(s);
        out.flush();
    }
}
