package org.gatehouse.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaException;
import org.gatehouse.kea.PoolStatistics;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Tier;

/**
 * Pool usage per subnet and tier, from the running configuration and the current leases (or Kea's
 * own per-pool statistics where it keeps them). With a {@link PoolHistory}, every read is also a
 * sample in the cache.
 */
public final class PoolService {
    public static final double WARNING = 80.0;
    public static final double CRITICAL = 95.0;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PoolService.class);

    private final KeaClient kea;
    private final double warning;
    private final double critical;
    private final PoolHistory history;
    private final Clock clock;
    /** Set when the session has several servers: a look then reads every one. */
    private volatile KeaServers every;

    public PoolService(KeaClient kea) {
        this(kea, WARNING, CRITICAL, null, Clock.systemUTC());
    }

    /** With a site's own levels (a profile's pool thresholds), in percent. */
    public PoolService(KeaClient kea, double warning, double critical) {
        this(kea, warning, critical, null, Clock.systemUTC());
    }

    /** {@code history} null: reads are not sampled. */
    public PoolService(KeaClient kea, PoolHistory history, Clock clock) {
        this(kea, WARNING, CRITICAL, history, clock);
    }

    public PoolService(KeaClient kea, double warning, double critical, PoolHistory history, Clock clock) {
        this.kea = kea;
        this.warning = warning;
        this.critical = critical;
        this.history = history;
        this.clock = clock;
    }

    /**
     * The contract's pool object: {@code subnetId, subnet, tier, first, last, size, used, free, percent, level},
     * and with several servers {@code servers}: those that serve the pool (null, and left out of JSON, with one).
     */
    public record PoolUsage(long subnetId, String subnet, String tier, String first, String last, long size, long used, long free,
                            double percent, String level,
                            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                            List<String> servers) {
        public PoolUsage(long subnetId, String subnet, String tier, String first, String last, long size, long used, long free,
                         double percent, String level) {
            this(subnetId, subnet, tier, first, last, size, used, free, percent, level, null);
        }

        PoolUsage servedBy(List<String> names) {
            return new PoolUsage(subnetId, subnet, tier, first, last, size, used, free, percent, level, List.copyOf(names));
        }
    }

    /**
     * What one look at Kea gave: the pools and the anomalies it revealed (empty without a history);
     * {@code unreachable} names each server whose pools are missing (several servers).
     */
    public record Look(Instant at, List<PoolUsage> pools, List<Anomalies.Anomaly> anomalies, List<String> unreachable) {
        public Look(Instant at, List<PoolUsage> pools, List<Anomalies.Anomaly> anomalies) {
            this(at, pools, anomalies, List.of());
        }
    }

    /**
     * With several servers (the session's own service, and the console's): a look reads every
     * server; a pool two HA peers both serve is shown once, naming both, and independent servers'
     * pools are all shown, each naming its server.
     */
    public void lookOnEvery(KeaServers servers) {
        this.every = servers;
    }

    public Optional<PoolHistory> history() {
        return Optional.ofNullable(history);
    }

    public List<PoolUsage> pools() {
        return look().pools();
    }

    /** Reads Kea, and records the sample when there is a history. */
    public Look look() {
        KeaServers several = every;
        if (several != null) {
            return observeEvery(MergedLeases.fetch(several), null);
        }
        KeaConfig config = kea.config();
        List<Lease> leases = kea.allLeases();
        return observe(config, leases, null, clock.instant());
    }

    /** Pools of a look someone else made (the sync pass); sampled when there is a history. */
    public Look observe(KeaConfig config, List<Lease> leases, Integer queueLength, Instant at) {
        List<PoolUsage> pools = usage(config, leases, keaFigures(config), warning, critical);
        List<Anomalies.Anomaly> found = List.of();
        if (history != null) {
            try {
                found = history.record(config, leases, pools, queueLength, at);
            } catch (RuntimeException e) {
                // A cache that cannot take the sample (busy, disk full) must not hide Kea's figures or stop aging.
                LOG.warn("pool sample not recorded: {}", org.gatehouse.model.SafeText.escapeForTerminal(String.valueOf(e.getMessage())));
            }
        }
        return new Look(at, pools, found);
    }

    /**
     * Pools of a read of every server (a look, or the aging pass's); sampled once for the whole
     * site when there is a history. {@code queueLength} null: counted from the read.
     */
    public Look observeEvery(MergedLeases.Read read, Integer queueLength) {
        List<PoolUsage> pools = ServerPools.usage(read, warning, critical);
        List<Anomalies.Anomaly> found = List.of();
        if (history != null) {
            try {
                found = history.record(read.classified(), pools, queueLength != null ? queueLength : ServerPools.queueLength(read), read.at());
            } catch (RuntimeException e) {
                LOG.warn("pool sample not recorded: {}", org.gatehouse.model.SafeText.escapeForTerminal(String.valueOf(e.getMessage())));
            }
        }
        return new Look(read.at(), pools, found, read.unreachable());
    }

    /** Kea's per-pool assigned addresses where it has them (only asked when pool-ids make them per pool). */
    private Map<String, Long> keaFigures(KeaConfig config) {
        return keaFigures(kea, config);
    }

    static Map<String, Long> keaFigures(KeaClient kea, KeaConfig config) {
        if (!PoolStatistics.usable(config)) {
            return Map.of();
        }
        try {
            return PoolStatistics.assigned(config, kea.execute(new PoolStatistics.StatisticGetAll()));
        } catch (KeaException e) {
            return Map.of(); // counted from the leases instead
        }
    }

    public static List<PoolUsage> usage(KeaConfig config, List<Lease> leases) {
        return usage(config, leases, Map.of(), WARNING, CRITICAL);
    }

    public static List<PoolUsage> usage(KeaConfig config, List<Lease> leases, double warning, double critical) {
        return usage(config, leases, Map.of(), warning, critical);
    }

    public static List<PoolUsage> usage(KeaConfig config, List<Lease> leases, Map<String, Long> keaFigures) {
        return usage(config, leases, keaFigures, WARNING, CRITICAL);
    }

    /** {@code keaFigures}: assigned addresses per pool ({@link PoolStatistics#key}) that Kea reported; others are counted. */
    public static List<PoolUsage> usage(KeaConfig config, List<Lease> leases, Map<String, Long> keaFigures, double warning, double critical) {
        List<PoolUsage> out = new ArrayList<>();
        for (KeaConfig.Subnet s : config.subnets()) {
            int index = 0;
            for (KeaConfig.Pool p : s.pools()) {
                Long reported = keaFigures.get(PoolStatistics.key(s.id(), index++));
                long used = reported != null ? reported
                        : leases.stream().filter(l -> l.state() == LeaseState.DEFAULT && p.range().contains(l.ip())).count();
                long size = p.range().size();
                double pct = size == 0 ? 0 : Math.round(used * 1000.0 / size) / 10.0;
                Tier tier = p.clientClasses().stream().map(Tier::ofClientClass).filter(t -> t != Tier.OTHER).findFirst().orElse(Tier.OTHER);
                String level = pct >= critical ? "critical" : pct >= warning ? "warning" : "ok";
                out.add(new PoolUsage(s.id(), s.cidr(), tier.label(), p.range().first().toString(), p.range().last().toString(),
                        size, used, size - used, pct, level));
            }
        }
        return out;
    }
}
