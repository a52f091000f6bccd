package org.gatehouse.policy;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Mac;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.RuleId;
import org.gatehouse.sw.SnmpLocator;

/**
 * One configured switch as the switch services share it: its CLI (SSH) and SNMP access, the
 * cache of what Gatehouse did on it, the audit log, and the lock that serialises changes.
 */
final class SwitchSite {
    final String endpoint;
    final ComwareSwitch cli;
    final Supplier<SnmpLocator> snmp;
    final SwitchStore store;
    final ActionLog actions;
    final OuiRegistry oui;
    final Clock clock;
    final AclNumber acl;
    final BlockMode mode;
    /**
     * One change at a time from this console/command: two blocks reading the ACL together would pick
     * the same free rule id, and Comware silently edits an existing rule instead of refusing it.
     */
    final ReentrantLock changes = new ReentrantLock();

    SwitchSite(ComwareSwitch cli, Supplier<SnmpLocator> snmp, SwitchStore store, ActionLog actions, OuiRegistry oui, Clock clock,
               AclNumber acl, BlockMode mode) {
        this.endpoint = cli == null ? null : cli.endpoint();
        this.cli = cli;
        this.snmp = snmp;
        this.store = store;
        this.actions = actions;
        this.oui = oui;
        this.clock = clock;
        this.acl = acl;
        this.mode = mode;
    }

    ComwareSwitch cli() {
        if (cli == null) {
            throw new BadInput("--switch", "no switch configured (use --switch ssh://user@host[:port] or GATEHOUSE_SWITCH)");
        }
        return cli;
    }

    boolean isOurs(Mac mac, RuleId rule) {
        return store.activeBlocks(endpoint).stream().anyMatch(b -> b.mac().equals(mac.toString()) && b.rule() != null
                && b.rule() == rule.value() && b.acl() != null && b.acl() == acl.value());
    }

    /** The cache records a block of {@code mac} by Gatehouse on this switch (whatever the mode). */
    boolean blockRecorded(Mac mac) {
        return endpoint != null && store.activeBlocks(endpoint).stream().anyMatch(b -> b.mac().equals(mac.toString()));
    }

    List<String> installedInterfaces() {
        return endpoint == null ? List.of() : store.aclInterfaces(endpoint, acl.value());
    }
}
