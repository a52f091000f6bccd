package org.gatehouse.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaWriteLock;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.model.PhaseTimes;
import org.gatehouse.model.Tier;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.ObservationStore;

/**
 * The "observe" flow: fetch every lease and the configuration from Kea, classify each lease into
 * its tier, record what was seen in the cache, and hand back the result. Also the lease actions.
 * The first refresh records the whole list; later ones (a live screen refreshing every few
 * seconds) record only what changed, and move every device's "last seen" once per
 * {@code touchInterval}.
 */
public final class LeaseService {
    public static final Duration DEFAULT_TOUCH_INTERVAL = Duration.ofSeconds(60);

    private final KeaClient kea;
    private final ObservationStore observations;
    private final ActionLog actions;
    private final OuiRegistry oui;
    private final Clock clock;
    private final int pageSize;
    private final Duration touchInterval;
    /** What the cache's last lease list holds after this service's last write; null before the first. */
    private Map<Ipv4, ClassifiedLease> recorded;
    private Instant lastTouch = Instant.EPOCH;
    private volatile Map<Mac, Seen> seen;
    private volatile Classified lastClassified = Classified.NONE;
    /** Set when this session has several servers: {@link #release} then deletes on every one. */
    private volatile PeerDecisions everyServer;

    public LeaseService(KeaClient kea, ObservationStore observations, ActionLog actions, OuiRegistry oui, Clock clock) {
        this(kea, observations, actions, oui, clock, KeaClient.DEFAULT_PAGE_SIZE, DEFAULT_TOUCH_INTERVAL);
    }

    public LeaseService(KeaClient kea, ObservationStore observations, ActionLog actions, OuiRegistry oui, Clock clock,
                        int pageSize, Duration touchInterval) {
        this.kea = kea;
        this.observations = observations;
        this.actions = actions;
        this.oui = oui;
        this.clock = clock;
        this.pageSize = pageSize;
        this.touchInterval = touchInterval;
    }

    /** When the cache first and last saw a device. */
    public record Seen(Instant first, Instant last) {
    }

    /**
     * A lease list and when it was true; {@code live} is false when it came from the cache.
     * {@code reserved} and {@code subnets} (id to CIDR) come from the running configuration,
     * and are empty for a list from the cache.
     */
    public record LeaseSnapshot(Instant asOf, boolean live, List<ClassifiedLease> leases, ReservedMacs reserved,
                                Map<Long, String> subnets) {
        public LeaseSnapshot(Instant asOf, boolean live, List<ClassifiedLease> leases) {
            this(asOf, live, leases, ReservedMacs.NONE, Map.of());
        }

        public List<ClassifiedLease> filter(LeaseFilter f) {
            if (f.isAll()) {
                return leases;
            }
            LeaseFilter.Compiled c = f.compile();
            return leases.stream().filter(cl -> c.matches(cl, LeaseFilter.Haystack.of(cl))).toList();
        }

        /** True when the lease's MAC has a host reservation in its subnet (or a global one). */
        public boolean reserved(ClassifiedLease cl) {
            return reserved.reserved(cl.lease().mac(), cl.lease().subnetId());
        }
    }

    /** Fetches from Kea and records the observation; throws a KeaException when Kea cannot be read. */
    public LeaseSnapshot refresh() {
        LeaseSnapshot snap = fetch(PhaseTimes.OFF);
        record(snap);
        return snap;
    }

    /**
     * {@link #refresh} without recording: the caller records the list with {@link #record} (the CLI
     * does so on a second thread while it prints). {@code times} notes Kea's and the classifier's share.
     */
    public LeaseSnapshot fetch(PhaseTimes times) {
        // The vendor registry (a 3 MB file, read once) loads while Kea answers.
        CompletableFuture<Void> vendors = CompletableFuture.runAsync(oui::preload);
        KeaConfig config;
        try (PhaseTimes.Running t = times.start("kea: config-get")) {
            config = kea.config();
        }
        List<Lease> leases;
        try (PhaseTimes.Running t = times.start("kea: lease pages, read")) {
            leases = kea.allLeases(pageSize);
        }
        try (PhaseTimes.Running t = times.start("vendor registry (rest of load)")) {
            vendors.join();
        }
        Instant at = clock.instant();
        List<ClassifiedLease> classified;
        try (PhaseTimes.Running t = times.start("classify")) {
            classified = classify(config, leases);
        }
        return new LeaseSnapshot(at, true, classified, ReservedMacs.from(config), subnetLabels(config));
    }

    /** Records a list {@link #fetch} returned in the cache, as {@link #refresh} does; safe from any thread. */
    public void record(LeaseSnapshot fetched) {
        record(fetched.leases(), fetched.asOf(), true);
    }

