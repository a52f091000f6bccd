package org.gatehouse.ui;

import java.time.Clock;
import org.gatehouse.ui.task.TaskExecutor;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.PoolService;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.StatusService;
import org.gatehouse.policy.SwitchService;

/**
 * What the console's screens are built from. The Kea services are null when no Kea is configured;
 * the screens then say so instead of failing. {@code switches} is null without a switch (or a
 * session that has neither --switch nor --snmp reports itself unconfigured); {@code auditTools}
 * is null when the Audit screen has no cache to read; {@code pools} is null without Kea.
 */
public record ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskExecutor tasks, Clock clock,
                             int refreshSeconds, DecisionService decisions, QueueService queue, AgingService aging,
                             SwitchService switches, AuditTools auditTools, PoolService pools) {

    /** Everything but the Pools screen's service. */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskExecutor tasks, Clock clock, int refreshSeconds,
                          DecisionService decisions, QueueService queue, AgingService aging, SwitchService switches, AuditTools auditTools) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, decisions, queue, aging, switches, auditTools, null);
    }

    /** With the decision services, the aging pass, no switch and no audit tools. */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskExecutor tasks, Clock clock, int refreshSeconds,
                          DecisionService decisions, QueueService queue, AgingService aging) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, decisions, queue, aging, null, null, null);
    }

    /** With the decision services but without the aging pass (tests of a single screen). */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskExecutor tasks, Clock clock, int refreshSeconds,
                          DecisionService decisions, QueueService queue) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, decisions, queue, null, null, null, null);
    }

    /** Kea reads and a switch, without the decision services. */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskExecutor tasks, Clock clock, int refreshSeconds,
                          SwitchService switches) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, null, null, null, switches, null, null);
    }

    /** Kea reads and the Audit screen's services. */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskExecutor tasks, Clock clock, int refreshSeconds,
                          AuditTools auditTools) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, null, null, null, null, auditTools, null);
    }

    /** Without the decision services, the switch and the audit tools (screens that only read). */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskExecutor tasks, Clock clock, int refreshSeconds) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, null, null, null, null, null, null);
    }

    public boolean connected() {
        return leases != null;
    }

    /** True when approve/deny/reservations can be used. */
    public boolean canDecide() {
        return decisions != null && queue != null;
    }
}
