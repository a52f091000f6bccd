package org.gatehouse.model;

import java.util.Arrays;
import java.util.Locale;

/** The three guest pools of the scheme, plus whatever lies outside it. */
public enum Tier {
    REGISTERED("registered"),
    NEWLY_UNREGISTERED("newly-unregistered"),
    OLD_UNREGISTERED("old-unregistered"),
    OTHER("other");

    private final String label;

    Tier(String label) {
        this.label = label;
    }

    /** The name used in the CLI, JSON and the Kea client class of the pool. */
    public String label() {
        return label;
    }

    /** The tier whose pool is restricted to this Kea client class, or OTHER. */
    public static Tier ofClientClass(String className) {
        return Arrays.stream(values()).filter(t -> t != OTHER && t.label.equals(className)).findFirst().orElse(OTHER);
    }

    public static Tier parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(t -> t.label.equals(s)).findFirst()
                .orElseThrow(() -> new BadInput("tier", "'" + Mac.printable(String.valueOf(text))
                        + "' is not one of registered, newly-unregistered, old-unregistered, other"));
    }

    public boolean isUnregistered() {
        return this == NEWLY_UNREGISTERED || this == OLD_UNREGISTERED;
    }

    @Override
    public String toString() {
        return label;
    }
}
