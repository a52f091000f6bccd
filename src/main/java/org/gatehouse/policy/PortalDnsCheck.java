package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.model.Tier;

/**
 * The captive-portal half of {@code site check}: which DNS servers (option 6) a client of each
 * tier's pool really gets, and whether an unregistered device can resolve names without the portal
 * (its pool hands out the registered pool's public DNS, or a well-known public resolver) or a
 * registered device is sent to the portal (its pool hands out the unregistered pools' DNS).
 *
 * <p>The effective value follows Kea's option precedence, most specific first: pool, subnet,
 * shared network, client classes (in the order the client was assigned them; {@code ALL} is always
 * first), global. Kea ARM, "Class Priority" (classify.rst): "Options defined in classes override
 * any global options, and in turn are overridden by options defined for an individual subnet,
 * shared network, pool, or reservation" and "If two or more classes include the same class
 * information, the value from the first assigned class is used". Measured on Kea 2.2 with the
 * kea-rig and a real dhclient (README, "site check"): pool beat subnet, subnet beat shared
 * network, shared network beat class, class beat global. Host reservations are more specific
 * still, but they are per device and not part of the scheme, so they are not looked at here.
 */
final class PortalDnsCheck {
    static final int DNS_OPTION_CODE = 6;

    /** Resolvers anyone can reach: an unregistered pool handing one out bypasses the portal whatever the registered pool has. */
    static final Set<String> PUBLIC_RESOLVERS = Set.of("8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "149.112.112.112",
            "208.67.222.222", "208.67.220.220", "94.140.14.14", "94.140.15.15");

    /** What a client of one pool gets, from which scope, and whether that scope is the tier's own (its pool or its class). */
    record Dns(Set<String> servers, String from, boolean own) {
    }

    private PortalDnsCheck() {
    }

    /**
     * @param pools the subnet's pools by tier (only the pools guarded by a tier class)
     * @param sharedNetwork the enclosing shared network, or null
     */
    static void check(List<SiteCheck.Finding> out, String where, Map<Tier, List<JsonNode>> pools, JsonNode subnet, JsonNode sharedNetwork,
                      JsonNode dhcp4, Map<String, JsonNode> classes) {
        Dns registered = union(pools.get(Tier.REGISTERED), Tier.REGISTERED, subnet, sharedNetwork, dhcp4, classes);
        Dns newly = union(pools.get(Tier.NEWLY_UNREGISTERED), Tier.NEWLY_UNREGISTERED, subnet, sharedNetwork, dhcp4, classes);
        Dns old = union(pools.get(Tier.OLD_UNREGISTERED), Tier.OLD_UNREGISTERED, subnet, sharedNetwork, dhcp4, classes);
        if (registered == null || newly == null || old == null) {
            return; // a missing tier is reported by SiteCheck itself
        }
        for (Tier t : List.of(Tier.NEWLY_UNREGISTERED, Tier.OLD_UNREGISTERED)) {
            Dns unreg = t == Tier.NEWLY_UNREGISTERED ? newly : old;
            Dns other = t == Tier.NEWLY_UNREGISTERED ? old : newly;
            if (unreg.servers().isEmpty()) {
                out.add(new SiteCheck.Finding(SiteCheck.Severity.WARNING, where + " " + t.label() + " pool",
                        "hands out no DNS server: devices cannot reach the captive portal by name",
                        "give the pool option-data domain-name-servers with the portal's DNS"));
                continue;
            }
            for (String ip : unreg.servers()) {
                boolean shared = registered.servers().contains(ip);
                if (!shared && PUBLIC_RESOLVERS.contains(ip)) {
                    out.add(unregisteredGetsPublic(where, t, ip, unreg, "a public resolver"));
                } else if (shared && registeredIsTheMistake(ip, unreg, registered, other)) {
                    if (t == Tier.NEWLY_UNREGISTERED || !newly.servers().contains(ip)) {
                        out.add(new SiteCheck.Finding(SiteCheck.Severity.ERROR, where + " registered pool",
                                "hands out " + ip + ", the unregistered pools' portal DNS (from " + registered.from()
                                        + "): approved devices are sent to the captive portal",
                                "give the registered pool its own option-data domain-name-servers with the public DNS"));
                    }
                } else if (shared) {
                    out.add(unregisteredGetsPublic(where, t, ip, unreg, "the registered pool's DNS"));
                }
            }
        }
    }

    private static SiteCheck.Finding unregisteredGetsPublic(String where, Tier t, String ip, Dns unreg, String what) {
        return new SiteCheck.Finding(SiteCheck.Severity.ERROR, where + " " + t.label() + " pool",
                "hands out " + ip + ", " + what + " (from " + unreg.from() + "): unregistered devices resolve names without"
                        + " the captive portal",
                "give the " + t.label() + " pool its own option-data domain-name-servers with the portal's DNS"
                        + " (pool options win over subnet, shared-network, class and global ones)");
    }

