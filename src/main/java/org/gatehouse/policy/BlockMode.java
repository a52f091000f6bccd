package org.gatehouse.policy;

import java.util.Locale;
import org.gatehouse.model.BadInput;

/** How a MAC is blocked on the switch: a deny rule in the MAC ACL, or a blackhole MAC-table entry in its VLAN. */
public enum BlockMode {
    ACL, BLACKHOLE;

    public static BlockMode parse(String s) {
        if (s == null || s.isBlank()) {
            return ACL;
        }
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "acl" -> ACL;
            case "blackhole" -> BLACKHOLE;
            default -> throw new BadInput("block mode", "'" + s + "' is neither acl nor blackhole");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
