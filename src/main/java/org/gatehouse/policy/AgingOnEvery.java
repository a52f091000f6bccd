package org.gatehouse.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;
import org.gatehouse.store.ActionLog;

/**
 * The aging pass's moves with several servers: the old-unregistered reservations go to every
 * server that serves each device's subnet, in one write per server ({@link PeerBatchWrites#age}),
 * only where the device still has none there. A device counts as moved when a server took it;
 * a server that is down or refuses is owed the moves (audited, and said).
 */
final class AgingOnEvery {
    private final PeerBatchWrites peers;
    private final ActionLog actions;

    AgingOnEvery(PeerBatchWrites peers, ActionLog actions) {
        this.peers = peers;
        this.actions = actions;
    }

    /** Writes {@code edits}, filling {@code moved} and {@code skipped}; returns what a server missed, or null. */
    String age(List<ReservationEdit> edits, Instant at, Duration oldAfter, List<Mac> moved, List<Mac> skipped) {
        List<ReservationEdit.Put> puts = new ArrayList<>();
        edits.forEach(e -> puts.add((ReservationEdit.Put) e));
        String what = "old-unregistered after " + AgingService.format(oldAfter);
        PeerDecisions.FanOut<Reservations.Result> f;
        try {
            f = peers.age(puts, "before aging " + puts.size() + " device(s)");
        } catch (RuntimeException e) {
            for (ReservationEdit.Put p : puts) {
                actions.append(at, "age", p.mac().toString(), what, "failed: " + e.getMessage());
            }
            throw e;
        }
        Map<Mac, List<String>> appliedOn = new LinkedHashMap<>();
        Map<Mac, String> leftAlone = new LinkedHashMap<>();
        for (PeerDecisions.Step<Reservations.Result> s : f.steps()) {
            if (!PeerDecisions.DONE.equals(s.state()) || s.result() == null) {
                continue;
            }
            for (Reservations.Outcome o : s.result().outcomes()) {
                if (o.status() == Reservations.Status.APPLIED) {
                    appliedOn.computeIfAbsent(o.edit().mac(), k -> new ArrayList<>()).add(s.server());
                } else {
                    leftAlone.putIfAbsent(o.edit().mac(), s.server() + ": " + o.detail());
                }
            }
        }
        for (ReservationEdit.Put p : puts) {
            Mac mac = p.mac();
            if (appliedOn.containsKey(mac)) {
                moved.add(mac);
                actions.append(at, "age", mac.toString(), what + " on " + String.join(", ", appliedOn.get(mac)), ActionLog.OK);
            } else if (leftAlone.containsKey(mac)) {
                skipped.add(mac);
                actions.append(at, "age", mac.toString(), what, "skipped: " + leftAlone.get(mac));
            } // else no server that answered serves its subnet: it is owed to those that did not answer (below)
        }
        if (f.pendingSteps().isEmpty()) {
            return null;
        }
        for (PeerDecisions.Step<Reservations.Result> s : f.pendingSteps()) {
            for (ReservationEdit.Put p : puts) {
                actions.append(at, "age", p.mac().toString(), what, "pending for " + s.server() + ": " + s.detail());
            }
        }
        return f.problem();
    }
}
