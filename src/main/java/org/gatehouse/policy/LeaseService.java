package org.gatehouse.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.ObservationStore;

/**
 * The "observe" flow: fetch every lease and the configuration from Kea, classify each lease into
 * its tier, record what was seen in the cache, and hand back the result. Also the lease actions.
 */
public final class LeaseService {
    private final KeaClient kea;
    private final ObservationStore observations;
    private final ActionLog actions;
    private final OuiRegistry oui;
    private final Clock clock;

    public LeaseService(KeaClient kea, ObservationStore observations, ActionLog actions, OuiRegistry oui, Clock clock) {
        this.kea = kea;
        this.observations = observations;
        this.actions = actions;
        this.oui = oui;
        this.clock = clock;
    }

    /** A lease list and when it was true; {@code live} is false when it came from the cache. */
    public record LeaseSnapshot(Instant asOf, boolean live, List<ClassifiedLease> leases) {
        public List<ClassifiedLease> filter(LeaseFilter f) {
            return leases.stream().filter(f::matches).toList();
        }
    }

    /** Fetches from Kea and records the observation; throws a KeaException when Kea cannot be read. */
    public LeaseSnapshot refresh() {
        KeaConfig config = kea.config();
        List<Lease> leases = kea.allLeases();
        Instant at = clock.instant();
        List<ClassifiedLease> classified = classify(config, leases);
        observations.record(classified, at);
        return new LeaseSnapshot(at, true, classified);
    }

    public List<ClassifiedLease> classify(KeaConfig config, List<Lease> leases) {
        TierClassifier tiers = new TierClassifier(config);
        List<ClassifiedLease> out = new ArrayList<>(leases.size());
        for (Lease l : leases) {
            out.add(new ClassifiedLease(l, tiers.classify(l), oui.vendor(l.mac())));
        }
        return out;
    }

    /** The last list recorded in the cache, for opening "as of T" when Kea is down. */
    public Optional<LeaseSnapshot> cached() {
        return observations.lastSnapshot().map(s -> new LeaseSnapshot(s.at(), false, s.rows().stream()
                .map(r -> new ClassifiedLease(r.lease(), r.tier(), oui.vendor(r.lease().mac()))).toList()));
    }

    /** Current leases of one IP or MAC, straight from Kea. */
    public List<ClassifiedLease> find(String ipOrMac) {
        KeaConfig config = kea.config();
        List<Lease> found;
        if (Ipv4.isValid(ipOrMac)) {
            found = kea.execute(new KeaCommands.Lease4Get(Ipv4.parse(ipOrMac))).map(List::of).orElse(List.of());
        } else {
            found = kea.execute(new KeaCommands.Lease4GetByHwAddress(Mac.parse(ipOrMac)));
        }
        return classify(config, found);
    }

    public List<ObservationStore.HistoryEntry> history(Mac mac) {
        return observations.history(mac);
    }

    public Optional<ObservationStore.Device> device(Mac mac) {
        return observations.device(mac);
    }

    /** Deletes the lease in Kea; false when Kea had no lease for that address. Logged either way. */
    public boolean release(Ipv4 ip) {
        Instant at = clock.instant();
        try {
            boolean deleted = kea.execute(new KeaCommands.Lease4Del(ip));
            actions.append(at, "lease-release", ip.toString(), null, deleted ? "ok" : "no lease");
            return deleted;
        } catch (RuntimeException e) {
            actions.append(at, "lease-release", ip.toString(), null, "failed: " + e.getMessage());
            throw e;
        }
    }
}
