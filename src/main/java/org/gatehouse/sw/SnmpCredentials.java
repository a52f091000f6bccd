package org.gatehouse.sw;

/** How to talk to the agent: SNMPv2c community, or SNMPv3 authPriv (SHA + AES-128). Secrets never printed. */
public sealed interface SnmpCredentials {

    record Community(char[] name) implements SnmpCredentials {
        @Override
        public String toString() {
            return "v2c community (hidden)";
        }
    }

    record V3(String user, char[] authPassphrase, char[] privPassphrase) implements SnmpCredentials {
        @Override
        public String toString() {
            return "v3 user " + user + " authPriv";
        }
    }
}
