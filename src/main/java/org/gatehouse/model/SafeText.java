package org.gatehouse.model;

/**
 * Makes text that came from outside (client-chosen hostnames, Kea's error text, notes) safe to
 * print on a terminal or in a table cell: control, escape, bidirectional-override, invisible
 * format and line-separator characters are shown as escapes, so that a hostname cannot recolour
 * the terminal ({@code ESC[31m}), start a fake line ({@code \n}), or reverse what follows it
 * ({@code U+202E}). Every other character, including non-ASCII letters ("Müller", "東京"), is
 * shown unchanged.
 *
 * <p>Escapes: {@code \n}, {@code \r}, {@code \t}; other C0 controls as {@code \x1b}; everything
 * else as {@code \u202e} (supplementary characters as their two UTF-16 escapes). The
 * {@code \\u} form is also a valid JSON string escape, so escaping pretty-printed JSON keeps it
 * valid. A backslash in the text is left as it is: escaping it would alter ordinary printable
 * text, and a look-alike escape can only mislead, not attack, the reader.
 */
public final class SafeText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SafeText() {
    }

    /** {@code text} with every unsafe character escaped; null becomes "". */
    public static String escapeForTerminal(String text) {
        return escape(text, false);
    }

    /**
     * Like {@link #escapeForTerminal} but keeps line feeds and tabs, for text that is several lines
     * by design (a stack trace, a pretty-printed configuration).
     */
    public static String escapeKeepingLines(String text) {
        return escape(text, true);
    }

    /**
     * True for a character that must not reach a terminal raw: C0 and C1 controls, DEL,
     * bidirectional controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), zero-width and other
     * invisible format characters (Unicode category Cf: U+200B–U+200D, U+2060, U+FEFF, U+00AD,
     * tag characters ...), the line and paragraph separators U+2028/U+2029, and unpaired surrogates.
     */
    public static boolean isUnsafe(int codePoint) {
        if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint <= 0x9F)) {
            return true;
        }
        if (codePoint < 0xA0) {
            return false; // printable ASCII: the fast path
        }
        if (isRawByte(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || type == Character.CONTROL;
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null) {
            return "";
        }
        int first = firstUnsafe(text, keepLines);
        if (first < 0) {
            return text; // the common case: no copy
        }
        StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (!isUnsafe(cp) || (keepLines && kept(cp))) {
                sb.append(text, i, i + n);
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp < 0x20) {
                sb.append("\\x").append(HEX[cp >> 4]).append(HEX[cp & 0xF]);
            } else if (isRawByte(cp)) {
                int b = cp - RAW_BYTE_BASE;
                sb.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
            } else {
                for (int j = i; j < i + n; j++) {
                    unicodeEscape(sb, text.charAt(j));
                }
            }
            i += n;
        }
        return sb.toString();
    }

    private static int firstUnsafe(String text, boolean keepLines) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isUnsafe(cp) && !(keepLines && kept(cp))) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /**
     * Where text from Kea keeps a byte that is not part of any UTF-8 character (another tool stored
     * Latin-1, say): one private-use character per byte, U+F780–U+F7FF for bytes 0x80–0xFF, so that
     * it is written back as the same byte. Shown as {@code \xNN}.
     */
    public static final int RAW_BYTE_BASE = 0xF700;

    public static boolean isRawByte(int codePoint) {
        return codePoint >= RAW_BYTE_BASE + 0x80 && codePoint <= RAW_BYTE_BASE + 0xFF;
    }

    private static boolean kept(int cp) {
        return cp == '\n' || cp == '\t';
    }

    private static void unicodeEscape(StringBuilder sb, char c) {
        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
    }
}
