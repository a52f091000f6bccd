package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaException;
import org.gatehouse.model.SafeText;

/**
 * Subnet ids that mean different prefixes on different servers. Gatehouse keys pool samples, the
 * subnet filter and "the servers that serve subnet N" by subnet id, so two independent servers
 * using one id for two prefixes would be mixed up; this only detects it and says so (re-keying
 * everything by prefix is not worth it for a mistake the site should fix in Kea).
 */
public final class SubnetClashes {
    /** One server's configuration, as read. */
    public record Served(String server, KeaConfig config) {
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
    public static List<Clash> find(List<Served> configs) {
        List<Clash> out = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            for (int j = i + 1; j < configs.size(); j++) {
                Served a = configs.get(i);
                Served b = configs.get(j);
                for (KeaConfig.Subnet x : a.config().subnets()) {
                    for (KeaConfig.Subnet y : b.config().subnets()) {
                        if (x.id() == y.id() && !x.cidr().equals(y.cidr())) {
                            out.add(new Clash(x.id(), a.server(), x.cidr(), b.server(), y.cidr()));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The clashes between the servers that answer (those that do not are reported elsewhere). */
    public static List<Clash> find(KeaServers servers) {
        List<Served> configs = new ArrayList<>();
        for (KeaServers.Server s : servers.all()) {
            try {
                configs.add(new Served(s.name(), s.kea().config()));
            } catch (KeaException e) {
                // unreachable: the status names it
            }
        }
        return find(configs);
    }

    static SiteCheck.Finding finding(Clash c) {
        return new SiteCheck.Finding(SiteCheck.Severity.ERROR, "subnet " + c.id() + " on " + SafeText.escapeForTerminal(c.serverA()) + " and "
                + SafeText.escapeForTerminal(c.serverB()), c.describe(), HINT);
    }
}
