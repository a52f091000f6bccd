package org.gatehouse.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaException;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;
import org.gatehouse.model.Tier;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.PendingLeaseDeletes;

/**
 * The "decide" flow: approve, deny, unregister, and the reservation editor's operations. Input
 * arrives typed (a bad MAC never gets here); each step reports its own outcome and every outcome,
 * success or failure, is logged. A reservation whose lease deletion failed is kept as pending and
 * retried (by the next decision, the aging service, or the queue screen), never dropped.
 */
public final class DecisionService {
    private final KeaClient kea;
    private final Reservations reservations;
    private final ActionLog actions;
    private final PendingLeaseDeletes pending;
    private final MacBlocker blocker;
    private final Clock clock;
    private final String actor;

    public DecisionService(KeaClient kea, Reservations reservations, ActionLog actions, PendingLeaseDeletes pending,
                           MacBlocker blocker, Clock clock, String actor) {
        this.kea = kea;
        this.reservations = reservations;
        this.actions = actions;
        this.pending = pending;
        this.blocker = blocker;
        this.clock = clock;
        this.actor = actor;
    }

    public String actor() {
        return actor;
    }

    public boolean canBlock() {
        return blocker.configured();
    }

    public String mechanism() {
        return reservations.mechanism();
    }

    /** Reserve into {@code registered}, then delete the device's unregistered lease so the address is free at once. */
    public DecisionReport approve(Mac mac, String note, String hostname, Long subnetId) {
        String n = HostReservation.validNote(note);
        String h = HostReservation.validHostname(hostname);
        Instant at = clock.instant();
        return logged("approve", mac, n, at, () -> {
            retryPending();
            List<Lease> leases = currentLeases(mac);
            long subnet = resolveSubnet(mac, subnetId, leases);
            HostReservation r = new HostReservation(mac, subnet, List.of(HostReservation.REGISTERED), null, h,
                    new HostReservation.Stamp(actor, at, n));
            Reservations.Result result = write("approve", mac, n, List.of(new ReservationEdit.Put(r)), at);
            List<DecisionReport.LeaseStep> steps = deleteUnregisteredLeases(mac, subnet, leases, at);
            DecisionReport report = new DecisionReport("approve", mac, subnet, result, steps, liftSwitchBlock(mac));
            actions.append(at, "approve", mac.toString(), detail(n, subnet), summary(report));
            return report;
        });
    }

    /**
     * Reserve into {@code denied} (Kea then gives no address: no OFFER, a NAK at the next renewal)
     * and, when asked or when a switch is configured, block the MAC there. Asking to block without
     * a switch is refused before anything is sent.
     */
    public DecisionReport deny(Mac mac, String note, boolean block, Long subnetId) {
        String n = HostReservation.validNote(note);
        if (block && !blocker.configured()) {
            throw new BadInput("--block", "no switch is configured, so Gatehouse cannot block " + mac
                    + "; configure one (--switch ssh://user@host) or deny without --block (Kea alone then refuses it an address)");
        }
        Instant at = clock.instant();
        Reservations.Result result;
        long subnet;
        try {
            List<Lease> leases = currentLeases(mac);
            subnet = resolveSubnet(mac, subnetId, leases);
            HostReservation r = new HostReservation(mac, subnet, List.of(HostReservation.DENIED), null, "",
                    new HostReservation.Stamp(actor, at, n));
            result = write("deny", mac, n, List.of(new ReservationEdit.Put(r)), at);
        } catch (GatehouseException e) {
            actions.append(at, "deny", mac.toString(), n.isEmpty() ? null : "note: " + n, "failed (exit " + e.exitCode() + "): " + e.getMessage());
            throw e;
        }
        DecisionReport.Step blockStep = DecisionReport.Step.notRequested();
        if (block || blocker.configured()) {
            // The blocker audits its own act (one switch-block row per block, whoever asked).
            blockStep = switchStep(() -> blocker.block(mac, n));
        }
        DecisionReport report = new DecisionReport("deny", mac, subnet, result, List.of(), blockStep);
        actions.append(at, "deny", mac.toString(), detail(n, subnet), summary(report));
        return report;
    }

