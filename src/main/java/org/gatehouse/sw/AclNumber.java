package org.gatehouse.sw;

import org.gatehouse.model.BadInput;

/** A Layer 2 (MAC / Ethernet frame) ACL number: Comware reserves 4000–4999 for them. */
public record AclNumber(int value) {
    public static final AclNumber DEFAULT = new AclNumber(4000);

    public AclNumber {
        if (value < 4000 || value > 4999) {
            throw new BadInput("ACL number", value + " is not a MAC ACL number (4000–4999)");
        }
    }

    public static AclNumber parse(String text) {
        Sanitize.requireClean("ACL number", text);
        if (text == null || !text.trim().matches("\\d{4}")) {
            throw new BadInput("ACL number", "'" + Sanitize.printable(text) + "' is not a MAC ACL number (4000–4999)");
        }
        return new AclNumber(Integer.parseInt(text.trim()));
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
