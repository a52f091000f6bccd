package org.gatehouse.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaException;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.model.ReservationEdit;
import org.gatehouse.model.Tier;
import org.gatehouse.kea.KeaCommands;

/**
 * The one "decide" flow every screen and command goes through: approve, deny, unregister, undo,
 * and decide-or-queue. Input arrives typed (a bad MAC never gets here); each step reports its own
 * outcome; each act writes exactly one audit row here, success or failure (the switch's own
 * block/unblock rows are written by the {@link MacBlocker}, a queued decision's by the
 * {@link OfflineQueue}).
 */
public class DecisionFlow {
    public static final String APPROVE = "approve";
    public static final String DENY = "deny";

    /**
     * One decision as the user made it. {@code block} (deny only): asked to block on the switch,
     * which a deny does anyway when a switch is configured; {@code hostname} (approve only).
     */
    public record Decision(String kind, Mac mac, String note, String hostname, Long subnetId, boolean block) {
        public Decision {
            if (!APPROVE.equals(kind) && !DENY.equals(kind)) {
                throw new IllegalArgumentException(kind);
            }
        }

        public static Decision approve(Mac mac, String note, String hostname, Long subnetId) {
            return new Decision(APPROVE, mac, note, hostname, subnetId, false);
        }

        public static Decision deny(Mac mac, String note, boolean block, Long subnetId) {
            return new Decision(DENY, mac, note, "", subnetId, block);
        }
    }

    /**
     * A decision carried out ({@code report}) or, with Kea unreachable and the user's consent,
     * queued ({@code queued}; {@code unreachable} says why Kea could not be reached).
     */
    public record Outcome(DecisionReport report, QueuedAction queued, String unreachable) {
        public boolean isQueued() {
            return queued != null;
        }
    }

    /**
     * Several devices decided at once (the Queue screen): per MAC its report or the error that
     * stopped it, and the reservations each had before, which {@link #undo} puts back.
     */
    public record Batch(Map<Mac, Object> results, Map<Mac, List<HostReservation>> before) {
        public DecisionReport report(Mac mac) {
            return results.get(mac) instanceof DecisionReport r ? r : null;
        }

        public GatehouseException error(Mac mac) {
            return results.get(mac) instanceof GatehouseException e ? e : null;
        }
    }

    private final ReservationWrites w;
    private final PendingLeaseRetries retries;
    private final MacBlocker blocker;
    private final OfflineQueue offline;

    DecisionFlow(ReservationWrites w, PendingLeaseRetries retries, MacBlocker blocker, OfflineQueue offline) {
        this.w = w;
        this.retries = retries;
        this.blocker = blocker;
        this.offline = offline;
    }

    /** The same flow's parts, for {@link PeerDecisionFlow} (which decides on every server instead). */
    DecisionFlow(DecisionFlow same) {
        this(same.w, same.retries, same.blocker, same.offline);
    }

    public String actor() {
        return w.actor;
    }

    /** True when a switch is configured, so a deny also blocks there. */
    public boolean canBlock() {
        return blocker.configured();
    }

    public DecisionReport decide(Decision d) {
        return decide(d, true);
    }

    /**
     * {@code switchHalf} false: the Kea half only. Several servers take one decision, but the
     * switch is one device: only the first server's part blocks (deny) or lifts a block (approve).
     */
    DecisionReport decide(Decision d, boolean switchHalf) {
        return APPROVE.equals(d.kind()) ? approve(d.mac(), d.note(), d.hostname(), d.subnetId(), switchHalf)
                : deny(d.mac(), d.note(), d.block(), d.subnetId(), switchHalf);
    }

    /**
     * Decides; when Kea is unreachable and {@code queueIfUnreachable}, the decision waits in the
     * offline queue with every field (replayed by {@code offline replay} with the conflict check)
     * instead of failing. Anything else fails as {@link #decide} does.
     */
    public Outcome decideOrQueue(Decision d, boolean queueIfUnreachable) {
        try {
            return new Outcome(decide(d), null, null);
        } catch (KeaUnreachable e) {
            if (!queueIfUnreachable) {
                throw e;
            }
            return new Outcome(null, offline.enqueue(Replayers.decision(d)), e.getMessage());
        }
    }

