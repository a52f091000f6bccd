package org.gatehouse.policy;

import org.gatehouse.kea.Reservations;

/**
 * What one write of reservations did, as screens and commands see it: {@code edits} asked for,
 * {@code applied} of them changed Kea ({@code edits - applied} were already so); {@code written}
 * when Kea's configuration was changed and persisted, {@code merged} when another writer's change
 * came in between and ours was re-applied on top of it.
 */
public record ReservationWrite(int edits, int applied, boolean written, boolean merged, String mechanism) {

    static ReservationWrite of(Reservations.Result r) {
        return new ReservationWrite(r.outcomes().size(), (int) r.applied(), r.written(), r.merged(), r.mechanism());
    }

    /** Nothing to write (e.g. no reservation to remove). */
    static ReservationWrite nothing(String mechanism) {
        return new ReservationWrite(0, 0, false, false, mechanism);
    }

    public int alreadySo() {
        return edits - applied;
    }

    /** "written to Kea and persisted (config-set, merged with another writer's change)" or "Kea already had it". */
    public String describe() {
        return written ? "written to Kea and persisted (" + mechanism + (merged ? ", merged with another writer's change" : "") + ")"
                : "Kea already had it";
    }
}
