package org.gatehouse.policy;

import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Tier;

/**
 * Which guest tier a lease is in, read from the running configuration: the pool that holds the
 * address and the client class that guards that pool. Nothing here knows .5/.128/.192.
 */
public final class TierClassifier {
    private final KeaConfig config;

    public TierClassifier(KeaConfig config) {
        this.config = config;
    }

    public Tier classify(Lease lease) {
        return config.subnet(lease.subnetId())
                .or(() -> SubnetRule.holding(config, lease.ip()))
                .flatMap(s -> s.poolOf(lease.ip()))
                .map(p -> p.clientClasses().stream().map(Tier::ofClientClass).filter(t -> t != Tier.OTHER)
                        .findFirst().orElse(Tier.OTHER))
                .orElse(Tier.OTHER);
    }
}