    /** Decides each MAC in turn (one failure does not stop the rest), remembering what each had before for Undo. */
    public Batch decideAll(List<Decision> decisions) {
        Map<Mac, Object> results = new LinkedHashMap<>();
        Map<Mac, List<HostReservation>> before = new LinkedHashMap<>();
        List<HostReservation> all;
        try {
            all = w.reservations.list();
        } catch (GatehouseException e) {
            decisions.forEach(d -> results.put(d.mac(), e));
            return new Batch(results, before);
        }
        for (Decision d : decisions) {
            before.put(d.mac(), all.stream().filter(h -> h.mac().equals(d.mac())).toList());
            try {
                results.put(d.mac(), decide(d));
            } catch (GatehouseException e) {
                results.put(d.mac(), e);
            }
        }
        return new Batch(results, before);
    }

    /** Reserve into {@code registered}, then delete the device's unregistered lease so the address is free at once. */
    public DecisionReport approve(Mac mac, String note, String hostname, Long subnetId) {
        return approve(mac, note, hostname, subnetId, true);
    }

    private DecisionReport approve(Mac mac, String note, String hostname, Long subnetId, boolean switchHalf) {
        String n = HostReservation.validNote(note);
        String h = HostReservation.validHostname(hostname);
        Instant at = w.clock.instant();
        return w.logged(APPROVE, mac, n, at, () -> {
            retries.retry();
            List<Lease> leases = w.currentLeases(mac);
            long subnet = w.subnetFor(mac, subnetId, null, leases);
            HostReservation r = new HostReservation(mac, subnet, List.of(HostReservation.REGISTERED), null, h,
                    new HostReservation.Stamp(w.actor, at, n));
            Reservations.Result result = w.write(APPROVE, mac, List.of(new ReservationEdit.Put(r)));
            List<DecisionReport.LeaseStep> steps = deleteUnregisteredLeases(mac, subnet, leases, at);
            DecisionReport report = new DecisionReport(APPROVE, mac, subnet, ReservationWrite.of(result), steps,
                    switchHalf ? liftSwitchBlock(mac) : DecisionReport.Step.notRequested());
            w.actions.append(at, APPROVE, mac.toString(), detail(n, subnet), summary(report));
            return report;
        });
    }

    /**
     * Reserve into {@code denied} (Kea then gives no address: no OFFER, a NAK at the next renewal)
     * and, when asked or when a switch is configured, block the MAC there. Asking to block without
     * a switch is refused before anything is sent.
     */
    public DecisionReport deny(Mac mac, String note, boolean block, Long subnetId) {
        return deny(mac, note, block, subnetId, true);
    }

    private DecisionReport deny(Mac mac, String note, boolean block, Long subnetId, boolean switchHalf) {
        String n = HostReservation.validNote(note);
        if (block && !blocker.configured()) {
            throw new BadInput("--block", "no switch is configured, so Gatehouse cannot block " + mac
                    + "; configure one (--switch ssh://user@host) or deny without --block (Kea alone then refuses it an address)");
        }
        Instant at = w.clock.instant();
        Reservations.Result result;
        long subnet;
        try {
            subnet = w.subnetFor(mac, subnetId, null, w.currentLeases(mac));
            HostReservation r = new HostReservation(mac, subnet, List.of(HostReservation.DENIED), null, "",
                    new HostReservation.Stamp(w.actor, at, n));
            result = w.write(DENY, mac, List.of(new ReservationEdit.Put(r)));
        } catch (GatehouseException e) {
            w.actions.append(at, DENY, mac.toString(), n.isEmpty() ? null : "note: " + n, "failed (exit " + e.exitCode() + "): " + e.getMessage());
            throw e;
        }
        DecisionReport.Step blockStep = DecisionReport.Step.notRequested();
        if (blocker.configured() && switchHalf) {
            // The blocker audits its own act (one switch-block row per block, whoever asked).
            blockStep = switchStep(() -> blocker.block(mac, n));
        }
        DecisionReport report = new DecisionReport(DENY, mac, subnet, ReservationWrite.of(result), List.of(), blockStep);
        w.actions.append(at, DENY, mac.toString(), detail(n, subnet), summary(report));
        return report;
    }

