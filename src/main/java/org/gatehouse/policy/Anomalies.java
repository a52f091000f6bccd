package org.gatehouse.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gatehouse.store.AnomalyLog;
import org.gatehouse.store.LeaseEvents;
import org.gatehouse.store.PoolSamples;

/**
 * Finds what looks wrong after each look at Kea and keeps it: a MAC taking more leases or renewing
 * more often than the thresholds allow within a minute, a pool crossing into warning or critical,
 * a burst of new devices in one tier. Each is stored once (repeats within the quiet time raise its
 * count), so the list and the badge show news, not a row per refresh.
 */
public final class Anomalies {
    public static final String EXCESSIVE_LEASES = "excessive-leases";
    public static final String RAPID_RENEWALS = "rapid-renewals";
    public static final String POOL_WARNING = "pool-warning";
    public static final String POOL_CRITICAL = "pool-critical";
    public static final String NEW_DEVICE_BURST = "new-device-burst";

    private final LeaseEvents events;
    private final AnomalyLog log;
    private final AnomalyThresholds thresholds;

    public Anomalies(LeaseEvents events, AnomalyLog log, AnomalyThresholds thresholds) {
        this.events = events;
        this.log = log;
        this.thresholds = thresholds;
    }

    /** The contract's anomaly: {@code at} ISO-8601 UTC; {@code mac} null for pool and tier anomalies. */
    public record Anomaly(String at, String kind, String mac, Long subnetId, String tier, int count, String detail) {
        public boolean critical() {
            return kind.equals(POOL_CRITICAL);
        }
    }

    public AnomalyThresholds thresholds() {
        return thresholds;
    }

    /** Checks the look at {@code at}; {@code before} is each pool's previous sample. Returns the anomalies that are new. */
    List<Anomaly> detect(Instant at, Map<String, PoolSamples.Last> before, List<PoolService.PoolUsage> pools) {
        List<AnomalyLog.Row> found = new ArrayList<>();
        Instant from = at.minus(thresholds.window());
        for (LeaseEvents.Count c : events.countsAbove(LeaseEvents.LEASE, from, at, thresholds.excessiveLeases())) {
            found.add(new AnomalyLog.Row(at.toEpochMilli(), EXCESSIVE_LEASES, c.mac(), c.subnetId(), null, c.count(),
                    c.count() + " leases on " + c.addresses() + " addresses within " + AgingService.format(thresholds.window())
                            + " (more than " + thresholds.excessiveLeases() + ")"));
        }
        for (LeaseEvents.Count c : events.countsAbove(LeaseEvents.RENEWAL, from, at, thresholds.rapidRenewals())) {
            found.add(new AnomalyLog.Row(at.toEpochMilli(), RAPID_RENEWALS, c.mac(), c.subnetId(), null, c.count(),
                    c.count() + " renewals within " + AgingService.format(thresholds.window()) + " (more than "
                            + thresholds.rapidRenewals() + ")"));
        }
        for (PoolService.PoolUsage p : pools) {
            String now = thresholds.level(p.percent());
            PoolSamples.Last last = before.get(PoolSamples.key(p.subnetId(), p.tier()));
            String was = last == null || last.size() == 0 ? "ok" : thresholds.level(Math.round(last.used() * 1000.0 / last.size()) / 10.0);
            if (rank(now) > rank(was)) {
                found.add(new AnomalyLog.Row(at.toEpochMilli(), now.equals("critical") ? POOL_CRITICAL : POOL_WARNING, null, p.subnetId(),
                        p.tier(), (int) p.used(), String.format(Locale.ROOT, "%s pool of %s at %.1f %% (%d of %d used, %d free)",
                        p.tier(), p.subnet(), p.percent(), p.used(), p.size(), p.free())));
            }
        }
        for (Object[] t : events.newDevicesByTier(at.minus(thresholds.burstWindow()), at)) {
            int count = (int) t[2];
            if (count > thresholds.newDeviceBurst()) {
                found.add(new AnomalyLog.Row(at.toEpochMilli(), NEW_DEVICE_BURST, null, (Long) t[0], (String) t[1], count,
                        count + " new devices in " + t[1] + " within " + AgingService.format(thresholds.burstWindow()) + ", " + t[3]
                                + " with randomized MACs"));
            }
        }
        return log.add(found, thresholds.quiet()).stream().map(Anomalies::of).toList();
    }

    private static int rank(String level) {
        return switch (level) {
            case "critical" -> 2;
            case "warning" -> 1;
            default -> 0;
        };
    }

    /** Anomalies found in {@code [from, to)}, oldest first. */
    public List<Anomaly> list(Instant from, Instant to) {
        return log.list(from, to).stream().map(Anomalies::of).toList();
    }

    static Anomaly of(AnomalyLog.Row r) {
        return new Anomaly(Instant.ofEpochMilli(r.at()).toString(), r.kind(), r.mac(), r.subnetId(), r.tier(), r.count(), r.detail());
    }
}
