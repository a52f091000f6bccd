package org.gatehouse.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.model.CsvCells;
import org.gatehouse.model.SafeText;

/**
 * Writes a result as an aligned table, CSV or JSON. Text from Kea is client-chosen: table cells
 * and message lines show control and bidi characters escaped ({@link SafeText}); CSV cells go
 * through {@link CsvCells} (formula neutralising, RFC 4180 quoting); JSON is Jackson's (control
 * characters escaped as the JSON grammar requires, everything else as it is).
 */
final class Printer {
    private final PrintWriter out;

    Printer(PrintWriter out) {
        this.out = out;
    }

    void json(Object value) {
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
        out.flush();
    }

    /** Writes a document (e.g. JSON from policy) straight to the output. */
    @FunctionalInterface
    interface Streamed {
        void write(Writer out) throws IOException;
    }

    /**
     * A document written as it is made, with no string of the whole (50,000 leases), then a line
     * end, as {@link #json} ends its text.
     */
    void streamed(Streamed writing) {
        try {
            writing.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot print", e);
        }
        out.println();
        out.flush();
    }

    void rows(OutputFormat format, List<String> headers, List<List<String>> rows) {
        // One write, not one flush per line: 50,000 leases print in a blink.
        StringBuilder sb = new StringBuilder(rows.size() * 96 + 128);
        if (format == OutputFormat.CSV) {
            sb.append(CsvCells.line(headers)).append(System.lineSeparator());
            rows.forEach(r -> sb.append(CsvCells.line(r)).append(System.lineSeparator()));
        } else {
            table(sb, headers, rows);
        }
        out.print(sb);
        out.flush();
    }

    /** Text already in its final form (a CSV document), written as it is. */
    void raw(String text) {
        out.print(text);
        out.flush();
    }

    private static void table(StringBuilder out, List<String> headers, List<List<String>> rows) {
        int[] width = new int[headers.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        for (List<String> r : rows) {
            all.add(r.stream().map(SafeText::escapeForTerminal).toList());
        }
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

    /** The contract's one error line, {@code gatehouse: error: <what>: <why>}, with control and bidi characters escaped. */
    static String errorLine(String what, String why) {
        return "gatehouse: error: " + SafeText.escapeForTerminal(what) + ": " + SafeText.escapeForTerminal(why);
    }

    /** A message; it may span lines by design, but a control or bidi character inside it is shown escaped. */
    void line(String s) {
        out.println(SafeText.escapeKeepingLines(s));
        out.flush();
    }
}
