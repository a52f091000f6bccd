package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kea's own per-pool figures (Kea ≥ 2.4: {@code subnet[ID].pool[POOL-ID].assigned-addresses}).
 * Kea sums every pool without a {@code pool-id} under {@code pool[0]}, so the figure belongs to
 * one pool only when the pools of the subnet have distinct pool-ids (at most one without, which then
 * alone is {@code pool[0]}: a subnet of one pool always qualifies); otherwise (and on Kea 2.2, which
 * has no per-pool statistics) the caller counts the pool's leases itself.
 */
public final class PoolStatistics {
    private PoolStatistics() {
    }

    /** {@code statistic-get-all}: every statistic's latest value. */
    public record StatisticGetAll() implements KeaCommand<Map<String, Long>> {
        @Override
        public String name() {
            return "statistic-get-all";
        }

        @Override
        public Map<String, Long> decode(KeaResponse r, KeaJson json) {
            Map<String, Long> out = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.arguments().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode latest = e.getValue().path(0).path(0); // samples are newest first: [[value, time], ...]
                if (latest.isNumber()) {
                    out.put(e.getKey(), latest.asLong());
                }
            }
            return out;
        }
    }

    /** The key of one pool: subnet id and the pool's index in the subnet's {@code pools} list. */
    public static String key(long subnetId, int poolIndex) {
        return subnetId + "/" + poolIndex;
    }

    /** True when some subnet's pools have distinct pool-ids: only then is asking Kea worth a call. */
    public static boolean usable(KeaConfig config) {
        return !poolIds(config).isEmpty();
    }

    /**
     * Assigned addresses per pool ({@link #key}) from {@code stats}, for the pools of subnets whose
     * pools have distinct pool-ids, where Kea reported the statistic.
     */
    public static Map<String, Long> assigned(KeaConfig config, Map<String, Long> stats) {
        Map<String, Long> out = new HashMap<>();
        poolIds(config).forEach((key, poolId) -> {
            long subnetId = Long.parseLong(key.substring(0, key.indexOf('/')));
            Long v = stats.get("subnet[" + subnetId + "].pool[" + poolId + "].assigned-addresses");
            if (v != null) {
                out.put(key, v);
            }
        });
        return out;
    }

    private static Map<String, Long> poolIds(KeaConfig config) {
        Map<String, Long> out = new HashMap<>();
        JsonNode dhcp4 = config.raw().path("Dhcp4");
        List<JsonNode> subnets = new java.util.ArrayList<>();
        dhcp4.path("subnet4").forEach(subnets::add);
        dhcp4.path("shared-networks").forEach(n -> n.path("subnet4").forEach(subnets::add));
        for (JsonNode s : subnets) {
            Set<Long> ids = new HashSet<>();
            Map<String, Long> mine = new HashMap<>();
            int i = 0;
            for (JsonNode p : s.path("pools")) {
                long id = p.path("pool-id").asLong(0);
                mine.put(key(s.path("id").asLong(), i++), id);
                ids.add(id);
            }
            if (!mine.isEmpty() && ids.size() == mine.size()) {
                out.putAll(mine);
            }
        }
        return out;
    }
}
