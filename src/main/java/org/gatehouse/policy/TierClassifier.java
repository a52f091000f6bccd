package org.gatehouse.policy;

import java.util.IdentityHashMap;
import java.util.Map;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Tier;

/**
 * Which guest tier a lease is in, read from the running configuration: the pool that holds the
 * address and the client class that guards that pool. Nothing here knows .5/.128/.192.
 */
public final class TierClassifier {
    private final KeaConfig config;
    /** Each pool's tier, worked out once: a refresh classifies every lease, most of them in a few pools. */
    private final Map<KeaConfig.Pool, Tier> poolTiers = new IdentityHashMap<>();

    public TierClassifier(KeaConfig config) {
        this.config = config;
    }

    /** Not safe for concurrent use (it remembers each pool's tier); one per pass. */
    public Tier classify(Lease lease) {
        KeaConfig.Subnet subnet = null;
        for (KeaConfig.Subnet s : config.subnets()) {
            if (s.id() == lease.subnetId()) {
                subnet = s;
                break;
            }
        }
        if (subnet == null) {
            subnet = SubnetRule.holding(config, lease.ip()).orElse(null);
            if (subnet == null) {
                return Tier.OTHER;
            }
        }
        for (KeaConfig.Pool p : subnet.pools()) {
            if (p.range().contains(lease.ip())) {
                return poolTiers.computeIfAbsent(p, TierClassifier::tierOf);
            }
        }
        return Tier.OTHER;
    }

    private static Tier tierOf(KeaConfig.Pool p) {
        return p.clientClasses().stream().map(Tier::ofClientClass).filter(t -> t != Tier.OTHER).findFirst().orElse(Tier.OTHER);
    }
}
