package org.gatehouse.sw;

/** Makes rejected user text safe to quote in an error message (no control characters, bounded). */
final class Sanitize {
    private Sanitize() {
    }

    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
