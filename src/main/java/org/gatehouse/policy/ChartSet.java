package org.gatehouse.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the Pools screen's charts and the report draw for one period, computed in one go off
 * the FX thread: utilisation per tier of one subnet (percent), lease activity per hour by kind,
 * the queue's length, and how long devices waited for a decision (median and p90, minutes).
 *
 * @param newest     when the newest sample was taken (the data's age; empty: no sample at all)
 * @param subnets    every subnet with samples in the period
 * @param subnetId   the subnet of {@code utilization} (null when there is none)
 */
public record ChartSet(Instant from, Instant to, Optional<Instant> newest, List<Long> subnets, Long subnetId,
                       List<Series> utilization, List<Series> activity, Series queue, List<Series> decisions,
                       DecisionSummary summary) {

    /** One line: x in epoch milliseconds, y in the chart's unit. */
    public record Series(String name, double[] x, double[] y) {
        public int size() {
            return x.length;
        }

        public double max() {
            double m = 0;
            for (double v : y) {
                m = Math.max(m, v);
            }
            return m;
        }
    }

    /** Decisions in the period and how long their devices had waited, in minutes. */
    public record DecisionSummary(int count, double medianMinutes, double p90Minutes) {
    }

    /** True when nothing at all was recorded in the period (the screen shows its empty state). */
    public boolean empty() {
        return utilization.stream().allMatch(s -> s.size() == 0) && queue.size() == 0
                && activity.stream().allMatch(s -> s.size() == 0) && summary.count() == 0;
    }

    /** The periods the screen offers, with the bucket widths that keep each chart at a few hundred points. */
    public enum Range {
        HOUR("1 h", Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(15)),
        DAY("24 h", Duration.ofHours(24), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(1)),
        WEEK("7 d", Duration.ofDays(7), Duration.ofHours(1), Duration.ofHours(3), Duration.ofDays(1)),
        MONTH("30 d", Duration.ofDays(30), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1));

        private final String label;
        private final Duration length;
        private final Duration sampleBucket;
        private final Duration activityBucket;
        private final Duration decisionBucket;

        Range(String label, Duration length, Duration sampleBucket, Duration activityBucket, Duration decisionBucket) {
            this.label = label;
            this.length = length;
            this.sampleBucket = sampleBucket;
            this.activityBucket = activityBucket;
            this.decisionBucket = decisionBucket;
        }

        public String label() {
            return label;
        }

        public Duration length() {
            return length;
        }

        public Duration sampleBucket() {
            return sampleBucket;
        }

        public Duration activityBucket() {
            return activityBucket;
        }

        public Duration decisionBucket() {
            return decisionBucket;
        }

        /** The smallest offered range that covers {@code d} (the longest for anything longer). */
        public static Range covering(Duration d) {
            for (Range r : values()) {
                if (r.length.compareTo(d) >= 0) {
                    return r;
                }
            }
            return MONTH;
        }
    }
}
