package org.gatehouse.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;

/**
 * The leases of several servers as one list: one row per address, naming every server that holds
 * it. Peers of an HA pair hold the same leases; a lease that differs between them (another MAC,
 * an expiry further apart than {@link #TOLERANCE}) is flagged, the first server's copy shown.
 */
public final class MergedLeases {
    /** Peers write the same lease a moment apart; more than this is a real difference. */
    public static final Duration TOLERANCE = Duration.ofSeconds(10);

    /** One address: the lease as the first server holding it has it, who holds it, and what differs (null: nothing). */
    public record Merged(ClassifiedLease lease, List<String> servers, String difference) {
    }

    /** {@code unreachable}: "server2 (…) unreachable: …" for each server whose leases are missing. */
    public record Result(List<Merged> leases, List<String> unreachable) {
    }

    private MergedLeases() {
    }

    /** Reads every server (the first through its lease service, which records the cache's history) and merges. */
    public static Result read(KeaServers servers, LeaseFilter filter) {
        Map<String, List<ClassifiedLease>> perServer = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        KeaUnreachable first = null;
        for (KeaServers.Server s : servers.all()) {
            try {
                List<ClassifiedLease> leases;
                if (perServer.isEmpty()) {
                    leases = s.leases().refresh().leases();
                } else {
                    KeaConfig config = s.kea().config();
                    leases = s.leases().classify(config, s.kea().allLeases());
                }
                perServer.put(s.name(), leases);
            } catch (KeaUnreachable e) {
                first = first == null ? e : first;
                unreachable.add(s.label() + " unreachable: " + e.getMessage());
            }
        }
        if (perServer.isEmpty()) {
            throw first;
        }
        List<Merged> merged = merge(perServer, TOLERANCE);
        if (!filter.isAll()) {
            LeaseFilter.Compiled c = filter.compile();
            merged = merged.stream().filter(m -> c.matches(m.lease(), LeaseFilter.Haystack.of(m.lease()))).toList();
        }
        return new Result(merged, unreachable);
    }

    /** Merges per-server lists (server name → leases, in server order) by address, keeping the order of first appearance. */
    static List<Merged> merge(Map<String, List<ClassifiedLease>> perServer, Duration tolerance) {
        Map<Ipv4, ClassifiedLease> shown = new LinkedHashMap<>();
        Map<Ipv4, List<String>> holders = new LinkedHashMap<>();
        Map<Ipv4, List<String>> differences = new LinkedHashMap<>();
        for (Map.Entry<String, List<ClassifiedLease>> e : perServer.entrySet()) {
            for (ClassifiedLease cl : e.getValue()) {
                Ipv4 ip = cl.lease().ip();
                ClassifiedLease seen = shown.putIfAbsent(ip, cl);
                holders.computeIfAbsent(ip, k -> new ArrayList<>()).add(e.getKey());
                if (seen != null) {
                    String d = difference(seen.lease(), cl.lease(), tolerance);
                    if (d != null) {
                        differences.computeIfAbsent(ip, k -> new ArrayList<>()).add(e.getKey() + " has " + d);
                    }
                }
            }
        }
        List<Merged> out = new ArrayList<>();
        shown.forEach((ip, cl) -> out.add(new Merged(cl, List.copyOf(holders.get(ip)),
                differences.containsKey(ip) ? String.join("; ", differences.get(ip)) : null)));
        return out;
    }

    private static String difference(Lease a, Lease b, Duration tolerance) {
        if (!Objects.equals(a.mac(), b.mac())) {
            return "MAC " + (b.mac() == null ? "none" : b.mac()) + " (not " + (a.mac() == null ? "none" : a.mac()) + ")";
        }
        long apart = Math.abs(a.expires().getEpochSecond() - b.expires().getEpochSecond());
        if (apart > tolerance.toSeconds()) {
            return "expiry " + b.expires() + " (" + apart + " s apart)";
        }
        if (a.state() != b.state()) {
            return "state " + b.state().label() + " (not " + a.state().label() + ")";
        }
        return null;
    }
}