    /**
     * Several servers: records their merged list ({@link MergedLeases}) in the cache as this service
     * records its own, so the screens, the queue and aging see one list. {@code complete} false (a
     * server could not be read): no address counts as gone, its leases are only missing from this read.
     */
    Instant recordMerged(List<ClassifiedLease> merged, boolean complete) {
        Instant at = clock.instant();
        record(merged, at, complete);
        return at;
    }

    static Map<Long, String> subnetLabels(KeaConfig config) {
        Map<Long, String> m = new LinkedHashMap<>();
        for (KeaConfig.Subnet s : config.subnets()) {
            m.put(s.id(), s.cidr());
        }
        return Map.copyOf(m);
    }

    private synchronized void record(List<ClassifiedLease> classified, Instant at, boolean complete) {
        Map<Mac, Seen> times = seen;
        if (recorded == null && !complete) {
            observations.recordChanges(classified, List.of(), at); // the next complete read records the whole list
            if (times != null) {
                classified.forEach(cl -> saw(times, cl, at));
            }
            return;
        }
        if (recorded == null) {
            observations.record(classified, at);
            lastTouch = at;
            if (times != null) {
                classified.forEach(cl -> saw(times, cl, at));
            }
            recorded = new HashMap<>(classified.size() * 2);
            classified.forEach(cl -> recorded.put(cl.lease().ip(), cl));
            return;
        }
        // Changed in place: a new 50,000-entry map per refresh is garbage that lives just long enough to be costly.
        List<ClassifiedLease> upserts = new ArrayList<>();
        int present = 0;
        boolean ascending = true;
        long lastIp = -1;
        for (ClassifiedLease cl : classified) {
            ClassifiedLease before = recorded.get(cl.lease().ip());
            present += before == null ? 0 : 1;
            if (before != cl && !cl.equals(before)) {
                upserts.add(cl);
            }
            ascending &= cl.lease().ip().value() > lastIp;
            lastIp = cl.lease().ip().value();
        }
        List<Ipv4> gone = new ArrayList<>();
        // A paged walk lists each address once, in order: then nothing is gone when every recorded address was listed.
        if (complete && (!ascending || present != recorded.size())) {
            Set<Ipv4> now = new HashSet<>(classified.size() * 2);
            classified.forEach(cl -> now.add(cl.lease().ip()));
            for (Ipv4 ip : recorded.keySet()) {
                if (!now.contains(ip)) {
                    gone.add(ip);
                }
            }
        }
        boolean touch = !Duration.between(lastTouch, at).minus(touchInterval).isNegative();
        observations.recordChanges(upserts, gone, at);
        if (touch) {
            lastTouch = at;
        }
        if (times != null) {
            (touch ? classified : upserts).forEach(cl -> saw(times, cl, at));
        }
        gone.forEach(recorded::remove);
        upserts.forEach(cl -> recorded.put(cl.lease().ip(), cl));
    }

    private static void saw(Map<Mac, Seen> times, ClassifiedLease cl, Instant at) {
        Mac mac = cl.lease().mac();
        if (mac != null) {
            times.merge(mac, new Seen(at, at), (old, fresh) -> new Seen(old.first(), at));
        }
    }

    /**
     * First and last sighting of every device the cache knows, kept current by later refreshes.
     * Read from the cache on the first call (disk: call it off the FX thread); safe to read from
     * any thread.
     */
    /** Why the vendor column is blank (the OUI registry is missing), or empty; reads the registry, so not on the FX thread. */
    public Optional<String> vendorNotice() {
        return oui.missingNotice();
    }

    public Map<Mac, Seen> seenTimes() {
        Map<Mac, Seen> m = seen;
        if (m == null) {
            synchronized (this) {
                m = seen;
                if (m == null) {
                    m = new ConcurrentHashMap<>();
                    for (ObservationStore.Device d : observations.devices().values()) {
                        m.put(d.mac(), new Seen(d.firstSeen(), d.lastSeen()));
                    }
                    seen = m;
                }
            }
        }
        return m;
    }

    /**
     * Each lease with its tier and vendor. A lease object seen in the last classification (Kea's
     * reader hands back the same object while a lease is unchanged) keeps its ClassifiedLease when
     * tier and vendor are the same: a live screen's refresh then allocates only for what changed.
     */
    public List<ClassifiedLease> classify(KeaConfig config, List<Lease> leases) {
        Classified prev = lastClassified;
        List<ClassifiedLease> out = classify(config, leases, prev);
        if (prev.differs(out)) {
            lastClassified = Classified.of(out);
        }
        return out;
    }

    private List<ClassifiedLease> classify(KeaConfig config, List<Lease> leases, Classified prev) {
        TierClassifier tiers = new TierClassifier(config);
        List<ClassifiedLease> out = new ArrayList<>(leases.size());
        for (Lease l : leases) {
            Tier tier = tiers.classify(l);
            String vendor = oui.vendor(l.mac());
            ClassifiedLease before = prev.get(l.ip().value());
            boolean same = before != null && before.lease() == l && before.tier() == tier && Objects.equals(before.vendor(), vendor);
            out.add(same ? before : new ClassifiedLease(l, tier, vendor));
        }
        return out;
    }

