package org.gatehouse.model;

import java.util.List;

/**
 * The one way Gatehouse writes a CSV cell (lease, audit and reservation exports, {@code --format csv}).
 *
 * <p><b>Formula injection</b> (OWASP "CSV Injection", ASVS 5 1.2.10): a spreadsheet runs a cell
 * that starts with {@code = + - @}, tab, CR or NUL as a formula ({@code =cmd|' /C calc'!A0},
 * {@code =HYPERLINK(...)}). Such a cell is written with a leading {@code '}, which spreadsheets take
 * as "this is text". The rule is applied to every cell alike, with no exception for text that looks
 * like a number: {@code -2+3+cmd|...} also starts with a digit after the minus. Gatehouse's own
 * columns never start with a trigger (addresses, MACs in {@code aa:bb:..} form, subnet ids, times,
 * counters are never negative and an IPv6 address starts with a hex digit or {@code :}), so only
 * free text (hostnames, notes, details) can gain the quote.
 *
 * <p><b>Quoting</b> (RFC 4180): a cell holding {@code " , CR LF} is quoted with inner quotes doubled;
 * so is one holding {@code ;} or a tab (a spreadsheet set to split on {@code ;} would otherwise cut
 * {@code a;=cmd} into a second, formula cell) or with a space at either end.
 *
 * <p><b>Round trip</b>: {@link #restore} undoes {@link #neutralise} for the importers. A cell that
 * already starts with quotes followed by a trigger gets one more quote, so that
 * {@code restore(neutralise(s)) == s} for every {@code s}.
 */
public final class CsvCells {
    /** Line end of every CSV Gatehouse writes (RFC 4180). */
    public static final String LINE_END = "\r\n";

    private static final String TRIGGERS = "=+-@\t\r\0";

    private CsvCells() {
    }

    /** One cell, neutralised and quoted as needed; null is an empty cell. */
    public static String cell(String value) {
        String v = neutralise(value == null ? "" : value);
        return needsQuotes(v) ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    /** One record (without its line end). */
    public static String line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        return sb.toString();
    }

    /** {@code value} with a leading {@code '} if a spreadsheet would otherwise read it as a formula. */
    public static String neutralise(String value) {
        return startsWithQuotedTrigger(value, 0) ? "'" + value : value;
    }

    /** Undoes {@link #neutralise}: drops one leading {@code '} placed before a formula trigger. */
    public static String restore(String value) {
        return value != null && value.startsWith("'") && startsWithQuotedTrigger(value, 1) ? value.substring(1) : value;
    }

    /** True when {@code value}, from {@code from} on, is zero or more {@code '} followed by a trigger. */
    private static boolean startsWithQuotedTrigger(String value, int from) {
        int i = from;
        while (value != null && i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        return value != null && i < value.length() && TRIGGERS.indexOf(value.charAt(i)) >= 0;
    }

    private static boolean needsQuotes(String v) {
        if (v.isEmpty()) {
            return false;
        }
        if (v.charAt(0) == ' ' || v.charAt(v.length() - 1) == ' ') {
            return true;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == ',' || c == ';' || c == '\r' || c == '\n' || c == '\t') {
                return true;
            }
        }
        return false;
    }
}
