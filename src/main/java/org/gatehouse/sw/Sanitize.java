package org.gatehouse.sw;

/** Makes rejected user text safe to quote in an error message (no control characters, bounded). */
final class Sanitize {
    private Sanitize() {
    }

    /**
     * Refuses a field holding anything but printable ASCII (spaces around it allowed) or one of
     * {@code ; % ?}: such text is never trimmed into shape, it is rejected whole.
     */
    static void requireClean(String field, String text) {
        if (text != null && !text.matches("[\\x20-\\x7E]*")) {
            throw new org.gatehouse.model.BadInput(field, "'" + printable(text) + "' holds a control or non-ASCII character");
        }
        if (text != null && text.matches(".*[;%?].*")) {
            throw new org.gatehouse.model.BadInput(field, "'" + printable(text) + "' holds one of ; % ? which never go to the switch");
        }
    }

    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