    /** Removes every reservation of the MAC (approve, deny or aging undone) and lifts a switch block. */
    public DecisionReport unregister(Mac mac) {
        Instant at = w.clock.instant();
        List<HostReservation> mine = w.logged("unregister", mac, "", at, () -> w.reservationsOf(mac));
        ReservationWrite result;
        long subnet = mine.isEmpty() ? 0 : mine.get(0).subnetId();
        if (mine.isEmpty()) {
            result = ReservationWrite.nothing(w.reservations.mechanism());
        } else {
            List<ReservationEdit> edits = mine.stream().<ReservationEdit>map(r -> new ReservationEdit.Remove(r.subnetId(), r.mac())).toList();
            result = ReservationWrite.of(w.logged("unregister", mac, "", at, () -> w.write("unregister", mac, edits)));
        }
        DecisionReport.Step unblock = liftSwitchBlock(mac);
        retries.forget(mac);
        DecisionReport report = new DecisionReport("unregister", mac, subnet, result, List.of(), unblock);
        w.actions.append(at, "unregister", mac.toString(), mine.isEmpty() ? "had no reservation" : null, summary(report));
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
        Instant at = w.clock.instant();
        List<HostReservation> now = w.logged("undo", mac, "", at, () -> w.reservationsOf(mac));
        List<ReservationEdit> edits = new ArrayList<>();
        for (HostReservation r : now) {
            if (before.stream().noneMatch(b -> b.subnetId() == r.subnetId())) {
                edits.add(new ReservationEdit.Remove(r.subnetId(), mac));
            }
        }
        before.forEach(b -> edits.add(new ReservationEdit.Put(b)));
        Reservations.Result result = w.logged("undo", mac, "", at, () -> w.write("undo", mac, edits));
        retries.forget(mac);
        boolean wasDenied = before.stream().anyMatch(b -> b.clientClasses().contains(HostReservation.DENIED));
        DecisionReport.Step unblock = wasDenied ? DecisionReport.Step.notRequested() : liftSwitchBlock(mac);
        DecisionReport report = new DecisionReport("undo", mac, before.get(0).subnetId(), ReservationWrite.of(result), List.of(), unblock);
        w.actions.append(at, "undo", mac.toString(), "restored " + before.stream()
                .map(b -> String.join(",", b.clientClasses()) + " in subnet " + b.subnetId()).toList(), summary(report));
        return report;
    }

    private List<DecisionReport.LeaseStep> deleteUnregisteredLeases(Mac mac, long subnet, List<Lease> leases, Instant at) {
        KeaConfig c = w.reservations.lastConfig();
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
                boolean deleted = w.kea.execute(new KeaCommands.Lease4Del(l.ip()));
                out.add(new DecisionReport.LeaseStep(l.ip(), DecisionReport.Step.done(deleted ? "deleted" : "Kea had no lease (result 3)")));
            } catch (KeaException e) {
                retries.failed(mac, l.ip(), subnet, at, e.getMessage());
                out.add(new DecisionReport.LeaseStep(l.ip(), new DecisionReport.Step(DecisionReport.State.PENDING,
                        "lease4-del failed (" + e.getMessage() + "); kept as pending and retried", e)));
            }
        }
        return out;
    }

    /** A device let in again must not stay blocked on the switch by an earlier deny (deny blocks whenever a switch is configured). */
    DecisionReport.Step liftSwitchBlock(Mac mac) {
        return liftSwitchBlock(blocker, mac);
    }

    static DecisionReport.Step liftSwitchBlock(MacBlocker blocker, Mac mac) {
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

    /** One line per half of a decision, for the audit row, the CLI and the console: Kea, the lease, the switch. */
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
