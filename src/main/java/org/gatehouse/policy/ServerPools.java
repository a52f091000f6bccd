package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;

/**
 * Pools of several servers: each server's pools counted from its own leases (or its own per-pool
 * statistics). A pool is its subnet's prefix and its range, not the subnet id (one per building
 * may reuse ids): two HA peers serving the same pool show it once, with the first server's
 * figures, naming both; independent servers' pools are all shown, each naming its server.
 */
final class ServerPools {
    private ServerPools() {
    }

    static List<PoolService.PoolUsage> usage(MergedLeases.Read read, double warning, double critical) {
        Map<String, PoolService.PoolUsage> byRange = new LinkedHashMap<>();
        Map<String, List<String>> servedBy = new LinkedHashMap<>();
        for (MergedLeases.ServerRead r : read.servers()) {
            List<Lease> leases = new ArrayList<>(r.leases().size());
            r.leases().forEach(cl -> leases.add(cl.lease()));
            Map<String, Long> figures = PoolService.keaFigures(r.server().kea(), r.config());
            for (PoolService.PoolUsage p : PoolService.usage(r.config(), leases, figures, warning, critical)) {
                String key = p.subnet() + " " + p.first() + "-" + p.last();
                byRange.putIfAbsent(key, p);
                servedBy.computeIfAbsent(key, k -> new ArrayList<>()).add(r.server().name());
            }
        }
        List<PoolService.PoolUsage> out = new ArrayList<>(byRange.size());
        byRange.forEach((key, p) -> out.add(p.servedBy(servedBy.get(key))));
        return out;
    }

    /** Devices waiting for a decision on any server: unregistered tier, and no decision reservation on any server. */
    static int queueLength(MergedLeases.Read read) {
        Set<String> decided = new HashSet<>();
        for (MergedLeases.ServerRead r : read.servers()) {
            decided.addAll(PoolHistory.decidedMacs(r.config().raw().path("Dhcp4")));
        }
        Set<String> waiting = new HashSet<>();
        for (MergedLeases.Merged m : read.leases()) {
            ClassifiedLease cl = m.lease();
            Lease l = cl.lease();
            if (l.mac() != null && l.state() == LeaseState.DEFAULT && cl.tier().isUnregistered() && !decided.contains(l.mac().toString())) {
                waiting.add(l.mac().toString());
            }
        }
        return waiting.size();
    }
}
