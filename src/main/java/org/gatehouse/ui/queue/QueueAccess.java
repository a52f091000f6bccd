package org.gatehouse.ui.queue;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.DecisionFlow;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * What the Queue screen needs, and nothing else: the executor and clock, how often to refresh, and —
 * present as a whole or absent — deciding (the queue, the decision flow, the console's aging pass)
 * and the switch for "Where is it?".
 */
public record QueueAccess(TaskExecutor tasks, Clock clock, int refreshSeconds, Optional<Deciding> deciding, Optional<SwitchService> switches) {

    /** The queue and the one decision flow; {@code aging} is absent in tests of this screen alone. */
    public record Deciding(QueueService queue, DecisionFlow flow, Optional<AgingService> aging) {
        public Deciding {
            Objects.requireNonNull(queue);
            Objects.requireNonNull(flow);
        }
    }

    public QueueAccess {
        Objects.requireNonNull(tasks);
        Objects.requireNonNull(clock);
    }
}
