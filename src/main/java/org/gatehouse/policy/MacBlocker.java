package org.gatehouse.policy;

import org.gatehouse.model.Mac;

/**
 * The switch half of "deny and block": Kea can only refuse a denied device its next address,
 * so a switch that drops its frames is what stops it at once. Implemented by {@link SwitchBlocking};
 * {@link #NONE} when no switch is configured. An implementation writes the audit row of each
 * block and unblock it performs, so that one act is one row whoever asked for it.
 */
public interface MacBlocker {

    /** False when no switch is configured; then nothing can be blocked. */
    boolean configured();

    /** True when the cache records a block of the MAC by Gatehouse: only then is there something to lift. */
    boolean blockRecorded(Mac mac);

    /** Blocks the MAC; returns a one-line description of what the switch did. Throws a GatehouseException on failure. */
    String block(Mac mac, String note);

    /** Lifts a block; returns what the switch did (also when there was nothing to lift). */
    String unblock(Mac mac);

    MacBlocker NONE = new MacBlocker() {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public boolean blockRecorded(Mac mac) {
            return false;
        }

        @Override
        public String block(Mac mac, String note) {
            throw new IllegalStateException("no switch is configured");
        }

        @Override
        public String unblock(Mac mac) {
            throw new IllegalStateException("no switch is configured");
        }
    };
}
