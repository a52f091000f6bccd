package org.gatehouse.kea;

import org.gatehouse.model.Failure;

/**
 * Gatehouse refuses a reservation write that Kea would accept but that would not do what the
 * user expects (e.g. in a shared network, where reserved classes come too late); exit 1.
 */
public final class ReservationRefused extends KeaException {
    public ReservationRefused(String why) {
        super(why);
    }

    @Override
    public String what() {
        return "reservation";
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }
}
