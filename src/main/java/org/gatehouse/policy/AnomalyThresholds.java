package org.gatehouse.policy;

import java.time.Duration;

/**
 * When something counts as an anomaly. The defaults are the monitoring seed's
 * ({@code excessive_leases_per_minute = 10}, {@code rapid_renewals_per_minute = 5},
 * {@code pool_utilization_warning = 80}, {@code pool_utilization_critical = 95}); a connection
 * profile's pool levels replace the last two.
 *
 * @param excessiveLeases  more leases than this taken by one MAC within {@code window} is excessive
 * @param rapidRenewals    more renewals than this by one MAC within {@code window} is rapid
 * @param window           the sliding window of the two per-device checks
 * @param warningPercent   a pool at or above this is at warning
 * @param criticalPercent  a pool at or above this is critical
 * @param newDeviceBurst   more new devices than this in one tier within {@code burstWindow} is a burst
 * @param burstWindow      the window of the burst check
 * @param quiet            the same anomaly (kind, device, subnet, tier) found again within this is the same one
 */
public record AnomalyThresholds(int excessiveLeases, int rapidRenewals, Duration window, double warningPercent, double criticalPercent,
                                int newDeviceBurst, Duration burstWindow, Duration quiet) {
    public static final AnomalyThresholds DEFAULTS = new AnomalyThresholds(10, 5, Duration.ofMinutes(1), PoolService.WARNING,
            PoolService.CRITICAL, 20, Duration.ofMinutes(10), Duration.ofMinutes(30));

    public AnomalyThresholds withPoolLevels(double warning, double critical) {
        return new AnomalyThresholds(excessiveLeases, rapidRenewals, window, warning, critical, newDeviceBurst, burstWindow, quiet);
    }

    /** ok, warning or critical for a pool at {@code percent}. */
    public String level(double percent) {
        return percent >= criticalPercent ? "critical" : percent >= warningPercent ? "warning" : "ok";
    }
}
