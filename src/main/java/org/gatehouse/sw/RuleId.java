package org.gatehouse.sw;

import org.gatehouse.model.BadInput;

/** An ACL rule id; Comware accepts 0–65534. */
public record RuleId(int value) implements Comparable<RuleId> {
    public RuleId {
        if (value < 0 || value > 65534) {
            throw new BadInput("rule id", value + " is outside 0–65534");
        }
    }

    public static RuleId parse(String text) {
        Sanitize.requireClean("rule id", text);
        if (text == null || !text.trim().matches("\\d{1,5}")) {
            throw new BadInput("rule id", "'" + Sanitize.printable(text) + "' is not a rule id (0–65534)");
        }
        return new RuleId(Integer.parseInt(text.trim()));
    }

    @Override
    public int compareTo(RuleId o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
