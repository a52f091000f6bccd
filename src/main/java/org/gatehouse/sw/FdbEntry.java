package org.gatehouse.sw;

import org.gatehouse.model.Mac;

/**
 * Where the switch learned a MAC: VLAN (null when only the VLAN-unaware dot1dTpFdbTable had it),
 * bridge port and ifIndex (null when the CLI's {@code display mac-address} answered),
 * bridge port, ifIndex and the long interface name (ifName). Bridge port and ifIndex differ on Comware 7.
 */
public record FdbEntry(Mac mac, Integer vlan, Integer bridgePort, Integer ifIndex, String port, String source) {
}
