package org.gatehouse.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.KeaConflict;
import org.gatehouse.kea.KeaRefused;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Failure;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.OfflineActionStore;

/**
 * Actions taken while Kea is unreachable are never queued silently: a screen or
 * command calls {@link #enqueue} only after the user chose "queue". Queued actions are shown
 * ({@link #pending}), and {@link #replay} runs them in the order they were queued, each through
 * a {@link Replayer} that repeats the conflict check against what the user saw ({@code basis}).
 * Every enqueue, replay outcome and cancel is one audit row, written with the queue's change.
 */
public final class OfflineQueue {

    /** What the user chose to queue. {@code basis}: the state the decision was based on. */
    public record Request(String kind, String target, Mac mac, String payload, String basis, String note) {
    }

    /**
     * Carries out one queued action against the now reachable system, after checking that
     * {@code basis} still holds. Throws {@link KeaConflict} (or another exit-4 error) when it
     * does not, {@link KeaUnreachable} when still offline, anything else when refused. Returns
     * what it did, for the row that resolves the queued action. The act itself (an approve, a
     * reservation edit) writes its own audit row, as if it had been done directly, so a device's
     * history reads the same whichever way the act came.
     */
    @FunctionalInterface
    public interface Replayer {
        Done replay(QueuedAction action);
    }

    /** Thrown by a replayer that cannot carry the action out here and now (its server is elsewhere or down): it stays pending. */
    public static final class NotHere extends RuntimeException {
        public NotHere(String why) {
            super(why, null, false, false);
        }
    }

    /** What a successful replay changed. */
    public record Done(String before, String after, String detail) {
    }

    /** One replayed action's outcome. */
    public record Outcome(QueuedAction action, String state, String why) {
    }

    /** {@code stoppedBecause} is set when replay stopped early (still offline); the rest stay pending. */
    public record Report(List<Outcome> outcomes, int stillPending, String stoppedBecause) {
        public long count(String state) {
            return outcomes.stream().filter(o -> o.state().equals(state)).count();
        }
    }

    private final OfflineActionStore store;
    private final Clock clock;

    public OfflineQueue(OfflineActionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public QueuedAction enqueue(Request r) {
        if (r.kind() == null || r.kind().isBlank() || r.target() == null || r.target().isBlank()) {
            throw new BadInput("queued action", "a queued action needs a kind and a target");
        }
        Instant at = clock.instant();
        ActionLog.Draft row = ActionLog.Draft.of(at, r.kind(), r.target()).mac(r.mac() != null ? r.mac() : macOf(r.target()) != null ? macOf(r.target()) : macOf(r.basis()))
                .note(r.note()).change(r.basis(), null).result(ActionLog.QUEUED);
        return store.enqueue(at, r.kind(), r.target(), r.payload(), r.basis(), r.note(), row);
    }

    public List<QueuedAction> pending() {
        return store.pending();
    }

    /** Every queued action, newest first, resolved ones included. */
    public List<QueuedAction> history(int limit) {
        return store.all(limit);
    }

    public void cancel(long id, String note) {
        QueuedAction a = store.get(id).filter(QueuedAction::pending)
                .orElseThrow(() -> new BadInput("queued action", "#" + id + " is not a pending queued action"));
        Instant at = clock.instant();
        store.resolve(id, QueuedAction.CANCELLED, at, "cancelled" + (note == null || note.isBlank() ? "" : ": " + note),
                draft(a, at).note(note).detail("cancelled queued #" + id).result("cancelled"));
    }

    /**
     * Replays every pending action in queue order. A conflict holds later actions on the same
     * target (they were decided on the same outdated view); unreachable stops the replay.
     */
    public Report replay(Map<String, Replayer> replayers) {
        return replay(replayers, a -> true);
    }

    /** Replays the pending actions {@code which} accepts; an action left pending by {@link NotHere} is counted, not resolved. */
    public Report replay(Map<String, Replayer> replayers, java.util.function.Predicate<QueuedAction> which) {
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Long> conflicted = new HashMap<>();
        List<QueuedAction> todo = store.pending().stream().filter(which).toList();
        int left = 0;
        int i = 0;
        for (; i < todo.size(); i++) {
            QueuedAction a = todo.get(i);
            Instant at = clock.instant();
            String origin = "replay of queued #" + a.id() + " (queued " + a.queuedAt() + " by " + a.osUser() + ")";
            Long blocker = conflicted.get(a.target());
            if (blocker != null) {
                String why = "held: queued #" + blocker + " on the same target conflicted";
                store.resolve(a.id(), QueuedAction.CONFLICT, at, why, draft(a, at).detail(origin).result(ActionLog.refused("conflict: " + why)));
                outcomes.add(new Outcome(a, QueuedAction.CONFLICT, why));
                continue;
            }
            Replayer r = replayers.get(a.kind());
            if (r == null) {
                String why = "no replayer for '" + a.kind() + "' in this Gatehouse";
                store.resolve(a.id(), QueuedAction.FAILED, at, why, draft(a, at).detail(origin).result(ActionLog.failed(why)));
                outcomes.add(new Outcome(a, QueuedAction.FAILED, why));
                continue;
            }
            try {
                Done d = r.replay(a);
                store.resolve(a.id(), QueuedAction.DONE, clock.instant(), "ok",
                        draft(a, at).change(d.before(), d.after()).detail(origin + (d.detail() == null ? "" : "; " + d.detail()))
                                .result(ActionLog.OK));
                outcomes.add(new Outcome(a, QueuedAction.DONE, d.detail()));
            } catch (NotHere e) {
                left++;
                outcomes.add(new Outcome(a, QueuedAction.PENDING, e.getMessage()));
            } catch (KeaUnreachable e) {
                return new Report(outcomes, left + todo.size() - i, e.getMessage());
            } catch (GatehouseException e) {
                boolean conflict = e.failure() == Failure.CONFLICT;
                String words = e instanceof KeaRefused kr && conflict ? kr.keaText() : e.getMessage();
                String state = conflict ? QueuedAction.CONFLICT : QueuedAction.FAILED;
                store.resolve(a.id(), state, clock.instant(), words, draft(a, at).change(a.basis(), null).detail(origin)
                        .result(ActionLog.refused((conflict ? "conflict: " : "") + words)));
                outcomes.add(new Outcome(a, state, words));
                if (conflict) {
                    conflicted.put(a.target(), a.id());
                }
            }
        }
        return new Report(outcomes, left, null);
    }

    /** The device a queued action concerns: its target, or else a MAC basis (who held the address). */
    private static ActionLog.Draft draft(QueuedAction a, Instant at) {
        Mac m = macOf(a.target());
        return ActionLog.Draft.of(at, a.kind(), a.target()).mac(m != null ? m : macOf(a.basis())).note(a.note());
    }

    private static Mac macOf(String target) {
        return target != null && Mac.isValid(target) ? Mac.parse(target) : null;
    }
}
