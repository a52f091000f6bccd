package org.gatehouse.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.store.LeaseEvents;
import org.gatehouse.store.PoolSamples;

/**
 * The figures behind the charts: utilisation per tier, lease activity per hour (new devices,
 * renewals, expiries, releases), queue length and time to decision, for a period. All the
 * averaging is done in SQL; what comes back is a few hundred points per line.
 */
public final class ActivityStats {
    /** The tiers in the order the charts draw them. */
    public static final List<String> TIERS = List.of("registered", "newly-unregistered", "old-unregistered");
    /** Lease event kinds as the activity chart names them. */
    public static final Map<String, String> KINDS = kinds();

    private final PoolHistory history;

    public ActivityStats(PoolHistory history) {
        this.history = history;
    }

    private static Map<String, String> kinds() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(LeaseEvents.NEW_DEVICE, "new devices");
        m.put(LeaseEvents.RENEWAL, "renewals");
        m.put(LeaseEvents.EXPIRY, "expiries");
        m.put(LeaseEvents.RELEASE, "releases");
        return m;
    }

    /** The charts of the last {@code range}; {@code subnetId} null: the first subnet with samples. */
    public ChartSet charts(ChartSet.Range range, Long subnetId) {
        Instant to = history.clock().instant();
        return charts(to.minus(range.length()), to, range, subnetId);
    }

    /** The charts of {@code [from, to)} with the bucket widths of {@code widths}. */
    public ChartSet charts(Instant from, Instant to, ChartSet.Range widths, Long subnetId) {
        Instant end = to.plusSeconds(60); // the current minute's bucket starts before "now"
        List<Long> subnets = history.samples().subnets(from, end);
        Long subnet = subnetId != null && subnets.contains(subnetId) ? subnetId : subnets.isEmpty() ? null : subnets.get(0);
        List<ChartSet.Series> utilization = subnet == null ? List.of() : utilization(from, end, widths.sampleBucket(), subnet);
        return new ChartSet(from, to, history.newest(), subnets, subnet, utilization, activity(from, end, widths.activityBucket()),
                queue(from, end, widths.sampleBucket()), decisions(from, end, widths.decisionBucket()), summary(from, end));
    }

    /** Percent in use per tier of one subnet, averaged per bucket. */
    public List<ChartSet.Series> utilization(Instant from, Instant to, Duration width, long subnetId) {
        Map<String, List<double[]>> byTier = new LinkedHashMap<>();
        TIERS.forEach(t -> byTier.put(t, new ArrayList<>()));
        for (PoolSamples.Bucket b : history.samples().buckets(from, to, width, subnetId)) {
            double pct = b.size() == 0 ? 0 : Math.round(b.used() * 1000.0 / b.size()) / 10.0;
            byTier.computeIfAbsent(b.tier(), k -> new ArrayList<>()).add(new double[] {b.at(), pct});
        }
        List<ChartSet.Series> out = new ArrayList<>();
        byTier.forEach((tier, points) -> out.add(series(tier, points)));
        return out;
    }

    /**
     * Events per hour by kind, from the hourly counts, in buckets of {@code width} (at least an hour).
     */
    public List<ChartSet.Series> activity(Instant from, Instant to, Duration width) {
        Map<Long, Map<String, Long>> counts = new java.util.TreeMap<>();
        long w = Math.max(width.toMillis(), 3_600_000);
        history.events().perHour(from, to).forEach((hour, kinds) -> kinds.forEach((k, n) ->
                counts.computeIfAbsent(hour / w * w, x -> new LinkedHashMap<>()).merge(k, n, Long::sum)));
        double perHour = 3_600_000.0 / w;
        List<ChartSet.Series> out = new ArrayList<>();
        KINDS.forEach((kind, name) -> {
            List<double[]> points = new ArrayList<>();
            counts.forEach((b, kinds) -> points.add(new double[] {b, Math.round(kinds.getOrDefault(kind, 0L) * perHour * 10) / 10.0}));
            out.add(series(name, points));
        });
        return out;
    }

    public ChartSet.Series queue(Instant from, Instant to, Duration width) {
        List<double[]> points = new ArrayList<>();
        for (double[] q : history.samples().queueBuckets(from, to, width)) {
            points.add(new double[] {q[0], Math.round(q[1] * 10) / 10.0});
        }
        return series("waiting", points);
    }

    /** Median and p90 of the wait before a decision, per bucket, in minutes. */
    public List<ChartSet.Series> decisions(Instant from, Instant to, Duration width) {
        long w = width.toMillis();
        Map<Long, List<Long>> byBucket = new java.util.TreeMap<>();
        for (long[] d : history.events().decisionWaits(from, to)) {
            byBucket.computeIfAbsent(d[0] / w * w, k -> new ArrayList<>()).add(d[1]);
        }
        List<double[]> median = new ArrayList<>();
        List<double[]> p90 = new ArrayList<>();
        byBucket.forEach((b, waits) -> {
            long[] sorted = waits.stream().mapToLong(Long::longValue).sorted().toArray();
            median.add(new double[] {b, minutes(percentile(sorted, 50))});
            p90.add(new double[] {b, minutes(percentile(sorted, 90))});
        });
        return List.of(series("median", median), series("p90", p90));
    }

    public ChartSet.DecisionSummary summary(Instant from, Instant to) {
        long[] sorted = history.events().decisionWaits(from, to).stream().mapToLong(d -> d[1]).sorted().toArray();
        return new ChartSet.DecisionSummary(sorted.length, minutes(percentile(sorted, 50)), minutes(percentile(sorted, 90)));
    }

    /** Nearest-rank percentile of sorted values (0 for none). */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double minutes(long ms) {
        return Math.round(ms / 6000.0) / 10.0;
    }

    private static ChartSet.Series series(String name, List<double[]> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return new ChartSet.Series(name, x, y);
    }

}
