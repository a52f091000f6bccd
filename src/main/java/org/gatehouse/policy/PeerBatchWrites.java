package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;

/**
 * Batches of reservations on every server, as {@link PeerDecisions} does one edit: a reservation
 * import and the aging pass's old-unregistered reservations. Each server gets the whole batch in
 * one write (one reload, then its HA state machine settles); a server that is down or refuses is
 * owed each reservation of the batch in the offline queue addressed to it, replayed by
 * {@code sync} with the usual conflict check when it is back.
 */
public final class PeerBatchWrites {
    private final KeaServers servers;
    private final PeerDecisions peers;

    public PeerBatchWrites(KeaServers servers, OfflineQueue offline) {
        this.servers = servers;
        this.peers = new PeerDecisions(servers, offline);
    }

    /** {@code reservations import} on every server: each checks the whole file against its own configuration first. */
    public PeerDecisions.FanOut<ReservationWrite> importRows(List<ReservationFiles.Row> rows, String source) {
        List<HostReservation> before = firstReachableReservations();
        return peers.fanOut(null, false, new PeerDecisions.PeerAct<>() {
            @Override
            public ReservationWrite run(KeaServers.Server s, Long subnet) {
                return s.decisions().editor().importRows(rows, source);
            }

            @Override
            public OfflineQueue.Request owed(Long subnet) {
                return owedAll(subnet).get(0);
            }

            @Override
            public List<OfflineQueue.Request> owedAll(Long subnet) {
                List<OfflineQueue.Request> owed = new ArrayList<>();
                for (ReservationFiles.Row r : rows) {
                    Mac mac = Mac.parse(r.mac());
                    Long sub = r.subnet().isBlank() ? null : Long.valueOf(r.subnet().trim());
                    owed.add(Replayers.reservation(ReservationRequest.add(mac, r.cls().trim(), r.ip().isBlank() ? null : Ipv4.parse(r.ip()),
                            r.hostname(), r.note().isBlank() ? "imported from " + source : r.note(), sub),
                            ReservationRequest.basis(mac, sub, before)));
                }
                return owed;
            }

            @Override
            public boolean reloaded(ReservationWrite w) {
                return w.written();
            }
        });
    }

    /**
     * The aging pass's old-unregistered reservations (already written on the first server) on
     * every server: only where the device still has none there, as on the first; a server that
     * does not serve a device's subnet is left out of that device.
     */
    public PeerDecisions.FanOut<Reservations.Result> age(List<ReservationEdit.Put> applied, String reason) {
        return peers.fanOut(null, false, new PeerDecisions.PeerAct<>() {
            @Override
            public Reservations.Result run(KeaServers.Server s, Long subnet) {
                List<ReservationEdit> served = new ArrayList<>();
                for (ReservationEdit.Put p : applied) {
                    if (s.kea().config().subnets().stream().anyMatch(x -> x.id() == p.reservation().subnetId())) {
                        served.add(p);
                    }
                }
                return served.isEmpty() ? new Reservations.Result(List.of(), false, false, "")
                        : s.reservations().apply(served, reason, Reservations.OnConflict.SKIP);
            }

            @Override
            public OfflineQueue.Request owed(Long subnet) {
                return owedAll(subnet).get(0);
            }

            @Override
            public List<OfflineQueue.Request> owedAll(Long subnet) {
                return applied.stream().map(p -> {
                    HostReservation r = p.reservation();
                    return Replayers.reservation(ReservationRequest.add(r.mac(), HostReservation.OLD_UNREGISTERED, null, "",
                            r.stamp() == null ? "aging" : r.stamp().note(), r.subnetId()), "none");
                }).toList();
            }

            @Override
            public boolean reloaded(Reservations.Result r) {
                return r.written();
            }
        });
    }

    private List<HostReservation> firstReachableReservations() {
        for (KeaServers.Server s : servers.all()) {
            try {
                return s.reservations().list();
            } catch (KeaUnreachable e) {
                // try the next one
            }
        }
        return List.of();
    }
}
