package org.gatehouse.ui;

import java.time.Clock;
import org.gatehouse.model.TaskRunner;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.StatusService;

/**
 * What the console's screens are built from. The services are null when no Kea is configured;
 * the screens then say so instead of failing.
 */
public record ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskRunner tasks, Clock clock,
                             int refreshSeconds, DecisionService decisions, QueueService queue, AgingService aging) {

    /** With the decision services but without the aging pass (tests of a single screen). */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskRunner tasks, Clock clock, int refreshSeconds,
                          DecisionService decisions, QueueService queue) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, decisions, queue, null);
    }

    /** Without the decision services (screens that only read). */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskRunner tasks, Clock clock, int refreshSeconds) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, null, null, null);
    }

    public boolean connected() {
        return leases != null;
    }

    /** True when approve/deny/reservations can be used. */
    public boolean canDecide() {
        return decisions != null && queue != null;
    }
}
