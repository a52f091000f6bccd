package org.gatehouse.policy;

import java.util.List;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Mac;

/**
 * The decision flow of several servers, for the screens: the same calls as one server's flow,
 * but each decision goes through {@link PeerDecisions} to every server that serves the subnet.
 * The report is the first server's that applied it; a server that missed it makes the report's
 * {@code peers} step pending (its error names the server and the queued entry), so a screen that
 * shows a half that failed shows this too.
 */
final class PeerDecisionFlow extends DecisionFlow {
    private final PeerDecisions peers;

    PeerDecisionFlow(DecisionFlow first, PeerDecisions peers) {
        super(first);
        this.peers = peers;
    }

    @Override
    public DecisionReport decide(Decision d) {
        return report(peers.decide(d, false));
    }

    /** Every server's part, the switch's once: what the fan-out does anyway. */
    @Override
    DecisionReport decide(Decision d, boolean switchHalf) {
        return decide(d);
    }

    @Override
    public DecisionReport approve(Mac mac, String note, String hostname, Long subnetId) {
        return decide(Decision.approve(mac, note, hostname, subnetId));
    }

    @Override
    public DecisionReport deny(Mac mac, String note, boolean block, Long subnetId) {
        return decide(Decision.deny(mac, note, block, subnetId));
    }

    /** Every server unreachable and {@code queueIfUnreachable}: queued for each (the outcome shows the first entry). */
    @Override
    public Outcome decideOrQueue(Decision d, boolean queueIfUnreachable) {
        PeerDecisions.FanOut<DecisionReport> f = peers.decide(d, queueIfUnreachable);
        if (f.firstResult().isEmpty() && !f.pendingSteps().isEmpty() && f.pendingSteps().get(0).queued() != null) {
            return new Outcome(null, f.pendingSteps().get(0).queued(), f.problem());
        }
        return new Outcome(report(f), null, null);
    }

    @Override
    public DecisionReport unregister(Mac mac) {
        return report(peers.unregister(mac));
    }

    @Override
    public DecisionReport undo(Mac mac, List<HostReservation> before) {
        return report(peers.undo(mac, before));
    }

    private static DecisionReport report(PeerDecisions.FanOut<DecisionReport> f) {
        return PeerPending.firstOrThrow(f).withPeers(PeerPending.step(f));
    }
}
