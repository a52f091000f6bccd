package org.gatehouse.policy;

import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;

/**
 * The reservation editor of several servers, for the Reservations screen: add, edit and remove go
 * through {@link PeerDecisions} to every server that serves the subnet. A server that missed the
 * edit fails the call with {@link PeerPending}, whose message says where it was applied and that
 * it waits for that server. Reading (the list, the rules, queued edits) and bulk import stay the
 * first server's.
 */
final class PeerReservationEditor extends ReservationEditor {
    private final PeerDecisions peers;

    PeerReservationEditor(ReservationEditor first, PeerDecisions peers) {
        super(first);
        this.peers = peers;
    }

    @Override
    public ReservationWrite reserve(Mac mac, String clientClass, Ipv4 ip, String hostname, String note, Long subnetId) {
        return checked(peers.reserve(ReservationRequest.add(mac, clientClass, ip, hostname, note, subnetId)), "Saved " + mac + " as " + clientClass);
    }

    @Override
    public ReservationWrite remove(Mac mac, Long subnetId) {
        return checked(peers.remove(mac, subnetId), "Removed the reservation of " + mac);
    }

    private static ReservationWrite checked(PeerDecisions.FanOut<ReservationWrite> f, String what) {
        ReservationWrite first = PeerPending.firstOrThrow(f);
        if (!f.pendingSteps().isEmpty()) {
            throw new PeerPending(what + " only in part: " + f.problem());
        }
        return first;
    }
}