    /** Removes every reservation of the MAC (approve, deny or aging undone) and lifts a switch block. */
    public DecisionReport unregister(Mac mac) {
        Instant at = clock.instant();
        List<HostReservation> mine = logged("unregister", mac, "", at,
                () -> reservations.list().stream().filter(r -> r.mac().equals(mac)).toList());
        Reservations.Result result;
        long subnet = mine.isEmpty() ? 0 : mine.get(0).subnetId();
        if (mine.isEmpty()) {
            result = new Reservations.Result(List.of(), false, false, reservations.mechanism());
        } else {
            List<ReservationEdit> edits = mine.stream().<ReservationEdit>map(r -> new ReservationEdit.Remove(r.subnetId(), r.mac())).toList();
            result = logged("unregister", mac, "", at, () -> write("unregister", mac, "", edits, at));
        }
        DecisionReport.Step unblock = liftSwitchBlock(mac);
        pending.clear(mac); // undone: an owed deletion of its unregistered lease no longer applies
        DecisionReport report = new DecisionReport("unregister", mac, subnet, result, List.of(), unblock);
        actions.append(at, "unregister", mac.toString(), mine.isEmpty() ? "had no reservation" : null, summary(report));
        return report;
    }

    /**
     * Takes a decision back (the queue's Undo): the MAC's reservations become what they were
     * before it, {@code before} (an aged device gets its {@code old-unregistered} one back); with
     * none before, this is {@link #unregister}. Owed lease deletions of the MAC are dropped, and
     * a switch block is lifted unless the earlier state was itself a deny.
     */
    public DecisionReport undo(Mac mac, List<HostReservation> before) {
        if (before.isEmpty()) {
            return unregister(mac);
        }
        Instant at = clock.instant();
        List<HostReservation> now = logged("undo", mac, "", at,
                () -> reservations.list().stream().filter(r -> r.mac().equals(mac)).toList());
        List<ReservationEdit> edits = new ArrayList<>();
        for (HostReservation r : now) {
            if (before.stream().noneMatch(b -> b.subnetId() == r.subnetId())) {
                edits.add(new ReservationEdit.Remove(r.subnetId(), mac));
            }
        }
        before.forEach(b -> edits.add(new ReservationEdit.Put(b)));
        Reservations.Result result = logged("undo", mac, "", at, () -> write("undo", mac, "", edits, at));
        pending.clear(mac);
        boolean wasDenied = before.stream().anyMatch(b -> b.clientClasses().contains(HostReservation.DENIED));
        DecisionReport.Step unblock = wasDenied ? DecisionReport.Step.notRequested() : liftSwitchBlock(mac);
        DecisionReport report = new DecisionReport("undo", mac, before.get(0).subnetId(), result, List.of(), unblock);
        actions.append(at, "undo", mac.toString(), "restored " + before.stream()
                .map(b -> String.join(",", b.clientClasses()) + " in subnet " + b.subnetId()).toList(), summary(report));
        return report;
    }

    /** The editor's add/edit: any known class, optional fixed address (inside the subnet, outside its pools). */
    public Reservations.Result reserve(Mac mac, String clientClass, Ipv4 ip, String hostname, String note, Long subnetId) {
        String cls = HostReservation.validClass(clientClass);
        String n = HostReservation.validNote(note);
        String h = HostReservation.validHostname(hostname);
        Instant at = clock.instant();
        Long subnet = subnetId;
        if (subnet == null && ip != null) {
            KeaConfig c = kea.config();
            subnet = c.subnets().stream().filter(s -> s.prefix().contains(ip)).map(KeaConfig.Subnet::id).findFirst()
                    .orElseThrow(() -> new BadInput("IP", ip + " is in none of Kea's subnets"));
        }
        Long given = subnet;
        return logged("reservation-add", mac, n, at, () -> {
            long sid = given != null ? given : resolveSubnet(mac, null, currentLeases(mac));
            HostReservation r = new HostReservation(mac, sid, List.of(cls), ip, h, new HostReservation.Stamp(actor, at, n));
            Reservations.Result result = write("reservation-add", mac, n, List.of(new ReservationEdit.Put(r)), at);
            actions.append(at, "reservation-add", mac.toString(), cls + (ip == null ? "" : " " + ip) + " subnet " + sid,
                    result.written() ? "ok" : "ok: already so");
            if (!HostReservation.DENIED.equals(cls)) {
                liftSwitchBlock(mac); // logged; the Kea half stands either way
            }
            return result;
        });
    }