    /** The last full classification, by address (sorted for a binary search). */
    private record Classified(long[] ips, ClassifiedLease[] leases) {
        static final Classified NONE = new Classified(new long[0], new ClassifiedLease[0]);

        static Classified of(List<ClassifiedLease> list) {
            ClassifiedLease[] a = list.toArray(new ClassifiedLease[0]);
            Arrays.sort(a, Comparator.comparingLong(cl -> cl.lease().ip().value()));
            long[] ips = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                ips[i] = a[i].lease().ip().value();
            }
            return new Classified(ips, a);
        }

        ClassifiedLease get(long ip) {
            int at = Arrays.binarySearch(ips, ip);
            return at >= 0 ? leases[at] : null;
        }

        /** False when {@code list} holds exactly these objects (nothing to remember anew). */
        boolean differs(List<ClassifiedLease> list) {
            if (list.size() != leases.length) {
                return true;
            }
            for (ClassifiedLease cl : list) {
                if (get(cl.lease().ip().value()) != cl) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The last list recorded in the cache, for opening "as of T" when Kea is down. */
    public Optional<LeaseSnapshot> cached() {
        return observations.lastSnapshot().map(s -> new LeaseSnapshot(s.at(), false, s.rows().stream()
                .map(r -> new ClassifiedLease(r.lease(), r.tier(), oui.vendor(r.lease().mac()))).toList()));
    }

    /** Current leases of one IP or MAC, straight from Kea (not recorded in the cache). */
    public LeaseSnapshot find(String ipOrMac) {
        KeaConfig config = kea.config();
        List<Lease> found;
        if (Ipv4.isValid(ipOrMac)) {
            found = kea.execute(new KeaCommands.Lease4Get(Ipv4.parse(ipOrMac))).map(List::of).orElse(List.of());
        } else {
            found = kea.execute(new KeaCommands.Lease4GetByHwAddress(Mac.parse(ipOrMac)));
        }
        found = found.stream().filter(l -> !KeaWriteLock.isLockLease(l)).toList(); // Kea's write lock is no device
        return new LeaseSnapshot(clock.instant(), true, classify(config, found, Classified.NONE), ReservedMacs.from(config),
                subnetLabels(config));
    }

    /** {@code shown} (leases of {@code snap}) as export rows: reserved from Kea's configuration, first/last seen from the cache. */
    public List<LeaseExport.Row> exportRows(LeaseSnapshot snap, List<ClassifiedLease> shown) {
        Map<Mac, Seen> times = seenTimes();
        return shown.stream().map(cl -> {
            Seen s = cl.lease().mac() == null ? null : times.get(cl.lease().mac());
            return new LeaseExport.Row(cl, snap.reserved(cl), s == null ? null : s.first(), s == null ? null : s.last());
        }).toList();
    }

    /** What the cache knows about one device: its first/last sighting and every change, oldest first. */
    public DeviceHistory deviceHistory(Mac mac) {
        return DeviceHistory.of(mac, observations);
    }

    /**
     * With several servers (the session's own service): {@link #release} deletes the lease on every
     * one of them (HA does not copy a lease4-del to the partner); one that missed it fails the
     * call with {@link PeerPending} naming it, the deletion pending for it in the offline queue.
     */
    public void releaseOnEvery(PeerDecisions peers) {
        this.everyServer = peers;
    }

    /** Deletes the lease in Kea; false when Kea had no lease for that address. Logged either way. */
    public boolean release(Ipv4 ip) {
        PeerDecisions peers = everyServer;
        if (peers != null) {
            PeerDecisions.FanOut<Boolean> f = peers.release(ip);
            PeerPending.firstOrThrow(f);
            if (!f.pendingSteps().isEmpty()) {
                throw new PeerPending("Released " + ip + " only in part: " + f.problem());
            }
            return f.steps().stream().anyMatch(st -> Boolean.TRUE.equals(st.result()));
        }
        Instant at = clock.instant();
        try {
            Optional<Lease> held = kea.execute(new KeaCommands.Lease4Get(ip));
            if (held.isPresent() && KeaWriteLock.isLockLease(held.get())) {
                throw new BadInput("IP", ip + " holds Gatehouse's write lock on Kea, not a device's lease; it is released by its holder");
            }
            boolean deleted = kea.execute(new KeaCommands.Lease4Del(ip));
            actions.append(at, "lease-release", ip.toString(), null, deleted ? "ok" : "no lease");
            return deleted;
        } catch (RuntimeException e) {
            actions.append(at, "lease-release", ip.toString(), null, "failed: " + e.getMessage());
            throw e;
        }
    }
}
