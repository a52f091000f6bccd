package org.gatehouse.model;

/** One change to Kea's reservations: put (add or replace) a reservation, or remove one. */
public sealed interface ReservationEdit permits ReservationEdit.Put, ReservationEdit.Remove {

    Mac mac();

    long subnetId();

    /**
     * Adds the reservation, or replaces the one the same MAC has in that subnet. With
     * {@code onlyIfAbsent} (the aging service) it is skipped when the MAC has any reservation
     * there at write time: a decision made since the caller looked must not be overwritten.
     */
    record Put(HostReservation reservation, boolean onlyIfAbsent) implements ReservationEdit {
        public Put(HostReservation reservation) {
            this(reservation, false);
        }

        /** A put that never replaces an existing reservation. */
        public static Put ifAbsent(HostReservation reservation) {
            return new Put(reservation, true);
        }

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
