package org.gatehouse.policy;

import org.gatehouse.model.Failure;
import org.gatehouse.model.GatehouseException;

/**
 * A change that one or more of several servers missed: applied where it could be, pending in the
 * offline queue for each server named in the message. Not "unreachable" for the screens: it is
 * already queued, so offering to queue it again would be wrong; they show it as it came.
 */
public final class PeerPending extends GatehouseException {
    public PeerPending(String message) {
        super(message);
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }

    @Override
    public String what() {
        return "several servers";
    }

    /** The pending half of a fan-out as a report step, or "not requested" when every server has it. */
    static DecisionReport.Step step(PeerDecisions.FanOut<?> f) {
        if (f.pendingSteps().isEmpty()) {
            return DecisionReport.Step.notRequested();
        }
        String why = f.problem();
        return new DecisionReport.Step(DecisionReport.State.PENDING, why, new PeerPending(why));
    }

    /** The first server's result, or (nothing done anywhere, all of it queued) this error naming each server. */
    static <R> R firstOrThrow(PeerDecisions.FanOut<R> f) {
        return f.firstResult().orElseThrow(() -> new PeerPending("nothing was applied: " + f.problem()));
    }
}
