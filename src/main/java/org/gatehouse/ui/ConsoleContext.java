package org.gatehouse.ui;

import java.time.Clock;
import org.gatehouse.model.TaskRunner;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.StatusService;
import org.gatehouse.policy.SwitchService;

/**
 * What the console's screens are built from. {@code leases} and {@code status} are null when no
 * Kea is configured; the screens then say so instead of failing. {@code switches} is null without a
 * switch (or a session that has neither --switch nor --snmp reports itself unconfigured).
 */
public record ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskRunner tasks, Clock clock,
                             int refreshSeconds, SwitchService switches) {

    /** Without a switch: the Switch screen then says how to configure one. */
    public ConsoleContext(String endpoint, LeaseService leases, StatusService status, TaskRunner tasks, Clock clock, int refreshSeconds) {
        this(endpoint, leases, status, tasks, clock, refreshSeconds, null);
    }

    public boolean connected() {
        return leases != null;
    }
}
