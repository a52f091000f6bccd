package org.gatehouse.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.model.ReservationEdit;

/**
 * The reservation editor (any class, optional fixed address) and bulk import, for the Reservations
 * screen and {@code gatehouse reservations}. One audit row per act.
 */
public class ReservationEditor {
    private final ReservationWrites w;
    private final MacBlocker blocker;
    private final OfflineQueue offline;

    ReservationEditor(ReservationWrites w, MacBlocker blocker, OfflineQueue offline) {
        this.w = w;
        this.blocker = blocker;
        this.offline = offline;
    }

    /** The same editor's parts, for {@link PeerReservationEditor} (which edits every server instead). */
    ReservationEditor(ReservationEditor same) {
        this(same.w, same.blocker, same.offline);
    }

    /** An edit waiting in the offline queue for Kea. */
    public record QueuedEdit(long id, Instant queuedAt, ReservationRequest request, String basis) {
        public String describe() {
            return request.describe();
        }
    }

    /** The reservation edits waiting in the offline queue, oldest first (read from the cache: works with Kea away). */
    public List<QueuedEdit> queuedEdits() {
        return offline.pending().stream().filter(a -> ReservationRequest.ADD.equals(a.kind()) || ReservationRequest.REMOVE.equals(a.kind()))
                .map(a -> new QueuedEdit(a.id(), a.queuedAt(), Replayers.reservationOf(a), a.basis())).toList();
    }

    /** Carries out one edit from the screen; a one-line account of what was done. */
    public String apply(ReservationRequest r) {
        if (r.isAdd()) {
            return reserveAndDescribe(r.mac(), r.clientClass(), r.ip(), r.hostname(), r.note(), r.subnetId());
        }
        ReservationWrite w = remove(r.mac(), r.subnetId());
        return w.written() ? "Removed the reservation of " + r.mac() : r.mac() + ": Kea had no such reservation";
    }

    /**
     * Queues an edit that found Kea unreachable (the user agreed), to be replayed only if the
     * reservations it depends on are still {@code basis} ({@link ReservationRequest#basis}: what the
     * user saw). An edit of the same reservations still waiting is superseded — cancelled, its basis
     * kept — so the user's last word is what replays, checked against what Kea last showed.
     */
    public QueuedAction queue(ReservationRequest r, String basis) {
        List<QueuedEdit> earlier = queuedEdits().stream().filter(q -> q.request().sameTarget(r)).toList();
        String keptBasis = earlier.isEmpty() ? basis : earlier.get(0).basis();
        QueuedAction queued = offline.enqueue(Replayers.reservation(r, keptBasis));
        for (QueuedEdit q : earlier) {
            offline.cancel(q.id(), "superseded by queued #" + queued.id());
        }
        return queued;
    }

    public List<HostReservation> list() {
        return w.reservations.list();
    }

    /** "config-set" or "host_cmds". */
    public String mechanism() {
        return w.reservations.mechanism();
    }

    /** The editor's rules from the configuration last read (reads it when none was yet). */
    public ReservationRules rules() {
        return new ReservationRules(w.config());
    }

    /** Add or replace: any known class, optional fixed address (inside the subnet, outside its pools). */
    public ReservationWrite reserve(Mac mac, String clientClass, Ipv4 ip, String hostname, String note, Long subnetId) {
        String cls = HostReservation.validClass(clientClass);
        String n = HostReservation.validNote(note);
        String h = HostReservation.validHostname(hostname);
        Instant at = w.clock.instant();
        Long given = subnetId == null && ip != null ? Long.valueOf(w.subnetFor(mac, null, ip, List.of())) : subnetId;
        return w.logged("reservation-add", mac, n, at, () -> {
            long sid = given != null ? given : w.subnetFor(mac, null, null, w.currentLeases(mac));
            HostReservation r = new HostReservation(mac, sid, List.of(cls), ip, h, new HostReservation.Stamp(w.actor, at, n));
            Reservations.Result result = w.write("reservation-add", mac, List.of(new ReservationEdit.Put(r)));
            w.actions.append(at, "reservation-add", mac.toString(), cls + (ip == null ? "" : " " + ip) + " subnet " + sid,
                    result.written() ? "ok" : "ok: already so");
            if (!HostReservation.DENIED.equals(cls)) {
                DecisionFlow.liftSwitchBlock(blocker, mac); // audited by the blocker; the Kea half stands either way
            }
            return ReservationWrite.of(result);
        });
    }

    /** {@link #reserve} for screens: a one-line account of what was done. */
    public String reserveAndDescribe(Mac mac, String clientClass, Ipv4 ip, String hostname, String note, Long subnetId) {
        ReservationWrite r = reserve(mac, clientClass, ip, hostname, note, subnetId);
        return r.written() ? "Saved " + mac + " as " + clientClass + " (persisted in Kea" + (r.merged() ? ", merged with another writer's change" : "")
                + ")" : mac + ": Kea already had it";
    }