    /** The editor's remove: the MAC's reservation in one subnet, or in every subnet when none is named. */
    public Reservations.Result remove(Mac mac, Long subnetId) {
        Instant at = clock.instant();
        List<ReservationEdit> edits = logged("reservation-remove", mac, "", at, () -> reservations.list()).stream()
                .filter(r -> r.mac().equals(mac) && (subnetId == null || r.subnetId() == subnetId))
                .<ReservationEdit>map(r -> new ReservationEdit.Remove(r.subnetId(), r.mac())).toList();
        if (edits.isEmpty()) {
            actions.append(at, "reservation-remove", mac.toString(), null, "no reservation");
            return new Reservations.Result(List.of(), false, false, reservations.mechanism());
        }
        Reservations.Result result = logged("reservation-remove", mac, "", at, () -> write("reservation-remove", mac, "", edits, at));
        actions.append(at, "reservation-remove", mac.toString(), null, result.written() ? "ok" : "ok: already so");
        return result;
    }

    /** Bulk import: every row validated against Kea's configuration first; all are written as one change, or none. */
    public Reservations.Result importAll(List<HostReservation> rows, String source) {
        Instant at = clock.instant();
        List<ReservationEdit> edits = new ArrayList<>();
        for (HostReservation r : rows) {
            HostReservation.Stamp s = r.stamp() == null ? new HostReservation.Stamp(actor, at, "imported from " + source)
                    : new HostReservation.Stamp(r.stamp().by().isEmpty() ? actor : r.stamp().by(),
                    r.stamp().at() == null ? at : r.stamp().at(), r.stamp().note());
            edits.add(new ReservationEdit.Put(r.withStamp(s)));
        }
        try {
            Reservations.Result result = reservations.apply(edits, "before import of " + rows.size() + " from " + source,
                    Reservations.OnConflict.FAIL);
            actions.append(at, "reservation-import", source, rows.size() + " rows", "ok: " + result.applied() + " written");
            return result;
        } catch (GatehouseException e) {
            actions.append(at, "reservation-import", source, rows.size() + " rows", "failed: " + e.getMessage());
            throw e;
        }
    }

    /**
     * Imports rows read from a file. Everything is checked first (each field, duplicates within
     * the file, and every row against Kea's configuration); any problem rejects the whole file
     * with all problems listed (exit 2) and nothing is written.
     */
    public Reservations.Result importRows(List<ReservationFiles.Row> rows, String source) {
        if (rows.isEmpty()) {
            throw new BadInput(source, "holds no reservations");
        }
        KeaConfig config = kea.config();
        List<String> problems = new ArrayList<>();
        List<ReservationEdit> edits = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Instant at = clock.instant();
        for (ReservationFiles.Row row : rows) {
            try {
                Mac mac = Mac.parse(row.mac());
                List<String> classes = new ArrayList<>();
                for (String c : row.cls().trim().split("\\s+")) {
                    classes.add(HostReservation.validClass(c));
                }
                Ipv4 ip = row.ip().isBlank() ? null : Ipv4.parse(row.ip());
                Long subnet = null;
                if (!row.subnet().isBlank()) {
                    try {
                        subnet = Long.parseLong(row.subnet().trim());
                    } catch (NumberFormatException e) {
                        throw new BadInput("subnet", "'" + row.subnet() + "' is not a subnet id");
                    }
                } else if (ip != null) {
                    subnet = config.subnets().stream().filter(s -> s.prefix().contains(ip)).map(KeaConfig.Subnet::id).findFirst()
                            .orElseThrow(() -> new BadInput("IP", ip + " is in none of Kea's subnets"));
                } else if (config.subnets().size() == 1) {
                    subnet = config.subnets().get(0).id();
                } else {
                    throw new BadInput("subnet", "no subnet given and Kea has " + config.subnets().size() + " subnets");
                }
                HostReservation r = new HostReservation(mac, subnet, classes, ip, HostReservation.validHostname(row.hostname()),
                        new HostReservation.Stamp(actor, at, HostReservation.validNote(row.note().isBlank()
                                ? "imported from " + source : row.note())));
                edits.add(new ReservationEdit.Put(r));
                labels.add(row.label());
            } catch (GatehouseException e) {
                problems.add(row.label() + ": " + e.getMessage());
            }
        }
        problems.addAll(org.gatehouse.kea.ConfigEdits.problems(config, edits, labels));
        if (!problems.isEmpty()) {
            actions.append(at, "reservation-import", source, rows.size() + " rows", "refused: " + problems.size() + " problem(s)");
            throw new BadInput(source, problems.size() + " problem(s), nothing was written: " + String.join("; ", problems));
        }
        return importAll(edits.stream().map(e -> ((ReservationEdit.Put) e).reservation()).toList(), source);
    }

