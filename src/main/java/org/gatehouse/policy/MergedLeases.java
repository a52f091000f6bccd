package org.gatehouse.policy;

import java.time.Duration;
import java.time.Instant;
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
 * The leases of several servers as one list: one row per address within each HA group
 * ({@link HaGroups}), naming every server that holds it. Peers of an HA pair hold the same leases;
 * a lease that differs between them (another MAC, an expiry further apart than {@link #TOLERANCE})
 * is flagged, the first server's copy shown. Independent servers are never merged: two buildings
 * that both serve 192.168.1.0/24 give two rows for .10, each naming its own server.
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

    /** One server's part of a {@link Read}: its configuration and its leases, each classified by that configuration. */
    public record ServerRead(KeaServers.Server server, KeaConfig config, List<ClassifiedLease> leases) {
    }

    /**
     * One read of every server, merged and recorded in the cache as one list. {@code servers}: those
     * that answered; {@code unreachable}: "server2 (…) unreachable: …" for each that did not.
     */
    public record Read(Instant at, List<Merged> leases, List<ServerRead> servers, List<String> unreachable) {
        /** The merged rows' leases (each as the first server holding it has it). */
        public List<ClassifiedLease> classified() {
            List<ClassifiedLease> out = new ArrayList<>(leases.size());
            leases.forEach(m -> out.add(m.lease()));
            return out;
        }

        /** The merged list as one snapshot: reserved on any server that answered, subnet labels of each (the first to name an id wins). */
        public LeaseService.LeaseSnapshot snapshot() {
            Map<Long, String> subnets = new LinkedHashMap<>();
            for (ServerRead r : servers) {
                LeaseService.subnetLabels(r.config()).forEach(subnets::putIfAbsent);
            }
            return new LeaseService.LeaseSnapshot(at, true, classified(), ReservedMacs.from(servers.stream().map(ServerRead::config).toList()),
                    Map.copyOf(subnets));
        }
    }

    private MergedLeases() {
    }

    /** Reads every server and merges (the command line's {@code leases list}). */
    public static Result read(KeaServers servers, LeaseFilter filter) {
        Read read = fetch(servers);
        List<Merged> merged = read.leases();
        if (!filter.isAll()) {
            LeaseFilter.Compiled c = filter.compile();
            merged = merged.stream().filter(m -> c.matches(m.lease(), LeaseFilter.Haystack.of(m.lease()))).toList();
        }
        return new Result(merged, read.unreachable());
    }

    /**
     * Reads every server (configuration and leases, each classified by its own server's rules),
     * merges them by address and records the merged list in the cache through the first server's
     * lease service: the one list the Leases and Queue screens, {@code leases list} and aging all
     * record, so no server's devices look gone when another's list is recorded. Throws when no
     * server answers.
     */
    public static Read fetch(KeaServers servers) {
        List<ServerRead> reads = new ArrayList<>();
        Map<String, List<ClassifiedLease>> perServer = new LinkedHashMap<>();
        Map<String, KeaConfig> configs = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        KeaUnreachable first = null;
        for (KeaServers.Server s : servers.all()) {
            try {
                KeaConfig config = s.kea().config();
                List<ClassifiedLease> leases = s.leases().classify(config, s.kea().allLeases());
                reads.add(new ServerRead(s, config, leases));
                perServer.put(s.name(), leases);
                configs.put(s.name(), config);
            } catch (KeaUnreachable e) {
                first = first == null ? e : first;
                unreachable.add(s.label() + " unreachable: " + e.getMessage());
            }
        }
        if (reads.isEmpty()) {
            throw first;
        }
        List<Merged> merged = merge(perServer, HaGroups.of(configs), TOLERANCE);
        Instant at = servers.first().leases().recordMerged(cacheRows(merged), unreachable.isEmpty());
        return new Read(at, merged, List.copyOf(reads), List.copyOf(unreachable));
    }

    /** Merges per-server lists (server name → leases, in server order) as peers of one HA group, by address. */
    static List<Merged> merge(Map<String, List<ClassifiedLease>> perServer, Duration tolerance) {
        Map<String, String> oneGroup = new LinkedHashMap<>();
        perServer.keySet().forEach(n -> oneGroup.put(n, ""));
        return merge(perServer, oneGroup, tolerance);
    }

    /**
     * Merges per-server lists (server name → leases, in server order) by (HA group, address),
     * keeping the order of first appearance. {@code groups}: server name → its group; a server
     * missing from it is a group of its own.
     */
    static List<Merged> merge(Map<String, List<ClassifiedLease>> perServer, Map<String, String> groups, Duration tolerance) {
        Map<GroupAddress, ClassifiedLease> shown = new LinkedHashMap<>();
        Map<GroupAddress, List<String>> holders = new LinkedHashMap<>();
        Map<GroupAddress, List<String>> differences = new LinkedHashMap<>();
        for (Map.Entry<String, List<ClassifiedLease>> e : perServer.entrySet()) {
            String group = groups.getOrDefault(e.getKey(), e.getKey());
            for (ClassifiedLease cl : e.getValue()) {
                GroupAddress ip = new GroupAddress(group, cl.lease().ip());
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

    /** One address as one HA group (or one independent server) hands it out. */
    private record GroupAddress(String group, Ipv4 ip) {
    }

    /**
     * The rows the cache records. Its lease list holds one lease per address, so where independent
     * servers hand out the same address only the first server's lease is recorded there; the
     * others' devices are still listed, queued and decided from the merged rows.
     */
    private static List<ClassifiedLease> cacheRows(List<Merged> merged) {
        List<ClassifiedLease> out = new ArrayList<>(merged.size());
        java.util.Set<Ipv4> seen = new java.util.HashSet<>(merged.size() * 2);
        for (Merged m : merged) {
            if (seen.add(m.lease().lease().ip())) {
                out.add(m.lease());
            }
        }
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
