package org.gatehouse.policy;

/** The secrets a profile can have, each named as in the profile file and in {@code profile add --secret SLOT=REF}. */
public enum SecretSlot {
    KEA_PASSWORD("kea-password", "Kea password (HTTP basic auth or SSH)"),
    SWITCH_PASSWORD("switch-password", "switch SSH password"),
    SNMP_COMMUNITY("snmp-community", "SNMPv2c community"),
    SNMP_AUTH("snmp-auth", "SNMPv3 authentication passphrase"),
    SNMP_PRIV("snmp-priv", "SNMPv3 privacy passphrase");

    private final String key;
    private final String label;

    SecretSlot(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The name in the profile file and on the command line. */
    public String key() {
        return key;
    }

    /** What it is, for messages and the Settings screen. */
    public String label() {
        return label;
    }

    public static SecretSlot byKey(String key) {
        for (SecretSlot s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