    /**
     * Both tiers hand out {@code ip}: which side is wrong? The one that inherits it from a broader
     * scope; if both set it themselves, the registered pool when both unregistered tiers agree on it
     * and it is no well-known public resolver.
     */
    private static boolean registeredIsTheMistake(String ip, Dns unreg, Dns registered, Dns otherUnreg) {
        if (unreg.own() != registered.own()) {
            return unreg.own();
        }
        return !PUBLIC_RESOLVERS.contains(ip) && otherUnreg.servers().contains(ip);
    }

    /** The DNS servers of every pool of a tier in the subnet, with the scope of the first pool's value; null when there is none. */
    private static Dns union(List<JsonNode> tierPools, Tier tier, JsonNode subnet, JsonNode sharedNetwork, JsonNode dhcp4,
                             Map<String, JsonNode> classes) {
        if (tierPools == null || tierPools.isEmpty()) {
            return null;
        }
        Set<String> all = new LinkedHashSet<>();
        Dns first = null;
        for (JsonNode pool : tierPools) {
            Dns d = effective(pool, tier, subnet, sharedNetwork, dhcp4, classes);
            all.addAll(d.servers());
            first = first == null ? d : first;
        }
        return new Dns(all, first.from(), first.own());
    }

    /** Option 6 as Kea resolves it for a client of {@code tier} in {@code pool}: the first scope that defines it wins. */
    static Dns effective(JsonNode pool, Tier tier, JsonNode subnet, JsonNode sharedNetwork, JsonNode dhcp4, Map<String, JsonNode> classes) {
        // The classes such a client certainly has, in assignment order: ALL first, the pool's class, then KNOWN
        // (a reservation put it in registered/old-unregistered) or UNKNOWN (newly-unregistered devices have none).
        List<String> clientClasses = List.of("ALL", tier.label(), tier == Tier.NEWLY_UNREGISTERED ? "UNKNOWN" : "KNOWN");
        List<Map.Entry<String, JsonNode>> scopes = new ArrayList<>();
        String own = "the pool's own option-data";
        scopes.add(Map.entry(own, pool));
        scopes.add(Map.entry("the subnet", subnet));
        if (sharedNetwork != null) {
            scopes.add(Map.entry("shared network '" + sharedNetwork.path("name").asText() + "'", sharedNetwork));
        }
        for (String c : clientClasses) {
            if (classes.containsKey(c)) {
                scopes.add(Map.entry("class '" + c + "'", classes.get(c)));
            }
        }
        scopes.add(Map.entry("the global option-data", dhcp4));
        for (Map.Entry<String, JsonNode> scope : scopes) {
            for (JsonNode o : scope.getValue().path("option-data")) {
                if (isDns(o) && taggedFor(o, clientClasses)) {
                    String from = scope.getKey();
                    return new Dns(servers(o), from, from.equals(own) || from.equals("class '" + tier.label() + "'"));
                }
            }
        }
        return new Dns(Set.of(), "nowhere", false);
    }

    private static boolean isDns(JsonNode o) {
        String space = o.path("space").asText("dhcp4");
        return space.equals("dhcp4") && (o.path("name").asText("").equals("domain-name-servers")
                || (o.has("code") && o.path("code").asInt(-1) == DNS_OPTION_CODE));
    }

    /** Kea ≥ 2.7.4 can limit an option to clients of some classes ({@code "client-classes"} on the option). */
    private static boolean taggedFor(JsonNode o, List<String> clientClasses) {
        JsonNode tags = o.path("client-classes");
        if (!tags.isArray() || tags.isEmpty()) {
            return true;
        }
        for (JsonNode t : tags) {
            if (clientClasses.contains(t.asText())) {
                return true;
            }
        }
        return false;
    }

    /** The addresses of an option-data entry: a comma list, or packed hex with {@code "csv-format": false}. */
    static Set<String> servers(JsonNode o) {
        String data = o.path("data").asText("").trim();
        Set<String> out = new LinkedHashSet<>();
        if (o.path("csv-format").asBoolean(true)) {
            for (String part : data.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        String hex = data.replaceAll("(?i)0x|[\\s:]", "");
        for (int i = 0; i + 8 <= hex.length(); i += 8) {
            try {
                long v = Long.parseLong(hex.substring(i, i + 8), 16);
                out.add((v >> 24 & 0xFF) + "." + (v >> 16 & 0xFF) + "." + (v >> 8 & 0xFF) + "." + (v & 0xFF));
            } catch (NumberFormatException notHex) {
                return out; // Kea refuses such a config; the other checks still run
            }
        }
        return out;
    }
}