    /** {@link #reserve} for screens: a one-line account of what was done. */
    public String reserveAndDescribe(Mac mac, String clientClass, Ipv4 ip, String hostname, String note, Long subnetId) {
        Reservations.Result r = reserve(mac, clientClass, ip, hostname, note, subnetId);
        return r.written() ? "Saved " + mac + " as " + clientClass + " (persisted in Kea" + (r.merged() ? ", merged with another writer's change" : "")
                + ")" : mac + ": Kea already had it";
    }

    /** {@link #importRows} for screens: a one-line account of what was done. */
    public String importAndDescribe(List<ReservationFiles.Row> rows, String source) {
        Reservations.Result r = importRows(rows, source);
        return "Imported " + source + ": " + r.applied() + " written, " + (r.outcomes().size() - r.applied()) + " already so";
    }

    public List<HostReservation> list() {
        return reservations.list();
    }

    public KeaConfig lastConfig() {
        return reservations.lastConfig();
    }

    /** The editor's rules from the configuration last read (reads it when none was yet). */
    public ReservationRules rules() {
        KeaConfig c = reservations.lastConfig();
        return new ReservationRules(c != null ? c : kea.config());
    }

    /** Retries lease deletions left over from approvals; returns what is still pending. */
    public List<PendingLeaseDeletes.Pending> retryPending() {
        List<PendingLeaseDeletes.Pending> left = new ArrayList<>();
        for (PendingLeaseDeletes.Pending p : pending.all()) {
            Instant at = clock.instant();
            try {
                // By now the address may have gone to another guest: delete only the lease of the device we approved.
                java.util.Optional<Lease> now = kea.execute(new KeaCommands.Lease4Get(p.ip()));
                if (now.isPresent() && !p.mac().equals(now.get().mac())) {
                    pending.done(p.mac(), p.ip());
                    actions.append(at, "lease-delete-retry", p.mac().toString(), p.ip().toString(),
                            "ok: address now held by another device (" + now.get().mac() + "); nothing deleted");
                    continue;
                }
                boolean deleted = now.isPresent() && kea.execute(new KeaCommands.Lease4Del(p.ip()));
                pending.done(p.mac(), p.ip());
                actions.append(at, "lease-delete-retry", p.mac().toString(), p.ip().toString(), deleted ? "ok" : "ok: no lease");
            } catch (KeaException e) {
                pending.failed(p.mac(), p.ip(), p.subnetId(), at, e.getMessage());
                left.add(p);
                if (e.exitCode() == 3) {
                    break;
                }
            }
        }
        return left;
    }

    public List<PendingLeaseDeletes.Pending> pending() {
        return pending.all();
    }

    private Reservations.Result write(String action, Mac mac, String note, List<ReservationEdit> edits, Instant at) {
        return reservations.apply(edits, "before " + action + " " + mac, Reservations.OnConflict.FAIL);
    }

    /** Runs a decision; any failure is logged with its exit code before it reaches the caller. */
    private <T> T logged(String action, Mac mac, String note, Instant at, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (GatehouseException e) {
            actions.append(at, action, mac.toString(), note == null || note.isEmpty() ? null : "note: " + note,
                    "failed (exit " + e.exitCode() + "): " + e.getMessage());
            throw e;
        }
    }

    private List<Lease> currentLeases(Mac mac) {
        try {
            return kea.execute(new KeaCommands.Lease4GetByHwAddress(mac)).stream()
                    .filter(l -> l.state() == LeaseState.DEFAULT).toList();
        } catch (org.gatehouse.kea.KeaUnsupported noLeaseCmds) {
            return List.of();
        }
    }

