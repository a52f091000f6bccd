package org.gatehouse.ui.queue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.DecisionFlow;

/**
 * Decisions from the Queue screen that failed only because Kea was unreachable, waiting for the
 * user's consent to queue them (each with its note, subnet and hostname, as asked).
 */
public record OfflineOffer(List<QueueRow> rows, List<DecisionFlow.Decision> decisions, String action, String why) {
    public static final String QUEUED_STATE = "queued — replayed when Kea is back";

    public OfflineOffer {
        rows = List.copyOf(rows);
        decisions = List.copyOf(decisions);
    }

    public String header() {
        return "Kea is unreachable. Queue the decision for " + decisions.size() + " device(s)?";
    }

    public String text() {
        return "It is carried out, with the usual conflict check, when Kea is back (Audit → Offline queue, or gatehouse offline replay)."
                + (why == null || why.isBlank() ? "" : "\n\n" + why);
    }

    /**
     * Runs on a background lane: decides each, or queues it while Kea stays unreachable. Per MAC
     * the {@link DecisionFlow.Outcome} or the error that stopped it (one failure does not stop the rest).
     */
    Map<Mac, Object> queueAll(DecisionFlow flow) {
        Map<Mac, Object> results = new LinkedHashMap<>();
        for (DecisionFlow.Decision d : decisions) {
            try {
                results.put(d.mac(), flow.decideOrQueue(d, true));
            } catch (GatehouseException e) {
                results.put(d.mac(), e);
            }
        }
        return results;
    }
}
