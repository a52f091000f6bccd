package org.gatehouse.ui.switchboard;

/** One line of the blocked list, as shown. */
public record BlockedRow(String mac, String vendor, String rule, String when, String by, String note, String state, boolean ours) {
}
