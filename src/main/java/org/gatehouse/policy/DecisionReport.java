package org.gatehouse.policy;

import java.util.List;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;

/**
 * What an approve, deny or unregister did, step by step, so that a half that failed is reported
 * as such: the reservation in Kea, the deletion of the old lease, the switch block, and with
 * several servers the peers that missed it.
 */
public record DecisionReport(String action, Mac mac, long subnetId, ReservationWrite reservation,
                             List<LeaseStep> leases, Step block, Step peers) {

    /** One server's decision: no partner to report on. */
    public DecisionReport(String action, Mac mac, long subnetId, ReservationWrite reservation, List<LeaseStep> leases, Step block) {
        this(action, mac, subnetId, reservation, leases, block, Step.notRequested());
    }

    /** This report with {@code peers}: what the other servers of several did (pending for one that missed it). */
    public DecisionReport withPeers(Step peers) {
        return new DecisionReport(action, mac, subnetId, reservation, leases, block, peers);
    }

    public enum State { DONE, NOT_NEEDED, NOT_REQUESTED, PENDING, FAILED }

    /** One step's outcome; {@code error} is set when it failed. */
    public record Step(State state, String detail, GatehouseException error) {
        public static Step done(String detail) {
            return new Step(State.DONE, detail, null);
        }

        public static Step notRequested() {
            return new Step(State.NOT_REQUESTED, "", null);
        }
    }

    /** The deletion of one lease the device held; PENDING means it failed and will be retried. */
    public record LeaseStep(Ipv4 ip, Step step) {
    }

    /** True when Kea now holds the decision (written now or already so). */
    public boolean reservationInPlace() {
        return reservation != null;
    }

    /** The first error of a step that failed, for the exit code; null when every step is done. */
    public GatehouseException firstError() {
        for (LeaseStep l : leases) {
            if (l.step().error() != null) {
                return l.step().error();
            }
        }
        return block.error() != null ? block.error() : peers.error();
    }

    public boolean changedKea() {
        return reservation != null && reservation.written();
    }
}