    /** Which subnet the reservation goes into: as given, else the device's lease, its reservation, or the only subnet. */
    private long resolveSubnet(Mac mac, Long given, List<Lease> leases) {
        if (given != null) {
            return given;
        }
        Set<Long> fromLeases = new LinkedHashSet<>();
        leases.forEach(l -> fromLeases.add(l.subnetId()));
        if (fromLeases.size() == 1) {
            return fromLeases.iterator().next();
        }
        Set<Long> fromReservations = new LinkedHashSet<>();
        reservations.list().stream().filter(r -> r.mac().equals(mac)).forEach(r -> fromReservations.add(r.subnetId()));
        if (fromReservations.size() == 1) {
            return fromReservations.iterator().next();
        }
        KeaConfig c = reservations.lastConfig() != null ? reservations.lastConfig() : kea.config();
        if (fromLeases.isEmpty() && c.subnets().size() == 1) {
            return c.subnets().get(0).id();
        }
        throw new BadInput("subnet", mac + (fromLeases.size() > 1 ? " holds leases in several subnets " + fromLeases
                : " has no lease and Kea has " + c.subnets().size() + " subnets") + "; name one with --subnet ID");
    }

    private List<DecisionReport.LeaseStep> deleteUnregisteredLeases(Mac mac, long subnet, List<Lease> leases, Instant at) {
        KeaConfig c = reservations.lastConfig();
        TierClassifier tiers = c == null ? null : new TierClassifier(c);
        List<DecisionReport.LeaseStep> out = new ArrayList<>();
        for (Lease l : leases) {
            if (l.subnetId() != subnet) {
                continue;
            }
            if (tiers != null && tiers.classify(l) == Tier.REGISTERED) {
                out.add(new DecisionReport.LeaseStep(l.ip(), new DecisionReport.Step(DecisionReport.State.NOT_NEEDED,
                        "already in the registered pool", null)));
                continue;
            }
            try {
                boolean deleted = kea.execute(new KeaCommands.Lease4Del(l.ip()));
                out.add(new DecisionReport.LeaseStep(l.ip(), DecisionReport.Step.done(deleted ? "deleted" : "Kea had no lease (result 3)")));
            } catch (KeaException e) {
                pending.failed(mac, l.ip(), subnet, at, e.getMessage());
                out.add(new DecisionReport.LeaseStep(l.ip(), new DecisionReport.Step(DecisionReport.State.PENDING,
                        "lease4-del failed (" + e.getMessage() + "); kept as pending and retried", e)));
            }
        }
        return out;
    }

    /** A device let in again must not stay blocked on the switch by an earlier deny (deny blocks whenever a switch is configured). */
    private DecisionReport.Step liftSwitchBlock(Mac mac) {
        if (!blocker.configured()) {
            return DecisionReport.Step.notRequested();
        }
        if (!blocker.blockRecorded(mac)) {
            // The cache knows what Gatehouse blocked: nothing recorded, nothing to lift, no SSH session.
            return new DecisionReport.Step(DecisionReport.State.NOT_NEEDED, "no block by Gatehouse recorded", null);
        }
        return switchStep(() -> blocker.unblock(mac)); // audited by the blocker itself
    }

    @FunctionalInterface
    private interface SwitchCall {
        String run();
    }

    private static DecisionReport.Step switchStep(SwitchCall call) {
        try {
            return DecisionReport.Step.done(call.run());
        } catch (GatehouseException e) {
            return new DecisionReport.Step(DecisionReport.State.FAILED, e.getMessage(), e);
        }
    }

    private static String detail(String note, long subnet) {
        return "subnet " + subnet + (note == null || note.isEmpty() ? "" : "; note: " + note);
    }

    /** One line per half of a decision, for the CLI and the console: Kea, the lease, the switch. */
    public static String summary(DecisionReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.reservation().written() ? "ok: written (" + r.reservation().mechanism()
                + (r.reservation().merged() ? ", merged with a concurrent change" : "") + ")" : "ok: already so in Kea");
        for (DecisionReport.LeaseStep l : r.leases()) {
            sb.append("; lease ").append(l.ip()).append(": ").append(l.step().detail());
        }
        if (r.block().state() != DecisionReport.State.NOT_REQUESTED) {
            sb.append("; switch: ").append(r.block().state().name().toLowerCase()).append(" ").append(r.block().detail());
        }
        return sb.toString();
    }
}
