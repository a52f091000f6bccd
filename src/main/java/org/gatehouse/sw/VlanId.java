package org.gatehouse.sw;

import org.gatehouse.model.BadInput;

/** An 802.1Q VLAN id, 1–4094. */
public record VlanId(int value) implements Comparable<VlanId> {
    public VlanId {
        if (value < 1 || value > 4094) {
            throw new BadInput("VLAN", value + " is outside 1–4094");
        }
    }

    public static VlanId parse(String text) {
        Sanitize.requireClean("VLAN", text);
        if (text == null || !text.trim().matches("\\d{1,4}")) {
            throw new BadInput("VLAN", "'" + Sanitize.printable(text) + "' is not a VLAN id (1–4094)");
        }
        return new VlanId(Integer.parseInt(text.trim()));
    }

    @Override
    public int compareTo(VlanId o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
