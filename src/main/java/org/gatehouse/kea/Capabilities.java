package org.gatehouse.kea;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the connected Kea can do, detected from {@code version-get} and {@code list-commands};
 * callers ask for a feature, never for a version number.
 */
public record Capabilities(KeaVersion version, Set<String> commands) {

    public Capabilities {
        commands = Set.copyOf(commands);
    }

    public boolean supports(String command) {
        return commands.contains(command);
    }

    /** lease_cmds with paging (every lease_cmds since Kea 1.5). */
    public boolean leasePaging() {
        return supports("lease4-get-page");
    }

    public boolean leaseCommands() {
        return supports("lease4-get-all") || leasePaging();
    }

    /** host_cmds: reservations change without a config-set (open source from Kea 2.7.7 / 3.0). */
    public boolean hostCommands() {
        return supports("reservation-add") && supports("reservation-del");
    }

    /** config-hash-get (Kea 2.4+): a cheap check that nobody changed the config meanwhile. */
    public boolean configHash() {
        return supports("config-hash-get");
    }

    public boolean statistics() {
        return supports("statistic-get-all");
    }

    /** Short list for the status screen: which hook families are present. */
    public Set<String> hookFamilies() {
        Set<String> out = new TreeSet<>();
        if (leaseCommands()) {
            out.add("lease_cmds");
        }
        if (supports("stat-lease4-get")) {
            out.add("stat_cmds");
        }
        if (hostCommands()) {
            out.add("host_cmds");
        }
        if (supports("subnet4-list")) {
            out.add("subnet_cmds");
        }
        if (supports("ha-heartbeat")) {
            out.add("ha");
        }
        return out;
    }
}
