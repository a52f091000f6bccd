package org.gatehouse.model;

/** One change to Kea's reservations: put (add or replace) a reservation, or remove one. */
public sealed interface ReservationEdit permits ReservationEdit.Put, ReservationEdit.Remove {

    Mac mac();

    long subnetId();

    /** Adds the reservation, or replaces the one the same MAC has in that subnet. */
    record Put(HostReservation reservation) implements ReservationEdit {
        @Override
        public Mac mac() {
            return reservation.mac();
        }

        @Override
        public long subnetId() {
            return reservation.subnetId();
        }
    }

    /** Removes the MAC's reservation in that subnet; already gone counts as done. */
    record Remove(long subnetId, Mac mac) implements ReservationEdit {
    }

    default String describe() {
        return this instanceof Put p ? "reserve " + mac() + " in subnet " + subnetId() + " as "
                + String.join(",", p.reservation().clientClasses()) : "remove the reservation of " + mac() + " in subnet " + subnetId();
    }
}
