package org.gatehouse.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaConflict;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.QueuedAction;

/**
 * The actions that can wait in the offline queue: {@code lease-release}, {@code config-restore},
 * {@code approve}, {@code deny}, {@code reservation-add} and {@code reservation-remove}. Each checks, before writing, that what the user decided on
 * still holds; otherwise it is a conflict and nothing is written.
 */
public final class Replayers {
    public static final String LEASE_RELEASE = "lease-release";
    public static final String CONFIG_RESTORE = "config-restore";
    public static final String APPROVE = DecisionFlow.APPROVE;
    public static final String DENY = DecisionFlow.DENY;
    /** The basis of a queued decision: the device was undecided (no reservation, or only aging's). */
    static final String UNDECIDED = "undecided";

    private Replayers() {
    }

    public static Map<String, OfflineQueue.Replayer> of(KeaClient kea, ConfigService configs) {
        Map<String, OfflineQueue.Replayer> m = new LinkedHashMap<>();
        m.put(LEASE_RELEASE, a -> releaseLease(kea, a));
        m.put(CONFIG_RESTORE, a -> restoreConfig(configs, a));
        return m;
    }

    /** The approve and deny replayers, for the map of {@link #of}. */
    public static Map<String, OfflineQueue.Replayer> decisions(KeaClient kea, Reservations reservations, DecisionFlow flow) {
        Map<String, OfflineQueue.Replayer> m = new LinkedHashMap<>();
        m.put(APPROVE, a -> checkedAndWritten(kea, a, () -> decide(reservations, flow, a, HostReservation.REGISTERED)));
        m.put(DENY, a -> checkedAndWritten(kea, a, () -> decide(reservations, flow, a, HostReservation.DENIED)));
        return m;
    }

    /**
     * Runs a replay's check and its write under Kea's write lock (re-entrant in this thread), so that
     * no other Gatehouse writer changes the device between the check and the write.
     */
    private static OfflineQueue.Done checkedAndWritten(KeaClient kea, QueuedAction a, java.util.function.Supplier<OfflineQueue.Done> work) {
        return kea.writeLock().holding("replay queued #" + a.id(), work);
    }

    /** The reservation editor's replayers (add and remove), for the map of {@link #of}. */
    public static Map<String, OfflineQueue.Replayer> reservationEdits(KeaClient kea, Reservations reservations, ReservationEditor editor) {
        Map<String, OfflineQueue.Replayer> m = new LinkedHashMap<>();
        m.put(ReservationRequest.ADD, a -> checkedAndWritten(kea, a, () -> editReservation(reservations, editor, a)));
        m.put(ReservationRequest.REMOVE, a -> checkedAndWritten(kea, a, () -> editReservation(reservations, editor, a)));
        return m;
    }

