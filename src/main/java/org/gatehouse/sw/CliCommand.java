package org.gatehouse.sw;

import org.gatehouse.model.Mac;

/**
 * One line for the Comware CLI. The only way to make one is through the factories below, which
 * take typed, validated values; the constructor re-checks the finished line so that no character
 * that could end, chain or query a command ({@code ;}, line breaks, {@code %}, {@code ?},
 * anything outside printable ASCII) can ever be sent.
 */
public final class CliCommand {
    private final String text;
    private final boolean changesConfig;

    private CliCommand(String text, boolean changesConfig) {
        if (!isSafe(text)) {
            throw new IllegalArgumentException("refusing to build an unsafe switch command");
        }
        this.text = text;
        this.changesConfig = changesConfig;
    }

    /** Printable ASCII, no {@code ; % ?}, no leading or trailing blank, bounded length. */
    public static boolean isSafe(String line) {
        return line != null && !line.isEmpty() && line.length() <= 200 && line.matches("[\\x21-\\x7E](?:[\\x20-\\x7E]*[\\x21-\\x7E])?")
                && line.indexOf(';') < 0 && line.indexOf('%') < 0 && line.indexOf('?') < 0;
    }

    public String text() {
        return text;
    }

    /** True for lines that alter the running configuration (what a dropped batch may have left applied). */
    public boolean changesConfig() {
        return changesConfig;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CliCommand c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    // --- session -------------------------------------------------------------------------
    /** What {@code profile test} sends after logging in: read-only, answered by every Comware release. */
    public static CliCommand displayVersion() {
        return new CliCommand("display version", false);
    }

    public static CliCommand screenLengthDisable() {
        return new CliCommand("screen-length disable", false);
    }

    public static CliCommand systemView() {
        return new CliCommand("system-view", false);
    }

    /** From any view back to the user view {@code <sysname>}. */
    public static CliCommand returnToUserView() {
        return new CliCommand("return", false);
    }

    /** Leaves the current sub-view (or, in user view, the session). */
    public static CliCommand quit() {
        return new CliCommand("quit", false);
    }

    public static CliCommand saveForce() {
        return new CliCommand("save force", true);
    }

    // --- MAC ACL ---------------------------------------------------------------------------
    /** Later Comware 7: creates (or enters) the Layer 2 ACL. */
    public static CliCommand aclMac(AclNumber acl) {
        return new CliCommand("acl mac " + acl.value(), true);
    }

    /** Older Comware 7 spelling of the same (view {@code acl-ethernetframe-N}). */
    public static CliCommand aclNumber(AclNumber acl) {
        return new CliCommand("acl number " + acl.value(), true);
    }

    public static CliCommand ruleDenySourceMac(RuleId rule, Mac mac) {
        return new CliCommand("rule " + rule.value() + " deny source-mac " + mac.toComware() + " ffff-ffff-ffff", true);
    }

    public static CliCommand undoRule(RuleId rule) {
        return new CliCommand("undo rule " + rule.value(), true);
    }

    public static CliCommand displayAclMac(AclNumber acl) {
        return new CliCommand("display acl mac " + acl.value(), false);
    }

    public static CliCommand displayAcl(AclNumber acl) {
        return new CliCommand("display acl " + acl.value(), false);
    }

    public static CliCommand interfaceView(InterfaceName name) {
        return new CliCommand("interface " + name, false);
    }

    public static CliCommand packetFilterMacInbound(AclNumber acl) {
        return new CliCommand("packet-filter mac " + acl.value() + " inbound", true);
    }

    /** Older Comware 7: the ACL number alone says it is a Layer 2 ACL. */
    public static CliCommand packetFilterInbound(AclNumber acl) {
        return new CliCommand("packet-filter " + acl.value() + " inbound", true);
    }

    // --- MAC table -------------------------------------------------------------------------
    public static CliCommand displayMacAddress(Mac mac) {
        return new CliCommand("display mac-address " + mac.toComware(), false);
    }

    public static CliCommand displayMacAddressInterface(InterfaceName port) {
        return new CliCommand("display mac-address interface " + port, false);
    }

    public static CliCommand displayMacAddressBlackhole() {
        return new CliCommand("display mac-address blackhole", false);
    }

    public static CliCommand macAddressBlackhole(Mac mac, VlanId vlan) {
        return new CliCommand("mac-address blackhole " + mac.toComware() + " vlan " + vlan.value(), true);
    }

    public static CliCommand undoMacAddressBlackhole(Mac mac, VlanId vlan) {
        return new CliCommand("undo mac-address blackhole " + mac.toComware() + " vlan " + vlan.value(), true);
    }

    public static CliCommand displayInterfaceBrief() {
        return new CliCommand("display interface brief", false);
    }
}
