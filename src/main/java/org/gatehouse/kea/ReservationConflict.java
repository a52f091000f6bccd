package org.gatehouse.kea;

import org.gatehouse.model.Failure;

/** Someone else changed the same reservation between our read and our write; nothing was written (exit 4). */
public final class ReservationConflict extends KeaException {
    public ReservationConflict(String why) {
        super(why);
    }

    @Override
    public String what() {
        return "conflict";
    }

    @Override
    public Failure failure() {
        return Failure.CONFLICT;
    }
}
