package org.gatehouse.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.store.ObservationStore;

/** What the cache knows about one device: its first/last sighting and every change, oldest first. */
public record DeviceHistory(Mac mac, Optional<Sighting> device, List<Change> changes) {

    /** When the device was first and last seen, and how often. */
    public record Sighting(Instant firstSeen, Instant lastSeen, String lastIp, String lastHostname, Tier lastTier, int timesSeen) {
        static Sighting of(ObservationStore.Device d) {
            return new Sighting(d.firstSeen(), d.lastSeen(), d.lastIp(), d.lastHostname(), d.lastTier(), d.timesSeen());
        }
    }

    /** One recorded change of address, state or tier. */
    public record Change(Instant at, String ip, long subnetId, String state, Tier tier, String hostname, Instant expires) {
        static Change of(ObservationStore.HistoryEntry h) {
            return new Change(h.at(), h.ip(), h.subnetId(), h.state(), h.tier(), h.hostname(), h.expires());
        }
    }

    static DeviceHistory of(Mac mac, ObservationStore observations) {
        return new DeviceHistory(mac, observations.device(mac).map(Sighting::of),
                observations.history(mac).stream().map(Change::of).toList());
    }
}
