package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Tier;

/** Pool usage per subnet and tier, from the running configuration and the current leases. */
public final class PoolService {
    public static final double WARNING = 80.0;
    public static final double CRITICAL = 95.0;

    private final KeaClient kea;
    private final double warning;
    private final double critical;

    public PoolService(KeaClient kea) {
        this(kea, WARNING, CRITICAL);
    }

    /** With a site's own levels (a profile's pool thresholds), in percent. */
    public PoolService(KeaClient kea, double warning, double critical) {
        this.kea = kea;
        this.warning = warning;
        this.critical = critical;
    }

    /** The contract's pool object: {@code subnetId, subnet, tier, first, last, size, used, free, percent, level}. */
    public record PoolUsage(long subnetId, String subnet, String tier, String first, String last, long size, long used, long free,
                            double percent, String level) {
    }

    public List<PoolUsage> pools() {
        return usage(kea.config(), kea.allLeases(), warning, critical);
    }

    public static List<PoolUsage> usage(KeaConfig config, List<Lease> leases) {
        return usage(config, leases, WARNING, CRITICAL);
    }

    public static List<PoolUsage> usage(KeaConfig config, List<Lease> leases, double warning, double critical) {
        List<PoolUsage> out = new ArrayList<>();
        for (KeaConfig.Subnet s : config.subnets()) {
            for (KeaConfig.Pool p : s.pools()) {
                long used = leases.stream().filter(l -> l.state() == LeaseState.DEFAULT && p.range().contains(l.ip())).count();
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
