package org.gatehouse.model;

import java.time.Instant;

/**
 * An action the user chose to queue while Kea or the switch was unreachable. {@code basis} is the
 * state the decision was based on; replay compares it with the state found then. {@code state}
 * is pending, done, conflict, failed or cancelled; {@code outcome} says why.
 */
public record QueuedAction(long id, Instant queuedAt, String osUser, String host, String kind, String target, String payload,
                           String basis, String note, String state, Instant resolvedAt, String outcome) {
    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String CONFLICT = "conflict";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    public boolean pending() {
        return PENDING.equals(state);
    }
}
