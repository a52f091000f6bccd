package org.gatehouse.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.Reservations;
import org.gatehouse.kea.SiteSettings;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;
import org.gatehouse.model.Tier;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.ServiceLock;

/**
 * The aging service ({@code gatehouse sync}): records what Kea holds, retries owed lease
 * deletions, and gives devices first seen more than {@code oldAfter} ago that are still
 * undecided an {@code old-unregistered} reservation (24 h leases: they stop churning).
 * Two services on one cache never run at once (a lease in the cache); two on different caches
 * do not double-write either, because each move only applies while the device still has no
 * reservation in Kea (re-checked right before the write) and is otherwise left out.
 */
public final class AgingService {
    public static final String LOCK = "sync";
    public static final Duration DEFAULT_OLD_AFTER = Duration.ofMinutes(30);

    private final QueueService queue;
    private final DecisionService decisions;
    private final Reservations reservations;
    private final ServiceLock lock;
    private final ActionLog actions;
    private final Clock clock;
    private final String holder;
    private final PoolService pools;
    private PeerBatchWrites peers;
    private AgingOnEvery everyServer;

    public AgingService(QueueService queue, DecisionService decisions, Reservations reservations, ServiceLock lock,
                        ActionLog actions, Clock clock, String holder) {
        this(queue, decisions, reservations, lock, actions, clock, holder, null);
    }

    /** {@code pools}: samples every pass into the pool history (null: no sampling). */
    public AgingService(QueueService queue, DecisionService decisions, Reservations reservations, ServiceLock lock,
                        ActionLog actions, Clock clock, String holder, PoolService pools) {
        this.pools = pools;
        this.queue = queue;
        this.decisions = decisions;
        this.reservations = reservations;
        this.lock = lock;
        this.actions = actions;
        this.clock = clock;
        this.holder = holder;
    }

    /**
     * Several servers: the queue (its {@link QueueService#readEvery}) holds every server's devices,
     * and each move is written on every server that serves the device's subnet.
     */
    public void ageOnEvery(PeerBatchWrites peers) {
        this.peers = peers;
        this.everyServer = new AgingOnEvery(peers, actions);
    }

    /** Several servers: the site's aging age from the first server that answered and holds one (else the first that answered). */
    static KeaConfig siteConfig(MergedLeases.Read read) {
        return read.servers().stream().map(MergedLeases.ServerRead::config).filter(c -> SiteSettings.agingAge(c).isPresent())
                .findFirst().orElse(read.servers().get(0).config());
    }

    /** One run's result; {@code heldBy} is set (and nothing done) when another service holds the lock. */
    public record Run(Instant at, String heldBy, int leases, int queued, List<Mac> moved, List<Mac> skipped, int pendingLeft,
                      Duration oldAfter, List<Anomalies.Anomaly> anomalies, String peersPending) {
        Run(Instant at, String heldBy, int leases, int queued, List<Mac> moved, List<Mac> skipped, int pendingLeft,
            Duration oldAfter, List<Anomalies.Anomaly> anomalies) {
            this(at, heldBy, leases, queued, moved, skipped, pendingLeft, oldAfter, anomalies, null);
        }
    }

    /** One pass with the site's aging age (Kea's configuration, {@code gatehouse site aging}), 30 min if unset. */
    public Run runOnce(Duration lockFor) {
        return runOnce(null, lockFor);
    }

    /** The site's aging age in {@code config}; the default when unset or not a duration. */
    public static Duration siteAge(KeaConfig config) {
        if (config == null) {
            return DEFAULT_OLD_AFTER;
        }
        return SiteSettings.agingAge(config).flatMap(SiteAging::usable).orElse(DEFAULT_OLD_AFTER);
    }

