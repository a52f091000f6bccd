package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaException;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.model.BadInput;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;
import org.gatehouse.model.SafeText;

/**
 * Batches of reservations on every server, as {@link PeerDecisions} does one edit: a reservation
 * import and the aging pass's old-unregistered reservations. Each server gets the part of the
 * batch it serves in one write (one reload, then its HA state machine settles), and a server that
 * serves none of it is skipped; a server that is down or refuses is owed each reservation of the
 * batch in the offline queue addressed to it, replayed by {@code sync} with the usual conflict
 * check when it is back (one whose subnet it turns out not to serve is then skipped, see {@link PeerQueue}).
 */
public final class PeerBatchWrites {
    private final KeaServers servers;
    private final PeerDecisions peers;

    public PeerBatchWrites(KeaServers servers, OfflineQueue offline) {
        this.servers = servers;
        this.peers = new PeerDecisions(servers, offline);
    }

    /**
     * {@code reservations import} on every server: each gets the rows whose subnet (or fixed address)
     * it serves and checks them against its own configuration first. A server that serves none is
     * skipped, one that serves some says how many rows it left out; neither is owed anything. A row
     * that no server serves is refused before anything is written (exit 2), as a row Kea has no
     * subnet for is with one server; with a server down, such a row is owed to it.
     */
    public PeerDecisions.FanOut<ReservationWrite> importRows(List<ReservationFiles.Row> rows, String source) {
        Map<String, ServedRows> served = servedByEach(rows, source);
        List<HostReservation> before = firstReachableReservations();
        return peers.fanOut(null, false, new PeerAct<>() {
            @Override
            public String skip(KeaServers.Server s, Long subnet) {
                ServedRows mine = served.computeIfAbsent(s.name(), n -> ServedRows.of(rows, s.kea().config()));
                return mine.served().isEmpty() ? "does not serve " + ServedRows.describe(mine.notServed()) : null;
            }

            @Override
            public ReservationWrite run(KeaServers.Server s, Long subnet) {
                return s.decisions().editor().importRows(served.get(s.name()).served(), source);
            }

            @Override
            public String detail(KeaServers.Server s) {
                return served.get(s.name()).skippedNote();
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
        Map<String, List<ReservationEdit>> served = new HashMap<>();
        return peers.fanOut(null, false, new PeerAct<>() {
            @Override
            public String skip(KeaServers.Server s, Long subnet) {
                KeaConfig config = s.kea().config();
                List<ReservationEdit> mine = new ArrayList<>();
                for (ReservationEdit.Put p : applied) {
                    if (config.subnets().stream().anyMatch(x -> x.id() == p.reservation().subnetId())) {
                        mine.add(p);
                    }
                }
                served.put(s.name(), mine);
                return mine.isEmpty() ? "does not serve subnet " + String.join(", ", applied.stream()
                        .map(p -> Long.toString(p.reservation().subnetId())).distinct().toList()) : null;
            }

            @Override
            public Reservations.Result run(KeaServers.Server s, Long subnet) {
                return s.reservations().apply(served.get(s.name()), reason, Reservations.OnConflict.SKIP);
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

    /**
     * The rows each reachable server serves. When every server answered, a row none of them serves
     * is refused with the whole file: it would be written nowhere.
     */
    private Map<String, ServedRows> servedByEach(List<ReservationFiles.Row> rows, String source) {
        Map<String, ServedRows> out = new HashMap<>();
        for (KeaServers.Server s : servers.all()) {
            try {
                out.put(s.name(), ServedRows.of(rows, s.kea().config()));
            } catch (KeaException e) {
                // unreachable or refusing: the fan-out names it (and owes it the rows)
            }
        }
        if (out.size() < servers.all().size()) {
            return out;
        }
        List<String> nowhere = rows.stream().filter(r -> out.values().stream().noneMatch(v -> v.served().contains(r)))
                .map(r -> r.label() + ": no server serves " + ServedRows.describe(List.of(r))).toList();
        if (!nowhere.isEmpty()) {
            throw new BadInput(source, nowhere.size() + " problem(s), nothing was written: " + String.join("; ", nowhere)
                    + " (servers: " + String.join(", ", servers.all().stream().map(x -> SafeText.escapeForTerminal(x.name())).toList()) + ")");
        }
        return out;
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
