package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaWriteLock;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Tier;
import org.gatehouse.store.LeaseEvents;
import org.gatehouse.store.PoolSamples;

/**
 * Pools over time: every look at Kea (a console refresh, a {@code sync} pass) becomes a sample per
 * pool, the queue's length, the lease events since the last look and the anomalies they show.
 * Thinning runs at most every {@link #THIN_EVERY}, so the cache keeps a minute's resolution for two
 * days and an hour's for 90 days.
 */
public final class PoolHistory {
    static final Duration THIN_EVERY = Duration.ofMinutes(10);

    private final PoolSamples samples;
    private final LeaseEvents events;
    private final Anomalies anomalies;
    private final Clock clock;
    private volatile Instant lastThin = Instant.EPOCH;

    public PoolHistory(PoolSamples samples, LeaseEvents events, Anomalies anomalies, Clock clock) {
        this.samples = samples;
        this.events = events;
        this.anomalies = anomalies;
        this.clock = clock;
    }

    /** The contract's sample: {@code at} ISO-8601 UTC (the minute, or the hour for thinned samples). */
    public record Sample(String at, long subnetId, String tier, long size, long used, double percent) {
    }

    public Anomalies anomalies() {
        return anomalies;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Records one look: {@code pools} as computed from it, the events in {@code leases} since the
     * previous look, the queue length ({@code queueLength} null: counted here from the leases and
     * the configuration's decision reservations). Returns the anomalies that are new.
     */
    public List<Anomalies.Anomaly> record(KeaConfig config, List<Lease> leases, List<PoolService.PoolUsage> pools, Integer queueLength,
                                          Instant at) {
        TierClassifier tiers = new TierClassifier(config);
        List<LeaseEvents.Seen> seen = new ArrayList<>(leases.size());
        for (Lease l : leases) {
            if (KeaWriteLock.isLockLease(l)) {
                continue; // Gatehouse's own write lock is no device
            }
            seen.add(seen(l, tiers.classify(l)));
        }
        int queue = queueLength != null ? queueLength : queueLength(config, leases, tiers);
        return recordSeen(seen, pools, queue, at);
    }

    /** Several servers: one look at all of them, each lease already classified by its own server's configuration. */
    public List<Anomalies.Anomaly> record(List<ClassifiedLease> leases, List<PoolService.PoolUsage> pools, int queueLength, Instant at) {
        List<LeaseEvents.Seen> seen = new ArrayList<>(leases.size());
        for (ClassifiedLease cl : leases) {
            seen.add(seen(cl.lease(), cl.tier()));
        }
        return recordSeen(seen, pools, queueLength, at);
    }

    private static LeaseEvents.Seen seen(Lease l, Tier tier) {
        return new LeaseEvents.Seen(l.ip().toString(), l.mac() == null ? null : l.mac().toString(), l.subnetId(),
                tier.label(), l.cltt(), l.cltt() + l.validLifetime(), l.state().code());
    }

    private List<Anomalies.Anomaly> recordSeen(List<LeaseEvents.Seen> seen, List<PoolService.PoolUsage> pools, int queue, Instant at) {
        events.observe(seen, at);
        var before = samples.record(at, pools.stream()
                .map(p -> new PoolSamples.PoolFigures(p.subnetId(), p.tier(), p.size(), p.used())).toList(), queue);
        List<Anomalies.Anomaly> found = anomalies.detect(at, before, pools);
        thinIfDue(at);
        return found;
    }

    /** Thins samples and events when {@link #THIN_EVERY} has passed since the last time. */
    public void thinIfDue(Instant now) {
        if (Duration.between(lastThin, now).compareTo(THIN_EVERY) >= 0) {
            lastThin = now;
            samples.thin(now);
            events.thin(now);
        }
    }

    /** Samples of the last {@code since}, oldest first; {@code subnetId} null: every subnet. */
    public List<Sample> history(Duration since, Long subnetId) {
        Instant now = clock.instant();
        return samples.rows(now.minus(since), now.plusSeconds(60), subnetId).stream()
                .map(r -> new Sample(Instant.ofEpochMilli(r.at()).toString(), r.subnetId(), r.tier(), r.size(), r.used(),
                        r.size() == 0 ? 0 : Math.round(r.used() * 1000.0 / r.size()) / 10.0))
                .toList();
    }

    /** When the newest sample was taken (its minute), if there is one. */
    public Optional<Instant> newest() {
        var n = samples.newest();
        return n.isPresent() ? Optional.of(Instant.ofEpochMilli(n.getAsLong())) : Optional.empty();
    }

    PoolSamples samples() {
        return samples;
    }

    LeaseEvents events() {
        return events;
    }

    /**
     * Devices waiting for a decision: assigned leases in an unregistered tier whose MAC has no
     * registered or denied reservation in the configuration (with host_cmds and a hosts database
     * the sync pass gives the exact figure instead).
     */
    static int queueLength(KeaConfig config, List<Lease> leases, TierClassifier tiers) {
        Set<String> decided = decidedMacs(config.raw().path("Dhcp4"));
        Set<String> waiting = new HashSet<>();
        for (Lease l : leases) {
            if (l.mac() != null && l.state() == LeaseState.DEFAULT && !KeaWriteLock.isLockLease(l)) {
                Tier t = tiers.classify(l);
                if (t.isUnregistered() && !decided.contains(l.mac().toString())) {
                    waiting.add(l.mac().toString());
                }
            }
        }
        return waiting.size();
    }

    static Set<String> decidedMacs(JsonNode dhcp4) {
        Set<String> out = new HashSet<>();
        collect(out, dhcp4.path("reservations"));
        dhcp4.path("subnet4").forEach(s -> collect(out, s.path("reservations")));
        dhcp4.path("shared-networks").forEach(n -> n.path("subnet4").forEach(s -> collect(out, s.path("reservations"))));
        return out;
    }

    private static void collect(Set<String> out, JsonNode reservations) {
        for (JsonNode r : reservations) {
            boolean decision = false;
            for (JsonNode c : r.path("client-classes")) {
                decision |= c.asText().equals("registered") || c.asText().equals("denied");
            }
            if (decision && r.hasNonNull("hw-address")) {
                out.add(r.get("hw-address").asText().toLowerCase().replace('-', ':'));
            }
        }
    }
}
