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
        // One write, not one flush per line: 50,000 leases print in a blink.
        StringBuilder sb = new StringBuilder(rows.size() * 96 + 128);
        if (format == OutputFormat.CSV) {
            sb.append(csvLine(headers)).append(System.lineSeparator());
            rows.forEach(r -> sb.append(csvLine(r)).append(System.lineSeparator()));
        } else {
            table(sb, headers, rows);
        }
        out.print(sb);
        out.flush();
    }

    private static void table(StringBuilder out, List<String> headers, List<List<String>> rows) {
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
            out.append(sb.toString().stripTrailing()).append(System.lineSeparator());
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
            boolean quote = s.indexOf('"') >= 0 || s.indexOf(',') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0
                    || s.startsWith(" ");
            q.add(quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
        }
        return String.join(",", q);
    }

    void line(String s) {
        out.println(s);
        out.flush();
    }
}
