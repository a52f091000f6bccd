package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.SafeText;

/**
 * Subnet ids that mean different prefixes on different servers. Gatehouse keys pool samples, the
 * subnet filter and "the servers that serve subnet N" by subnet id, so two independent servers
 * using one id for two prefixes would be mixed up; this only detects it and says so (re-keying
 * everything by prefix is not worth it for a mistake the site should fix in Kea).
 */
public final class SubnetClashes {
    /** One server's subnets: prefix by subnet id. */
    public record Served(String server, Map<Long, String> prefixById) {
        static Served of(String server, KeaConfig config) {
            Map<Long, String> m = new LinkedHashMap<>();
            config.subnets().forEach(x -> m.put(x.id(), x.cidr()));
            return new Served(server, m);
        }
    }

    /** Subnet {@code id} is {@code prefixA} on {@code serverA} and {@code prefixB} on {@code serverB}. */
    public record Clash(long id, String serverA, String prefixA, String serverB, String prefixB) {
        public String describe() {
            return "subnet id " + id + " is " + prefixA + " on " + SafeText.escapeForTerminal(serverA) + " but " + prefixB + " on "
                    + SafeText.escapeForTerminal(serverB);
        }
    }

    static final String HINT = "give each prefix its own subnet id across the site: Gatehouse keys pool history, the subnet filter and"
            + " which servers serve a subnet by id, so it mixes the two";

    private SubnetClashes() {
    }

    /** Every pair of servers that use one id for different prefixes. */
    public static List<Clash> find(List<Served> servers) {
        List<Clash> out = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            for (int j = i + 1; j < servers.size(); j++) {
                Served a = servers.get(i);
                Served b = servers.get(j);
                a.prefixById().forEach((id, prefix) -> {
                    String other = b.prefixById().get(id);
                    if (other != null && !other.equals(prefix)) {
                        out.add(new Clash(id, a.server(), prefix, b.server(), other));
                    }
                });
            }
        }
        return out;
    }

    /**
     * Prefixes that two servers outside one HA pair both serve (one per building, the same range): the
     * cache and the Leases screen keep one device per address, so where both hand out one address only
     * the first server's device is recorded, shown and aged. Said as a warning (`site check`).
     */
    static List<SiteCheck.Finding> sharedPrefixes(List<Served> servers, Map<String, String> haGroupOf) {
        List<SiteCheck.Finding> out = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            for (int j = i + 1; j < servers.size(); j++) {
                Served a = servers.get(i);
                Served b = servers.get(j);
                if (java.util.Objects.equals(haGroupOf.get(a.server()), haGroupOf.get(b.server()))) {
                    continue;
                }
                java.util.Set<String> shared = new java.util.LinkedHashSet<>(a.prefixById().values());
                shared.retainAll(b.prefixById().values());
                for (String prefix : shared) {
                    String sa = SafeText.escapeForTerminal(a.server());
                    String sb = SafeText.escapeForTerminal(b.server());
                    out.add(new SiteCheck.Finding(SiteCheck.Severity.WARNING, prefix + " on " + sa + " and " + sb,
                            sa + " and " + sb + " are not an HA pair but both serve " + prefix + ": where both hand out one address,"
                                    + " only " + sa + "'s device is recorded in the cache, shown on the Leases screen and aged",
                            "give each building its own range, or make the two an HA pair"));
                }
            }
        }
        return out;
    }

    static SiteCheck.Finding finding(Clash c) {
        return new SiteCheck.Finding(SiteCheck.Severity.ERROR, "subnet " + c.id() + " on " + SafeText.escapeForTerminal(c.serverA()) + " and "
                + SafeText.escapeForTerminal(c.serverB()), c.describe(), HINT);
    }
}
