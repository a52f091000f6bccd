package org.gatehouse.policy;

import java.util.List;

/**
 * What {@code profile test} found: one line per configured part (Kea, switch SSH, SNMP).
 *
 * @param parts empty when the profile configures nothing to test
 */
public record ProfileCheck(String profile, List<Part> parts) {
    public ProfileCheck {
        parts = List.copyOf(parts);
    }

    /**
     * @param name     "kea", "switch" or "snmp"
     * @param answered whether it answered as it should
     * @param detail   the first fact ("Kea 2.2.0 at …") or why it failed; never a secret
     * @param facts    every line found, {@code detail} first (the console's Test shows the same lines)
     */
    public record Part(String name, boolean answered, String detail, List<String> facts) {
        public Part {
            facts = facts == null || facts.isEmpty() ? List.of(detail) : List.copyOf(facts);
        }

        public Part(String name, boolean answered, String detail) {
            this(name, answered, detail, List.of(detail));
        }

        /** A part described by {@code lines} (the first is the detail). */
        public static Part of(String name, boolean answered, List<String> lines) {
            return new Part(name, answered, lines.isEmpty() ? "(nothing found)" : lines.get(0), lines);
        }
    }

    /** Exit 0 of {@code profile test}: something was configured and every part answered. */
    public boolean allAnswered() {
        return !parts.isEmpty() && parts.stream().allMatch(Part::answered);
    }
}
