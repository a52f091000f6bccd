package org.gatehouse.sw;

import org.gatehouse.model.Mac;

/**
 * Where text typed by a user (CLI argument, GUI field) becomes a value that may go to the switch.
 * Each method refuses control, non-ASCII and {@code ; % ?} characters before parsing, so nothing
 * is ever trimmed or cleaned into an acceptable shape.
 */
public final class SwitchInput {
    private SwitchInput() {
    }

    public static Mac mac(String text) {
        Sanitize.requireClean("MAC", text);
        return Mac.parse(text);
    }

    public static InterfaceName iface(String text) {
        return InterfaceName.parse(text);
    }

    public static AclNumber acl(String text) {
        return AclNumber.parse(text);
    }

    public static VlanId vlan(String text) {
        return VlanId.parse(text);
    }

    public static RuleId rule(String text) {
        return RuleId.parse(text);
    }
}
