package org.gatehouse.model;

import java.time.Instant;

/**
 * One row of the audit trail: when (UTC), who (OS user) and where (workstation), the action, what
 * it acted on (MAC, IP or rule; {@code mac} is set whenever a device is concerned), the state
 * before and after, the user's note, technical detail, and how it ended ({@code ok}, {@code queued},
 * {@code refused: <Kea's or the switch's words>}, {@code failed: <why>}, ...). {@code hash} chains
 * the row to the one before it.
 */
public record AuditEntry(long id, Instant at, String osUser, String host, String action, String target, String mac,
                         String before, String after, String note, String detail, String result, String hash) {

    /** The first word of the result ("ok", "refused", "queued", "failed", ...), for filtering. */
    public String outcome() {
        return outcomeOf(result);
    }

    public static String outcomeOf(String result) {
        if (result == null || result.isBlank()) {
            return "";
        }
        String r = result.strip();
        int cut = r.length();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == ':' || c == ' ' || c == '(') {
                cut = i;
                break;
            }
        }
        return r.substring(0, cut);
    }
}
