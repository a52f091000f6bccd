package org.gatehouse.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.InterfaceName;
import org.gatehouse.sw.MacTableEntry;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.sw.SwitchInput;

/** Where devices are on the switch: SNMP first, the CLI when SNMP is not configured or does not answer. Changes nothing. */
public final class SwitchLocating {

    /** Where a MAC is: {@code via} says which way answered (snmp or cli); {@code snmpProblem} why SNMP did not. */
    public record LocateOutcome(Mac mac, List<SwitchPlace> found, String via, String snmpProblem, String vendor) {
        /** One line per place, e.g. "GigabitEthernet1/0/3, VLAN 40 (bridge port 51, ifIndex 118)". */
        public List<String> places() {
            return found.stream().map(SwitchPlace::describe).toList();
        }
    }

    private final SwitchSite site;

    SwitchLocating(SwitchSite site) {
        this.site = site;
    }

    public String vendor(Mac mac) {
        return site.oui.vendor(mac);
    }

    /** A typed-in MAC, validated before anything is sent. */
    public LocateOutcome locate(String macText) {
        return locate(SwitchInput.mac(macText));
    }

    /** SNMP first; over SSH ({@code display mac-address}) when SNMP is not configured or does not answer. */
    public LocateOutcome locate(Mac mac) {
        Instant at = site.clock.instant();
        String snmpProblem = null;
        LocateOutcome out = null;
        if (site.snmp != null) {
            try (SnmpLocator l = site.snmp.get()) {
                out = new LocateOutcome(mac, l.locate(mac).stream().map(SwitchPlace::of).toList(), "snmp", null, vendor(mac));
            } catch (GatehouseException e) {
                snmpProblem = e.getMessage();
                if (site.cli == null) {
                    site.actions.append(at, "switch-locate", mac.toString(), "snmp", "failed: " + e.getMessage());
                    throw e;
                }
            }
        }
        if (out == null) {
            if (site.cli == null) {
                throw new BadInput("--snmp", "neither SNMP (--snmp) nor the switch CLI (--switch) is configured");
            }
            try {
                List<MacTableEntry> rows = site.cli.batch(b -> b.macAddress(mac));
                List<SwitchPlace> found = rows.stream().filter(r -> r.mac().equals(mac) && !r.state().equalsIgnoreCase("Blackhole"))
                        .map(r -> new SwitchPlace(mac, r.vlan(), null, null,
                                InterfaceName.isValid(r.port()) ? InterfaceName.parse(r.port()).toString() : r.port(), "display mac-address"))
                        .toList();
                out = new LocateOutcome(mac, found, "cli", snmpProblem, vendor(mac));
            } catch (GatehouseException e) {
                site.actions.append(at, "switch-locate", mac.toString(), "cli" + (snmpProblem == null ? "" : " after snmp: " + snmpProblem),
                        "failed: " + e.getMessage());
                throw e;
            }
        }
        for (SwitchPlace e : out.found()) {
            site.store.recordLocation(new SwitchStore.Location(mac.toString(), at, e.vlan(), e.bridgePort(), e.ifIndex(), e.port(), e.source()));
        }
        site.actions.append(at, "switch-locate", mac.toString(), "via " + out.via(), out.found().isEmpty() ? "not found"
                : out.found().stream().map(e -> e.port() + (e.vlan() == null ? "" : " VLAN " + e.vlan())).reduce((a, b) -> a + "; " + b).orElse(""));
        return out;
    }

    /** Every MAC the switch learned on one port (SNMP); the port name is validated first. */
    public List<SwitchPlace> macsOn(String port) {
        InterfaceName name = SwitchInput.iface(port);
        if (site.snmp == null) {
            throw new BadInput("--snmp", "listing a port's MACs needs SNMP (--snmp udp:host[:port])");
        }
        try (SnmpLocator l = site.snmp.get()) {
            List<SwitchPlace> out = new ArrayList<>(l.macsOn(name).stream().map(SwitchPlace::of).toList());
            out.sort(Comparator.comparing(SwitchPlace::mac));
            return out;
        }
    }

    /** VLAN id → name (SNMP). */
    public Map<Integer, String> vlanNames() {
        if (site.snmp == null) {
            return new LinkedHashMap<>();
        }
        try (SnmpLocator l = site.snmp.get()) {
            return l.vlanNames();
        }
    }
}
