package org.gatehouse.policy;

import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;

/**
 * The reservation editor of several servers, for the Reservations screen: add, edit and remove go
 * through {@link PeerDecisions} to every server that serves the subnet. A server that missed the
 * edit fails the call with {@link PeerPending}, whose message says where it was applied and that
 * it waits for that server. Bulk import goes to every server too. Reading (the list, the rules,
 * queued edits) stays the first server's.
 */
final class PeerReservationEditor extends ReservationEditor {
    private final PeerDecisions peers;
    private final PeerBatchWrites batches;

    PeerReservationEditor(ReservationEditor first, PeerDecisions peers, PeerBatchWrites batches) {
        super(first);
        this.peers = peers;
        this.batches = batches;
    }

    @Override
    public ReservationWrite importRows(java.util.List<ReservationFiles.Row> rows, String source) {
        return checked(batches.importRows(rows, source), "Imported " + source);
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
