package org.gatehouse.policy;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;

/**
 * "Which subnet", worked out in one place for decisions, the reservation editor, bulk import, the
 * editor form and the tier of a lease: as given; else the subnet that holds the fixed address;
 * else the one subnet of the device's leases, or of its reservations; else Kea's only subnet.
 */
final class SubnetRule {
    private SubnetRule() {
    }

    /** The subnet whose prefix holds {@code ip}. */
    static Optional<KeaConfig.Subnet> holding(KeaConfig config, Ipv4 ip) {
        return config.subnets().stream().filter(s -> s.prefix().contains(ip)).findFirst();
    }

    /**
     * The subnet a reservation goes into. {@code mac} is null for a row of a file (then the
     * device's leases and reservations are not consulted). Throws {@link BadInput} when it cannot tell.
     */
    static long choose(KeaConfig config, Mac mac, Long given, Ipv4 ip, Collection<Long> leaseSubnets, Collection<Long> reservationSubnets) {
        if (given != null) {
            return given;
        }
        if (ip != null) {
            return holding(config, ip).map(KeaConfig.Subnet::id)
                    .orElseThrow(() -> new BadInput("IP", ip + " is in none of Kea's subnets"));
        }
        Set<Long> fromLeases = new LinkedHashSet<>(leaseSubnets);
        if (fromLeases.size() == 1) {
            return fromLeases.iterator().next();
        }
        Set<Long> fromReservations = new LinkedHashSet<>(reservationSubnets);
        if (fromReservations.size() == 1) {
            return fromReservations.iterator().next();
        }
        if (fromLeases.isEmpty() && config.subnets().size() == 1) {
            return config.subnets().get(0).id();
        }
        int n = config.subnets().size();
        if (mac == null) {
            throw new BadInput("subnet", "no subnet given and Kea has " + n + " subnets");
        }
        throw new BadInput("subnet", mac + (fromLeases.size() > 1 ? " holds leases in several subnets " + fromLeases
                : " has no lease and Kea has " + n + " subnets") + "; name one with --subnet ID");
    }
}