    /** The MAC's reservation in one subnet, or in every subnet when none is named. */
    public ReservationWrite remove(Mac mac, Long subnetId) {
        Instant at = w.clock.instant();
        List<ReservationEdit> edits = w.logged("reservation-remove", mac, "", at, () -> w.reservationsOf(mac)).stream()
                .filter(r -> subnetId == null || r.subnetId() == subnetId)
                .<ReservationEdit>map(r -> new ReservationEdit.Remove(r.subnetId(), r.mac())).toList();
        if (edits.isEmpty()) {
            w.actions.append(at, "reservation-remove", mac.toString(), null, "no reservation");
            return ReservationWrite.nothing(w.reservations.mechanism());
        }
        Reservations.Result result = w.logged("reservation-remove", mac, "", at, () -> w.write("reservation-remove", mac, edits));
        w.actions.append(at, "reservation-remove", mac.toString(), null, result.written() ? "ok" : "ok: already so");
        return ReservationWrite.of(result);
    }

    /** Bulk import: every row validated against Kea's configuration first; all are written as one change, or none. */
    public ReservationWrite importAll(List<HostReservation> rows, String source) {
        Instant at = w.clock.instant();
        List<ReservationEdit> edits = new ArrayList<>();
        for (HostReservation r : rows) {
            HostReservation.Stamp s = r.stamp() == null ? new HostReservation.Stamp(w.actor, at, "imported from " + source)
                    : new HostReservation.Stamp(r.stamp().by().isEmpty() ? w.actor : r.stamp().by(),
                    r.stamp().at() == null ? at : r.stamp().at(), r.stamp().note());
            edits.add(new ReservationEdit.Put(r.withStamp(s)));
        }
        try {
            Reservations.Result result = w.reservations.apply(edits, "before import of " + rows.size() + " from " + source,
                    Reservations.OnConflict.FAIL);
            w.actions.append(at, "reservation-import", source, rows.size() + " rows", "ok: " + result.applied() + " written");
            return ReservationWrite.of(result);
        } catch (GatehouseException e) {
            w.actions.append(at, "reservation-import", source, rows.size() + " rows", "failed: " + e.getMessage());
            throw e;
        }
    }

    /**
     * Imports rows read from a file. Everything is checked first (each field, duplicates within
     * the file, and every row against Kea's configuration); any problem rejects the whole file
     * with all problems listed (exit 2) and nothing is written.
     */
    public ReservationWrite importRows(List<ReservationFiles.Row> rows, String source) {
        if (rows.isEmpty()) {
            throw new BadInput(source, "holds no reservations");
        }
        KeaConfig config = w.kea.config();
        List<String> problems = new ArrayList<>();
        List<ReservationEdit> edits = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Instant at = w.clock.instant();
        for (ReservationFiles.Row row : rows) {
            try {
                Mac mac = Mac.parse(row.mac());
                List<String> classes = new ArrayList<>();
                for (String c : row.cls().trim().split("\\s+")) {
                    classes.add(HostReservation.validClass(c));
                }
                Ipv4 ip = row.ip().isBlank() ? null : Ipv4.parse(row.ip());
                long subnet = SubnetRule.choose(config, null, subnetId(row), ip, List.of(), List.of());
                HostReservation r = new HostReservation(mac, subnet, classes, ip, HostReservation.validHostname(row.hostname()),
                        new HostReservation.Stamp(w.actor, at, HostReservation.validNote(row.note().isBlank()
                                ? "imported from " + source : row.note())));
                edits.add(new ReservationEdit.Put(r));
                labels.add(row.label());
            } catch (GatehouseException e) {
                problems.add(row.label() + ": " + e.getMessage());
            }
        }
        problems.addAll(ConfigEdits.problems(config, edits, labels));
        if (!problems.isEmpty()) {
            w.actions.append(at, "reservation-import", source, rows.size() + " rows", "refused: " + problems.size() + " problem(s)");
            throw new BadInput(source, problems.size() + " problem(s), nothing was written: " + String.join("; ", problems));
        }
        return importAll(edits.stream().map(e -> ((ReservationEdit.Put) e).reservation()).toList(), source);
    }

    /** {@link #importRows} for screens: a one-line account of what was done. */
    public String importAndDescribe(List<ReservationFiles.Row> rows, String source) {
        ReservationWrite r = importRows(rows, source);
        return "Imported " + source + ": " + r.applied() + " written, " + r.alreadySo() + " already so";
    }

    private static Long subnetId(ReservationFiles.Row row) {
        if (row.subnet().isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(row.subnet().trim());
        } catch (NumberFormatException e) {
            throw new BadInput("subnet", "'" + row.subnet() + "' is not a subnet id");
        }
    }
}
