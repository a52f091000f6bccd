package org.gatehouse.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.kea.SiteSettings;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.SafeText;

/**
 * {@code site check} across several servers: every peer is compared with the first server on
 * what the scheme depends on — client classes, subnets and their pools, and the host
 * reservations — and every difference is named (after a failover, a reservation missing on the
 * partner makes an approved device a stranger again).
 */
public final class PeerDrift {
    /** One server's configuration as read; {@code reservations} from the configuration or the host database. */
    public record View(String server, KeaConfig config, List<HostReservation> reservations) {
    }

    private PeerDrift() {
    }

    /** {@code unreachable}: "server2 (…) unreachable: …" for each server that could not be compared. */
    public record Report(List<SiteCheck.Finding> findings, List<String> unreachable) {
    }

    /** Each server's scheme check (its findings prefixed with its name), then every difference between the peers. */
    public static Report check(KeaServers servers) {
        List<SiteCheck.Finding> findings = new ArrayList<>();
        List<View> views = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (KeaServers.Server s : servers.all()) {
            try {
                KeaConfig config = s.kea().config();
                views.add(new View(s.name(), config, s.reservations().list()));
                new SiteCheck().check(config.raw().path("Dhcp4")).forEach(f -> findings.add(new SiteCheck.Finding(f.severity(),
                        s.name() + " " + f.where(), f.what(), f.hint())));
            } catch (KeaUnreachable e) {
                unreachable.add(s.label() + " unreachable: " + e.getMessage());
            }
        }
        findings.addAll(compare(views));
        return new Report(findings, unreachable);
    }

    /** Only the differences between the reachable peers (no scheme check), for the console's server panel. */
    public static List<SiteCheck.Finding> differences(KeaServers servers) {
        List<View> views = new ArrayList<>();
        for (KeaServers.Server s : servers.all()) {
            try {
                views.add(new View(s.name(), s.kea().config(), s.reservations().list()));
            } catch (KeaUnreachable e) {
                // not compared: the status already warns that it is unreachable
            }
        }
        return compare(views);
    }

    /** Every difference between {@code reference} and each other view, as errors. */
    public static List<SiteCheck.Finding> compare(List<View> views) {
        List<SiteCheck.Finding> out = new ArrayList<>();
        if (views.size() < 2) {
            return out;
        }
        View ref = views.get(0);
        List<SubnetClashes.Served> served = views.stream().map(v -> SubnetClashes.Served.of(v.server(), v.config())).toList();
        SubnetClashes.find(served).forEach(c -> out.add(SubnetClashes.finding(c)));
        Map<String, KeaConfig> configs = new java.util.LinkedHashMap<>();
        views.forEach(v -> configs.put(v.server(), v.config()));
        out.addAll(SubnetClashes.sharedPrefixes(served, HaGroups.of(configs)));
        for (View peer : views.subList(1, views.size())) {
            agingAge(ref, peer, out);
            classes(ref, peer, out);
            subnets(ref, peer, out);
            reservations(ref, peer, out);
        }
        return out;
    }

    /** The site's aging age: each server's aging pass (and a workstation after a failover) must move devices after the same time. */
    private static void agingAge(View ref, View peer, List<SiteCheck.Finding> out) {
        String a = SiteSettings.agingAge(ref.config()).orElse("unset");
        String b = SiteSettings.agingAge(peer.config()).orElse("unset");
        if (!a.equals(b)) {
            out.add(new SiteCheck.Finding(SiteCheck.Severity.ERROR, peer.server() + " aging age", "aging age " + SafeText.escapeForTerminal(b)
                    + " on " + peer.server() + ", " + SafeText.escapeForTerminal(a) + " on " + ref.server(),
                    "set it once for every server: gatehouse site aging DURATION (with every server given)"));
        }
    }

    private static void classes(View ref, View peer, List<SiteCheck.Finding> out) {
        Map<String, JsonNode> a = classDefinitions(ref.config());
        Map<String, JsonNode> b = classDefinitions(peer.config());
        for (String name : union(a.keySet(), b.keySet())) {
            JsonNode x = a.get(name);
            JsonNode y = b.get(name);
            String where = peer.server() + " class " + SafeText.escapeForTerminal(name);
            if (y == null) {
                out.add(drift(where, "client class missing on " + peer.server() + " (" + ref.server() + " has it)"));
            } else if (x == null) {
                out.add(drift(where, "client class only on " + peer.server() + " (" + ref.server() + " has none)"));
            } else if (!x.equals(y)) {
                out.add(drift(where, "client class defined differently than on " + ref.server() + ": " + SafeText.escapeForTerminal(x.toString())
                        + " vs " + SafeText.escapeForTerminal(y.toString())));
            }
        }
    }

