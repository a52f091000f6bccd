package org.gatehouse.policy;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SnmpLocator;

/**
 * The configured switch, as three services: {@link #blocking()} (block, unblock, install the ACL),
 * {@link #locating()} ("Where is this device?", a port's MACs, VLAN names) and
 * {@link #reconciling()} (the {@code blocked} report: switch versus cache). Every act is written
 * to the action log and what Gatehouse did is kept in the cache.
 */
public final class SwitchService {
    private final SwitchSite site;
    private final SwitchLocating locating;
    private final SwitchBlocking blocking;
    private final SwitchReconciling reconciling;

    /**
     * @param cli  the switch over SSH, or null when none is configured
     * @param snmp opens an SNMP locator, or null when SNMP is not configured
     */
    public SwitchService(ComwareSwitch cli, Supplier<SnmpLocator> snmp, SwitchStore store, ActionLog actions, OuiRegistry oui,
                         Clock clock, AclNumber acl, BlockMode mode) {
        this.site = new SwitchSite(cli, snmp, store, actions, oui, clock, acl, mode);
        this.locating = new SwitchLocating(site);
        this.blocking = new SwitchBlocking(site, locating);
        this.reconciling = new SwitchReconciling(site);
    }

    public SwitchBlocking blocking() {
        return blocking;
    }

    public SwitchLocating locating() {
        return locating;
    }

    public SwitchReconciling reconciling() {
        return reconciling;
    }

    /** The switch half of the decision flow's deny (and of lifting a block on approve/unregister/undo). */
    public MacBlocker asMacBlocker() {
        return site.cli == null ? MacBlocker.NONE : blocking.asMacBlocker();
    }

    public String endpoint() {
        return site.endpoint;
    }

    public boolean sshConfigured() {
        return site.cli != null;
    }

    public boolean snmpConfigured() {
        return site.snmp != null;
    }

    /** The MAC ACL's number. */
    public int acl() {
        return site.acl.value();
    }

    public BlockMode mode() {
        return site.mode;
    }

    /** Interfaces Gatehouse installed the ACL on (from the cache). */
    public List<String> installedInterfaces() {
        return site.installedInterfaces();
    }
}
