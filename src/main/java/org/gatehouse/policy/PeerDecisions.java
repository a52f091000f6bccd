package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaException;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.model.QueuedAction;

/**
 * Decisions, reservation edits and lease deletions on every server that serves the subnet: one
 * server after the other, each written and read back by its own services (each keeps its own
 * configuration, {@code this-server-name} included), and after each reload the server's HA state
 * machine is left to settle before its partner is written. A server that is down or refuses is
 * never skipped in silence: what it missed waits in the offline queue addressed to it
 * ({@link PeerQueue}), and the outcome says so (exit 3, naming it). With host_cmds and one host
 * database shared by all servers, the reservation is written once; the others only check it and
 * delete their own leases.
 */
public final class PeerDecisions {
    /** How long one server's HA state machine may take to settle after a reload (about 2 s on a loopback pair). */
    static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);

    /** One server's part: {@code state} done, skipped (does not serve the subnet) or pending (queued as {@code queued}). */
    public record Step<R>(String server, String label, String state, R result, String detail, long millis, HaSettle.Settled settle,
                          QueuedAction queued) {
        public boolean pending() {
            return PENDING.equals(state);
        }
    }

    public static final String DONE = "done";
    public static final String SKIPPED = "skipped";
    public static final String PENDING = "pending";

    /** Every server's step, in order; {@code error} the first refusal when nothing was written anywhere. */
    public record FanOut<R>(List<Step<R>> steps) {
        public List<Step<R>> pendingSteps() {
            return steps.stream().filter(Step::pending).toList();
        }

        /** The first server's result that was done (what single-server output shows). */
        public Optional<R> firstResult() {
            return steps.stream().filter(s -> DONE.equals(s.state())).map(Step::result).findFirst();
        }

        /** 3 when a server missed the change (it waits for it), else 0. */
        public int exitCode() {
            return pendingSteps().isEmpty() ? 0 : 3;
        }

        /** "server2 (unix:…) unreachable: …; pending as #12" per server that missed it. */
        public String problem() {
            List<String> done = steps.stream().filter(s -> DONE.equals(s.state())).map(Step::server).toList();
            return String.join("; ", pendingSteps().stream().map(s -> s.label() + " " + s.detail()
                    + (s.queued() == null ? "" : ", pending as #" + s.queued().id())).toList())
                    + (done.isEmpty() ? "" : "; applied on " + String.join(", ", done))
                    + "; run 'gatehouse sync --once' (or 'gatehouse offline replay') when it is back";
        }
    }

    private final KeaServers servers;
    private final OfflineQueue offline;
    private final Duration settleTimeout;

    public PeerDecisions(KeaServers servers, OfflineQueue offline) {
        this(servers, offline, SETTLE_TIMEOUT);
    }

    PeerDecisions(KeaServers servers, OfflineQueue offline, Duration settleTimeout) {
        this.servers = servers;
        this.offline = offline;
        this.settleTimeout = settleTimeout;
    }

    /**
     * Approve or deny on every server; with {@code queueIfNoneReachable}, all unreachable queues it
     * for each. The switch is one device: the first server whose Kea half is done also does the
     * switch half (deny blocks, approve lifts a block), the others only their Kea half; of the
     * entries owed to servers that missed it, only one carries the switch half, and only if no
     * server did it.
     */
    public FanOut<DecisionReport> decide(DecisionFlow.Decision d, boolean queueIfNoneReachable) {
        Long subnet = d.subnetId() != null ? d.subnetId() : subnetOfLease(d.mac());
        boolean[] switchHalfTaken = {false};
        return fanOut(subnet, queueIfNoneReachable, new PeerAct<>() {
            @Override
            public DecisionReport run(KeaServers.Server s, Long subnet) {
                DecisionReport r = s.decisions().flow().decide(
                        new DecisionFlow.Decision(d.kind(), d.mac(), d.note(), d.hostname(), subnet, d.block()), !switchHalfTaken[0]);
                switchHalfTaken[0] = true;
                return r;
            }

            @Override
            public OfflineQueue.Request owed(Long subnet) {
                OfflineQueue.Request q = Replayers.decision(new DecisionFlow.Decision(d.kind(), d.mac(), d.note(), d.hostname(), subnet,
                        d.block()), switchHalfTaken[0]);
                switchHalfTaken[0] = true;
                return q;
            }

            @Override
            public Long subnetOf(DecisionReport r) {
                return r.subnetId();
            }

            @Override
            public boolean reloaded(DecisionReport r) {
                return r.changedKea();
            }
        });
    }

    /** Unregister on every server; a server that missed it is owed the removal of the MAC's reservations. */
    public FanOut<DecisionReport> unregister(Mac mac) {
        String basis = basisOf(mac, null);
        return fanOut(null, false, new PeerAct<>() {
            @Override
            public DecisionReport run(KeaServers.Server s, Long subnet) {
                return s.decisions().flow().unregister(mac);
            }

            @Override
            public OfflineQueue.Request owed(Long subnet) {
                return Replayers.reservation(ReservationRequest.remove(mac, null, "unregister"), basis);
            }

            @Override
            public boolean reloaded(DecisionReport r) {
                return r.changedKea();
            }
        });
    }

    /**
     * The queue's Undo on every server: each gets back {@code before} (the first server's
     * reservations before the decision); a server that missed it is owed that state again.
     */
    public FanOut<DecisionReport> undo(Mac mac, List<HostReservation> before) {
        String basis = basisOf(mac, null);
        return fanOut(null, false, new PeerAct<>() {
            @Override
            public DecisionReport run(KeaServers.Server s, Long subnet) {
                return s.decisions().flow().undo(mac, before);
            }

            @Override
            public OfflineQueue.Request owed(Long subnet) {
                if (before.isEmpty()) {
                    return Replayers.reservation(ReservationRequest.remove(mac, null, "undo"), basis);
                }
                HostReservation b = before.get(0);
                return Replayers.reservation(ReservationRequest.add(mac, b.clientClasses().get(0), b.ip(), b.hostname(),
                        b.stamp() == null ? "undo" : b.stamp().note(), b.subnetId()), basis);
            }

            @Override
            public boolean reloaded(DecisionReport r) {
                return r.changedKea();
            }
        });
    }

    /** {@code reservations add} on every server that serves the subnet. */
    public FanOut<ReservationWrite> reserve(ReservationRequest r) {
        String basis = basisOf(r.mac(), r.subnetId());
        return fanOut(r.subnetId(), false, new PeerAct<>() {
            @Override
            public ReservationWrite run(KeaServers.Server s, Long subnet) {
                return s.decisions().editor().reserve(r.mac(), r.clientClass(), r.ip(), r.hostname(), r.note(), subnet);
            }

            @Override
            public OfflineQueue.Request owed(Long subnet) {
                return Replayers.reservation(ReservationRequest.add(r.mac(), r.clientClass(), r.ip(), r.hostname(), r.note(), subnet), basis);
            }

            @Override
            public Long subnetOf(ReservationWrite w) {
                return null;
            }

            @Override
            public boolean reloaded(ReservationWrite w) {
                return w.written();
            }
        });
    }

    /** {@code reservations remove} on every server. */
    public FanOut<ReservationWrite> remove(Mac mac, Long subnetId) {
        String basis = basisOf(mac, subnetId);
        return fanOut(subnetId, false, new PeerAct<>() {
            @Override
            public ReservationWrite run(KeaServers.Server s, Long subnet) {
                return s.decisions().editor().remove(mac, subnetId);
            }

            @Override
            public OfflineQueue.Request owed(Long subnet) {
                return Replayers.reservation(ReservationRequest.remove(mac, subnetId, ""), basis);
            }

            @Override
            public boolean reloaded(ReservationWrite w) {
                return w.written();
            }
        });
    }

    /** {@code leases release}: the lease is deleted on every server (HA does not copy lease4-del to the partner). */
    public FanOut<Boolean> release(Ipv4 ip) {
        String heldBy = servers.all().stream().map(s -> {
            try {
                return s.kea().execute(new KeaCommands.Lease4Get(ip)).map(Lease::mac).map(Mac::toString).orElse(null);
            } catch (KeaException e) {
                return null;
            }
        }).filter(m -> m != null).findFirst().orElse(null);
        return fanOut(null, false, new PeerAct<>() {
            @Override
            public Boolean run(KeaServers.Server s, Long subnet) {
                return s.leases().release(ip);
            }

            @Override
            public OfflineQueue.Request owed(Long subnet) {
                return Replayers.leaseRelease(ip, heldBy, "");
            }

            @Override
            public boolean reloaded(Boolean deleted) {
                return false;
            }
        });
    }

    <R> FanOut<R> fanOut(Long givenSubnet, boolean queueIfNoneReachable, PeerAct<R> act) {
        boolean shared = sharedHostDatabase();
        List<Step<R>> steps = new ArrayList<>();
        List<KeaServers.Server> missed = new ArrayList<>();
        List<String> why = new ArrayList<>();
        Long subnet = givenSubnet;
        boolean anyDone = false;
        KeaUnreachable firstUnreachable = null;
        for (KeaServers.Server s : servers.all()) {
            long start = System.nanoTime();
            try {
                String skip = act.skip(s, subnet);
                if (skip != null) {
                    steps.add(new Step<>(s.name(), s.label(), SKIPPED, null, skip, 0, null, null));
                    continue;
                }
                R result = act.run(s, subnet);
                long ms = (System.nanoTime() - start) / 1_000_000;
                subnet = subnet != null ? subnet : act.subnetOf(result);
                HaSettle.Settled settled = act.reloaded(result) ? HaSettle.await(s.kea(), settleTimeout) : null;
                String detail = String.join("; ", java.util.stream.Stream.of(shared && anyDone ? "shared host database" : "", act.detail(s))
                        .filter(x -> !x.isEmpty()).toList());
                steps.add(new Step<>(s.name(), s.label(), DONE, result, detail, ms, settled, null));
                anyDone = true;
            } catch (KeaUnreachable e) {
                firstUnreachable = firstUnreachable == null ? e : firstUnreachable;
                missed.add(s);
                why.add("unreachable: " + e.getMessage());
                steps.add(null); // placeholder, filled below in server order
            } catch (GatehouseException e) {
                if (!anyDone && missed.isEmpty()) {
                    throw e; // refused before anything was written anywhere: as with one server
                }
                missed.add(s);
                why.add("refused: " + e.getMessage());
                steps.add(null);
            }
        }
        if (!anyDone && !queueIfNoneReachable && firstUnreachable != null && missed.size() == servers.all().size()) {
            throw firstUnreachable; // nothing written anywhere: exit 3 as with one server
        }
        int m = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) == null) {
                KeaServers.Server s = missed.get(m);
                String reason = why.get(m++);
                QueuedAction q = null;
                if (!(shared && anyDone)) {
                    for (OfflineQueue.Request owed : act.owedAll(subnet)) {
                        QueuedAction one = offline.enqueue(PeerQueue.forServer(owed, s.endpoint()));
                        q = q == null ? one : q;
                    }
                }
                steps.set(i, new Step<>(s.name(), s.label(), PENDING, null, reason
                        + (q == null ? " (the reservation is in the shared host database)" : ""), 0, null, q));
            }
        }
        return new FanOut<>(steps);
    }

    /**
     * The subnet of the device's current lease on the first server that has one (independent
     * servers: only its own building's server has it), or null to let the first server decide.
     */
    private Long subnetOfLease(Mac mac) {
        for (KeaServers.Server s : servers.all()) {
            try {
                List<Lease> leases = s.kea().execute(new KeaCommands.Lease4GetByHwAddress(mac)).stream()
                        .filter(l -> l.state() == org.gatehouse.model.LeaseState.DEFAULT).toList();
                if (leases.stream().map(Lease::subnetId).distinct().count() == 1) {
                    return leases.get(0).subnetId();
                }
                if (!leases.isEmpty()) {
                    return null; // leases in several subnets: the first server's rules decide (and say so)
                }
            } catch (KeaException e) {
                // unreachable or without lease_cmds: ask the next
            }
        }
        return null;
    }

    static boolean serves(KeaServers.Server s, long subnet) {
        KeaConfig c = s.kea().config();
        return c.subnets().stream().anyMatch(x -> x.id() == subnet);
    }

    /** The MAC's reservations as the first reachable server has them: what a server that missed the edit is expected to have. */
    String basisOf(Mac mac, Long subnet) {
        for (KeaServers.Server s : servers.all()) {
            try {
                return ReservationRequest.basis(mac, subnet, s.reservations().list());
            } catch (KeaUnreachable e) {
                // try the next one
            }
        }
        return "none";
    }

    /**
     * True when every server has host_cmds and all name the same host database(s): one write
     * reaches them all. Any server that cannot say makes it false (then each is written).
     */
    boolean sharedHostDatabase() {
        if (!servers.several()) {
            return false;
        }
        JsonNode first = null;
        for (KeaServers.Server s : servers.all()) {
            try {
                if (!s.kea().capabilities().hostCommands()) {
                    return false;
                }
                JsonNode db = hostDatabases(s.kea().config().raw().path("Dhcp4"));
                if (db == null || (first != null && !first.equals(db))) {
                    return false;
                }
                first = db;
            } catch (KeaException e) {
                return false;
            }
        }
        return true;
    }

    /** {@code hosts-database} or {@code hosts-databases} of a Dhcp4 configuration, or null when reservations live in the file. */
    static JsonNode hostDatabases(JsonNode dhcp4) {
        JsonNode one = dhcp4.get("hosts-database");
        JsonNode many = dhcp4.get("hosts-databases");
        if (many != null && many.isArray() && !many.isEmpty()) {
            return many;
        }
        return one != null && one.isObject() && !one.isEmpty() ? one : null;
    }
}