    private static Map<String, JsonNode> classDefinitions(KeaConfig c) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode cls : c.raw().path("Dhcp4").path("client-classes")) {
            out.put(cls.path("name").asText(), cls);
        }
        return out;
    }

    private static void subnets(View ref, View peer, List<SiteCheck.Finding> out) {
        Map<Long, KeaConfig.Subnet> a = new LinkedHashMap<>();
        ref.config().subnets().forEach(s -> a.put(s.id(), s));
        Map<Long, KeaConfig.Subnet> b = new LinkedHashMap<>();
        peer.config().subnets().forEach(s -> b.put(s.id(), s));
        for (Long id : union(a.keySet(), b.keySet())) {
            KeaConfig.Subnet x = a.get(id);
            KeaConfig.Subnet y = b.get(id);
            String where = peer.server() + " subnet " + id;
            if (y == null) {
                out.add(drift(where, "subnet " + x.cidr() + " missing on " + peer.server()));
            } else if (x == null) {
                out.add(drift(where, "subnet " + y.cidr() + " only on " + peer.server()));
            } else {
                if (!x.cidr().equals(y.cidr())) {
                    continue; // one id, two prefixes: a clash (SubnetClashes), not a pool difference
                }
                TreeSet<String> px = pools(x);
                TreeSet<String> py = pools(y);
                for (String p : union(px, py)) {
                    if (!py.contains(p)) {
                        out.add(drift(where, "pool " + p + " missing on " + peer.server()));
                    } else if (!px.contains(p)) {
                        out.add(drift(where, "pool " + p + " only on " + peer.server()));
                    }
                }
            }
        }
    }

    private static TreeSet<String> pools(KeaConfig.Subnet s) {
        TreeSet<String> out = new TreeSet<>();
        s.pools().forEach(p -> out.add(p.range() + " for " + (p.clientClasses().isEmpty() ? "every client" : String.join(",", p.clientClasses()))));
        return out;
    }

    private static void reservations(View ref, View peer, List<SiteCheck.Finding> out) {
        Map<String, HostReservation> a = byKey(ref.reservations());
        Map<String, HostReservation> b = byKey(peer.reservations());
        for (String key : union(a.keySet(), b.keySet())) {
            HostReservation x = a.get(key);
            HostReservation y = b.get(key);
            String where = peer.server() + " subnet " + (x != null ? x.subnetId() : y.subnetId()) + " reservation "
                    + (x != null ? x.mac() : y.mac());
            if (y == null) {
                out.add(drift(where, "reservation (" + describe(x) + ") missing on " + peer.server()));
            } else if (x == null) {
                out.add(drift(where, "reservation (" + describe(y) + ") only on " + peer.server()));
            } else if (!describe(x).equals(describe(y))) {
                out.add(drift(where, describe(y) + " on " + peer.server() + ", " + describe(x) + " on " + ref.server()));
            }
        }
    }

    private static Map<String, HostReservation> byKey(List<HostReservation> list) {
        Map<String, HostReservation> out = new LinkedHashMap<>();
        list.forEach(r -> out.put(r.subnetId() + "/" + r.mac(), r));
        return out;
    }

    private static String describe(HostReservation r) {
        return String.join(",", r.clientClasses().stream().sorted().toList()) + (r.ip() == null ? "" : " " + r.ip())
                + (r.hostname().isEmpty() ? "" : " " + SafeText.escapeForTerminal(r.hostname()));
    }

    private static <T extends Comparable<T>> TreeSet<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
        TreeSet<T> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    private static SiteCheck.Finding drift(String where, String what) {
        Objects.requireNonNull(what);
        return new SiteCheck.Finding(SiteCheck.Severity.ERROR, where, what,
                "make the peers agree (gatehouse sync --once applies pending changes; else repeat the change with both servers given)");
    }
}