    /**
     * One pass. {@code oldAfter} overrides the site's aging age (null: the site's). {@code lockFor}
     * is how long the lock is held if this process dies mid-way (a looping service renews it every pass).
     */
    public Run runOnce(Duration requestedAge, Duration lockFor) {
        Instant at = clock.instant();
        Optional<String> other = lock.tryAcquire(LOCK, holder, at, lockFor);
        if (other.isPresent()) {
            return new Run(at, other.get(), 0, 0, List.of(), List.of(), 0, requestedAge, List.of());
        }
        int pendingLeft = decisions.retries().retry().size();
        QueueService.Snapshot snap = queue.refresh();
        // The refresh has just read Kea's configuration: the site's age comes with it, at no extra call.
        Duration oldAfter = requestedAge != null ? requestedAge : siteAge(snap.several() == null ? reservations.lastConfig() : siteConfig(snap.several()));
        List<Anomalies.Anomaly> anomalies = sample(snap);
        Instant cutoff = snap.asOf().minus(oldAfter);
        List<ReservationEdit> edits = new ArrayList<>();
        for (QueueService.Entry e : snap.entries()) {
            boolean hasReservation = snap.reservations().stream()
                    .anyMatch(r -> r.mac().equals(e.mac()) && r.subnetId() == e.subnetId());
            if (e.tier() == Tier.NEWLY_UNREGISTERED && !hasReservation && !e.firstSeen().isAfter(cutoff)) {
                // Only if still absent at write time: an approve or deny since the snapshot wins.
                edits.add(ReservationEdit.Put.ifAbsent(new HostReservation(e.mac(), e.subnetId(), List.of(HostReservation.OLD_UNREGISTERED),
                        null, "", new HostReservation.Stamp(holderName(), snap.asOf(), "no decision within " + format(oldAfter)))));
            }
        }
        List<Mac> moved = new ArrayList<>();
        List<Mac> skipped = new ArrayList<>();
        List<ReservationEdit.Put> applied = new ArrayList<>();
        if (!edits.isEmpty() && peers != null && snap.several() != null) {
            // several servers: each device's move goes straight to every server that serves its subnet (independent
            // servers: only its own building's, which the first server may not be)
            String pending = everyServer.age(edits, at, oldAfter, moved, skipped);
            return new Run(at, null, snap.leases().size(), snap.entries().size(), moved, skipped, pendingLeft, oldAfter, anomalies, pending);
        }
        if (!edits.isEmpty()) {
            Reservations.Result r;
            try {
                r = reservations.apply(edits, "before aging " + edits.size() + " device(s)", Reservations.OnConflict.SKIP);
            } catch (RuntimeException e) {
                for (ReservationEdit ed : edits) {
                    actions.append(at, "age", ed.mac().toString(), "old-unregistered after " + format(oldAfter), "failed: " + e.getMessage());
                }
                throw e;
            }
            for (Reservations.Outcome o : r.outcomes()) {
                if (o.status() == Reservations.Status.APPLIED) {
                    moved.add(o.edit().mac());
                    applied.add((ReservationEdit.Put) o.edit());
                    actions.append(at, "age", o.edit().mac().toString(), "old-unregistered after " + format(oldAfter), "ok");
                } else {
                    skipped.add(o.edit().mac());
                    actions.append(at, "age", o.edit().mac().toString(), "old-unregistered after " + format(oldAfter),
                            "skipped: " + o.detail());
                }
            }
        }
        String peersPending = applied.isEmpty() || peers == null ? null : onEveryServer(at, applied, oldAfter);
        return new Run(at, null, snap.leases().size(), snap.entries().size(), moved, skipped, pendingLeft, oldAfter, anomalies, peersPending);
    }

    /** The moves on every other server that serves the subnet; a server that missed them is owed them (audited, and said). */
    private String onEveryServer(Instant at, List<ReservationEdit.Put> applied, Duration oldAfter) {
        PeerDecisions.FanOut<Reservations.Result> f = peers.age(applied, "before aging " + applied.size() + " device(s)");
        if (f.pendingSteps().isEmpty()) {
            return null;
        }
        for (PeerDecisions.Step<Reservations.Result> s : f.pendingSteps()) {
            for (ReservationEdit.Put p : applied) {
                actions.append(at, "age", p.mac().toString(), "old-unregistered after " + format(oldAfter),
                        "pending for " + s.server() + ": " + s.detail());
            }
        }
        return f.problem();
    }

    /** The pass's look at Kea as a pool sample (with the exact queue length); a failing cache write does not stop aging. */
    private List<Anomalies.Anomaly> sample(QueueService.Snapshot snap) {
        if (pools != null && snap.several() != null) {
            return pools.observeEvery(snap.several(), snap.entries().size()).anomalies();
        }
        KeaConfig config = reservations.lastConfig();
        if (pools == null || config == null) {
            return List.of();
        }
        return pools.observe(config, snap.leases().stream().map(org.gatehouse.model.ClassifiedLease::lease).toList(),
                snap.entries().size(), snap.asOf()).anomalies();
    }

    /** Gives the lock up (a --once run, or a service stopping). */
    public void release() {
        lock.release(LOCK, holder);
    }

    private String holderName() {
        int at = holder.indexOf('#');
        return "gatehouse sync (" + (at < 0 ? holder : holder.substring(0, at)) + ")";
    }

    /** Parses {@code 45s}, {@code 30m}, {@code 2h} (and {@code 1d}). */
    public static Duration parseDuration(String text) {
        String t = text == null ? "" : text.trim().toLowerCase();
        if (!t.matches("\\d{1,7}[smhd]")) {
            throw new BadInput("duration", "'" + text + "' is not a duration like 45s, 30m or 2h");
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration d = switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) {
            throw new BadInput("duration", "must be more than zero");
        }
        return d;
    }

    public static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
