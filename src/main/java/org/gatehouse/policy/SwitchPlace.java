package org.gatehouse.policy;

import org.gatehouse.model.Mac;
import org.gatehouse.sw.FdbEntry;

/** Where the switch learned a MAC: VLAN, port and how it was found (screens and commands see no switch-layer types). */
public record SwitchPlace(Mac mac, Integer vlan, Integer bridgePort, Integer ifIndex, String port, String source) {
    static SwitchPlace of(FdbEntry e) {
        return new SwitchPlace(e.mac(), e.vlan(), e.bridgePort(), e.ifIndex(), e.port(), e.source());
    }

    /** One line, e.g. "GigabitEthernet1/0/3, VLAN 40 (bridge port 51, ifIndex 118)". */
    public String describe() {
        return (port == null ? "ifIndex " + ifIndex : port) + (vlan == null ? "" : ", VLAN " + vlan)
                + (bridgePort == null ? "" : " (bridge port " + bridgePort + ", ifIndex " + ifIndex + ")");
    }
}
