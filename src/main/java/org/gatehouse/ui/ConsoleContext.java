package org.gatehouse.ui;

import java.time.Clock;
import org.gatehouse.model.TaskRunner;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.StatusService;

/**
 * What the console's screens are built from. The services are null when no Kea is configured;
 * the screens then say so instead of failing.
 */
public record ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskRunner tasks, Clock clock,
                             int refreshSeconds, DecisionService decisions, QueueService queue) {

    /** Without the decision services (screens that only read). */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskRunner tasks, Clock clock, int refreshSeconds) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, null, null);
    }

    public boolean connected() {
        return leases != null;
    }

    /** True when approve/deny/reservations can be used. */
    public boolean canDecide() {
        return decisions != null && queue != null;
    }
}
