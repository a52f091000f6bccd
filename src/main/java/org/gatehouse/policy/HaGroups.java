package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gatehouse.kea.KeaConfig;

/**
 * Which servers are HA peers, read from their configurations: a server that loads
 * {@code libdhcp_ha.so} and lists peers joins every server whose peer list shares a URL with its
 * own (both halves of a pair name both URLs); a server without the HA hook is a group of its own.
 * Peers hold the same leases; independent servers (one per building) may hand out the same
 * address to different devices, so leases are only ever merged within a group.
 */
final class HaGroups {

    private HaGroups() {
    }

    /** Server name → its group's name (the first member's name), in server order. */
    static Map<String, String> of(Map<String, KeaConfig> configs) {
        List<String> names = new ArrayList<>(configs.keySet());
        List<Set<String>> peerUrls = new ArrayList<>();
        names.forEach(n -> peerUrls.add(peerUrls(configs.get(n))));
        Map<String, String> group = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String g = names.get(i);
            for (int j = 0; j < i && !peerUrls.get(i).isEmpty(); j++) {
                if (!java.util.Collections.disjoint(peerUrls.get(i), peerUrls.get(j))) {
                    g = group.get(names.get(j));
                    break;
                }
            }
            group.put(names.get(i), g);
        }
        return group;
    }

    /** The peers' URLs of every HA relationship this configuration loads; empty without the HA hook. */
    static Set<String> peerUrls(KeaConfig config) {
        Set<String> out = new HashSet<>();
        if (config == null) {
            return out;
        }
        for (JsonNode hook : config.raw().path("Dhcp4").path("hooks-libraries")) {
            if (!hook.path("library").asText("").endsWith("libdhcp_ha.so")) {
                continue;
            }
            for (JsonNode rel : hook.path("parameters").path("high-availability")) {
                for (JsonNode peer : rel.path("peers")) {
                    String url = peer.path("url").asText("").trim().toLowerCase(Locale.ROOT);
                    if (!url.isEmpty()) {
                        out.add(url.endsWith("/") ? url : url + "/");
                    }
                }
            }
        }
        return out;
    }
}
