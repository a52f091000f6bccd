package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.Mac;

/**
 * Which MACs hold a host reservation in the running configuration (config-get): global
 * reservations and those of every subnet, inside shared networks too, keyed by {@code hw-address}.
 * Reservations by client-id or DUID, and those kept in a host database, are not seen here.
 */
public final class ReservedMacs {
    /** Subnet id used for global reservations (they apply in every subnet). */
    public static final long GLOBAL = -1;
    public static final ReservedMacs NONE = new ReservedMacs(Map.of());

    private final Map<Mac, Set<Long>> subnetsByMac;

    private ReservedMacs(Map<Mac, Set<Long>> subnetsByMac) {
        this.subnetsByMac = subnetsByMac;
    }

    public static ReservedMacs from(KeaConfig config) {
        return from(java.util.List.of(config));
    }

    /** Several servers: a MAC reserved on any of them (each server's reservations are in its own configuration). */
    public static ReservedMacs from(java.util.Collection<KeaConfig> configs) {
        Map<Mac, Set<Long>> m = new HashMap<>();
        for (KeaConfig config : configs) {
            collectAll(m, config);
        }
        return m.isEmpty() ? NONE : new ReservedMacs(m);
    }

    private static void collectAll(Map<Mac, Set<Long>> m, KeaConfig config) {
        JsonNode dhcp4 = config.raw() == null ? null : config.raw().path("Dhcp4");
        if (dhcp4 == null || !dhcp4.isObject()) {
            return;
        }
        collect(m, dhcp4.path("reservations"), GLOBAL);
        for (JsonNode s : dhcp4.path("subnet4")) {
            collect(m, s.path("reservations"), s.path("id").asLong());
        }
        for (JsonNode net : dhcp4.path("shared-networks")) {
            for (JsonNode s : net.path("subnet4")) {
                collect(m, s.path("reservations"), s.path("id").asLong());
            }
        }
    }

    private static void collect(Map<Mac, Set<Long>> m, JsonNode reservations, long subnetId) {
        for (JsonNode r : reservations) {
            String hw = r.path("hw-address").asText("");
            if (Mac.isValid(hw)) {
                m.computeIfAbsent(Mac.parse(hw), k -> new HashSet<>(2)).add(subnetId);
            }
        }
    }

    /** True when {@code mac} has a reservation in subnet {@code subnetId} or a global one. */
    public boolean reserved(Mac mac, long subnetId) {
        if (mac == null) {
            return false;
        }
        Set<Long> s = subnetsByMac.get(mac);
        return s != null && (s.contains(subnetId) || s.contains(GLOBAL));
    }

    /** True when {@code mac} has a reservation anywhere. */
    public boolean reservedAnywhere(Mac mac) {
        return mac != null && subnetsByMac.containsKey(mac);
    }

    public int size() {
        return subnetsByMac.size();
    }
}
