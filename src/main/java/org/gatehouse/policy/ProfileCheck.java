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
     * @param detail   what was found ("Kea 2.2.0, 3 subnets …") or why it failed; never a secret
     */
    public record Part(String name, boolean answered, String detail) {
    }

    /** Exit 0 of {@code profile test}: something was configured and every part answered. */
    public boolean allAnswered() {
        return !parts.isEmpty() && parts.stream().allMatch(Part::answered);
    }
}
