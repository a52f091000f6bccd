package org.gatehouse.sw;

import org.gatehouse.model.Mac;

/** A row of {@code display mac-address}: {@code port} as the switch printed it (short or long form). */
public record MacTableEntry(Mac mac, int vlan, String state, String port, String aging) {
}
