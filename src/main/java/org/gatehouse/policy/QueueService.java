package org.gatehouse.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.store.ObservationStore;

/**
 * The approval queue: devices holding a lease in an unregistered tier that nobody approved or
 * denied. One config-get and one lease listing per refresh; the observation is recorded in the
 * cache on the way (that is where "first seen" comes from).
 */
public final class QueueService {
    private final KeaClient kea;
    private final LeaseService leases;
    private final ObservationStore observations;
    private final Reservations reservations;
    private final Clock clock;
    /** Set when this session has several servers: the queue then holds the devices of every one. */
    private volatile KeaServers every;

    public QueueService(KeaClient kea, LeaseService leases, ObservationStore observations, Reservations reservations, Clock clock) {
        this.kea = kea;
        this.leases = leases;
        this.observations = observations;
        this.reservations = reservations;
        this.clock = clock;
    }

    /** One device waiting for a decision. {@code aged} is true when the aging service already moved it to old-unregistered. */
    public record Entry(Mac mac, String ip, String hostname, String vendor, Tier tier, long subnetId, Instant firstSeen,
                        Instant lastSeen, int timesSeen, boolean aged) {
        public Duration inQueue(Instant now) {
            return Duration.between(firstSeen, now).isNegative() ? Duration.ZERO : Duration.between(firstSeen, now);
        }
    }

    /**
     * A queue as of {@code asOf}, plus every device's current tier and every reservation,
     * so the screen can show a tick when an approved device reappears in the registered pool.
     * {@code several}: with several servers, the read of every server it was built from (else null).
     */
    public record Snapshot(Instant asOf, List<Entry> entries, Map<Mac, Tier> currentTier, List<HostReservation> reservations,
                           List<ClassifiedLease> leases, MergedLeases.Read several) {
        /** "server2 (…) unreachable: …" for each server whose devices are missing from this queue. */
        public List<String> unreachable() {
            return several == null ? List.of() : several.unreachable();
        }
    }

    /**
     * With several servers (the session's own service): {@link #refresh} reads every server, so
     * the queue holds the devices of each (independent servers: each building's), merged by
     * address; a device decided on any server is not waiting.
     */
    public void readEvery(KeaServers servers) {
        this.every = servers;
    }

    public Snapshot refresh() {
        KeaServers several = every;
        if (several != null) {
            MergedLeases.Read read = MergedLeases.fetch(several);
            List<HostReservation> reserved = new ArrayList<>();
            for (MergedLeases.ServerRead r : read.servers()) {
                reserved.addAll(r.server().reservations().listFrom(r.config()));
            }
            return build(read.at(), read.classified(), reserved, read);
        }
        KeaConfig config = kea.config();
        List<Lease> all = kea.allLeases();
        Instant at = clock.instant();
        List<ClassifiedLease> classified = leases.classify(config, all);
        observations.record(classified, at);
        List<HostReservation> reserved = reservations.listFrom(config);
        return build(at, classified, reserved, null);
    }

    Snapshot build(Instant at, List<ClassifiedLease> classified, List<HostReservation> reserved, MergedLeases.Read several) {
        Map<Mac, HostReservation> decided = new HashMap<>();
        Map<String, HostReservation> bySubnet = new HashMap<>();
        for (HostReservation r : reserved) {
            if (r.isDecision()) {
                decided.put(r.mac(), r);
            }
            bySubnet.put(r.subnetId() + "/" + r.mac(), r);
        }
        Map<Mac, ObservationStore.Device> devices = observations.devices();
        Map<Mac, Tier> tiers = new HashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (ClassifiedLease cl : classified) {
            Lease l = cl.lease();
            if (l.mac() == null || l.state() != LeaseState.DEFAULT) {
                continue;
            }
            tiers.put(l.mac(), cl.tier());
            if (!cl.tier().isUnregistered() || decided.containsKey(l.mac())) {
                continue;
            }
            ObservationStore.Device d = devices.get(l.mac());
            HostReservation own = bySubnet.get(l.subnetId() + "/" + l.mac());
            entries.add(new Entry(l.mac(), l.ip().toString(), l.hostname(), cl.vendor(), cl.tier(), l.subnetId(),
                    d == null ? at : d.firstSeen(), d == null ? at : d.lastSeen(), d == null ? 1 : d.timesSeen(),
                    own != null && own.clientClasses().contains(HostReservation.OLD_UNREGISTERED)));
        }
        entries.sort(Comparator.comparing(Entry::firstSeen).thenComparing(Entry::mac));
        return new Snapshot(at, entries, tiers, reserved, classified, several);
    }
}
