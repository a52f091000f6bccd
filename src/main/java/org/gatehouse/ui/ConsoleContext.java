package org.gatehouse.ui;

import java.time.Clock;
import org.gatehouse.model.TaskRunner;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.StatusService;

/**
 * What the console's screens are built from. {@code leases} and {@code status} are null when no
 * Kea is configured; the screens then say so instead of failing.
 */
public record ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskRunner tasks, Clock clock,
                             int refreshSeconds, AuditTools auditTools) {

    /** Without the Audit screen's services (it then says so). */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskRunner tasks, Clock clock,
                          int refreshSeconds) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, null);
    }

    public boolean connected() {
        return leases != null;
    }
}