    /** The fields of a queued reservation edit besides kind, MAC and note. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record ReservationFields(String clientClass, String ip, String hostname, Long subnetId) {
    }

    /** A reservation edit taken while Kea was unreachable; {@code basis}: the MAC's reservations as the user saw them. */
    static OfflineQueue.Request reservation(ReservationRequest r, String basis) {
        String payload;
        try {
            payload = JSON.writeValueAsString(new ReservationFields(r.clientClass(), r.ip() == null ? null : r.ip().toString(), r.hostname(),
                    r.subnetId()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new OfflineQueue.Request(r.kind(), r.mac().toString(), r.mac(), payload, basis, r.note());
    }

    /** The edit a queued action stands for, every field as it was asked. */
    static ReservationRequest reservationOf(QueuedAction a) {
        ReservationFields f;
        try {
            f = JSON.readValue(a.payload() == null ? "{}" : a.payload(), ReservationFields.class);
        } catch (JsonProcessingException e) {
            throw new BadInput("queued action", "#" + a.id() + " has an unreadable payload: " + e.getOriginalMessage());
        }
        Mac mac = Mac.parse(a.target());
        return ReservationRequest.ADD.equals(a.kind())
                ? ReservationRequest.add(mac, f.clientClass(), f.ip() == null ? null : Ipv4.parse(f.ip()), f.hostname(), a.note(), f.subnetId())
                : ReservationRequest.remove(mac, f.subnetId(), a.note());
    }

    static OfflineQueue.Done editReservation(Reservations reservations, ReservationEditor editor, QueuedAction a) {
        ReservationRequest r = reservationOf(a);
        String now = r.basis(reservations.list());
        if (!now.equals(a.basis())) {
            throw new KeaConflict(a.kind(), r.mac() + "'s reservations are now \"" + now + "\", not \"" + a.basis()
                    + "\" as when the edit was queued (someone changed them meanwhile); nothing was written");
        }
        String done = editor.apply(r);
        return new OfflineQueue.Done(now, r.basis(reservations.list()), done);
    }

    /**
     * The fields of a queued decision besides MAC and note, kept so that the replay decides exactly
     * what was asked. {@code switchDone}: owed to one of several servers whose decision already
     * blocked (or unblocked) on the switch, or whose other entry will: the replay is the Kea half only.
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record DecisionFields(String hostname, Long subnetId, boolean block, boolean switchDone) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A decision taken while Kea was unreachable, on a device the user saw undecided; every field is kept for the replay. */
    static OfflineQueue.Request decision(DecisionFlow.Decision d) {
        return decision(d, false);
    }

    /** {@link #decision}; {@code switchDone}: its switch half is done elsewhere (another server's part of the same decision). */
    static OfflineQueue.Request decision(DecisionFlow.Decision d, boolean switchDone) {
        String payload;
        try {
            payload = JSON.writeValueAsString(new DecisionFields(d.hostname(), d.subnetId(), d.block(), switchDone));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new OfflineQueue.Request(d.kind(), d.mac().toString(), d.mac(), payload, UNDECIDED, d.note());
    }

    /** The decision a queued action stands for (a payload-less one, queued by an older Gatehouse, has MAC and note only). */
    static DecisionFlow.Decision decisionOf(QueuedAction a) {
        Mac mac = Mac.parse(a.target());
        DecisionFields f = decisionFields(a);
        return APPROVE.equals(a.kind()) ? DecisionFlow.Decision.approve(mac, a.note(), f.hostname(), f.subnetId())
                : DecisionFlow.Decision.deny(mac, a.note(), f.block(), f.subnetId());
    }

    private static DecisionFields decisionFields(QueuedAction a) {
        if (a.payload() == null || a.payload().isBlank()) {
            return new DecisionFields("", null, false, false);
        }
        try {
            return JSON.readValue(a.payload(), DecisionFields.class);
        } catch (JsonProcessingException e) {
            throw new BadInput("queued action", "#" + a.id() + " has an unreadable payload: " + e.getOriginalMessage());
        }
    }

    static OfflineQueue.Done decide(Reservations reservations, DecisionFlow flow, QueuedAction a, String wanted) {
        DecisionFlow.Decision d = decisionOf(a);
        Mac mac = d.mac();
        String now = reservations.list().stream().filter(r -> r.mac().equals(mac)).map(HostReservation::decisionClass)
                .filter(c -> c != null).findFirst().orElse("none");
        boolean undecided = now.equals("none") || now.equals(HostReservation.OLD_UNREGISTERED);
        if (!undecided && !now.equals(wanted)) {
            throw new KeaConflict(a.kind(), mac + " is now " + now + " (someone decided meanwhile), not undecided as when "
                    + a.kind() + " was queued; nothing was written");
        }
        return new OfflineQueue.Done(now, wanted, DecisionFlow.summary(flow.decide(d, !decisionFields(a).switchDone())));
    }

    /** The basis of a queued lease release: the MAC that held the address when the user decided ("none" if free). */
    public static OfflineQueue.Request leaseRelease(Ipv4 ip, String heldBy, String note) {
        return new OfflineQueue.Request(LEASE_RELEASE, ip.toString(), null, null, heldBy == null ? "none" : heldBy, note);
    }

    /** The basis of a queued restore: the fingerprint of the configuration the user compared against. */
    public static OfflineQueue.Request configRestore(long snapshotId, String basisFingerprint, String note) {
        return new OfflineQueue.Request(CONFIG_RESTORE, "snapshot #" + snapshotId, null, Long.toString(snapshotId), basisFingerprint, note);
    }

    static OfflineQueue.Done releaseLease(KeaClient kea, QueuedAction a) {
        Ipv4 ip = Ipv4.parse(a.target());
        Optional<Lease> now = kea.execute(new KeaCommands.Lease4Get(ip));
        String holder = now.map(l -> l.mac() == null ? "unknown" : l.mac().toString()).orElse("none");
        if (!holder.equals(a.basis())) {
            throw new KeaConflict(LEASE_RELEASE, ip + " is now held by " + holder + ", not " + a.basis()
                    + " as when the release was queued; nothing was deleted");
        }
        boolean deleted = now.isPresent() && kea.execute(new KeaCommands.Lease4Del(ip));
        return new OfflineQueue.Done(holder, deleted ? "released" : "none", deleted ? "lease deleted" : "Kea had no lease");
    }

    static OfflineQueue.Done restoreConfig(ConfigService configs, QueuedAction a) {
        long id;
        try {
            id = Long.parseLong(a.payload());
        } catch (NumberFormatException e) {
            throw new BadInput("queued action", "#" + a.id() + " names no snapshot");
        }
        ConfigService.Restored r = configs.apply(id, a.basis(), "queued #" + a.id());
        return new OfflineQueue.Done(r.fingerprintBefore(), r.fingerprintAfter(), ConfigService.detail(r, null));
    }

    /** For screens: whether an action of this kind can be replayed here. */
    public static boolean known(QueuedAction a) {
        return LEASE_RELEASE.equals(a.kind()) || CONFIG_RESTORE.equals(a.kind()) || APPROVE.equals(a.kind()) || DENY.equals(a.kind())
                || ReservationRequest.ADD.equals(a.kind()) || ReservationRequest.REMOVE.equals(a.kind())
                || SiteAgingOnEvery.REPLAY_KIND.equals(a.kind());
    }
}
