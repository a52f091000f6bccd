package org.gatehouse.model;

import java.time.Instant;

/**
 * What to show of the audit trail; every field is optional (null = any). {@code result} matches
 * the outcome word ("refused" matches "refused: lease4-del failed ..."). {@code limit} keeps the
 * newest rows when more match; 0 means no limit.
 */
public record AuditQuery(Instant since, Instant until, String user, Mac mac, String action, String result, int limit) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, 0);
    }

    public AuditQuery withMac(Mac m) {
        return new AuditQuery(since, until, user, m, action, result, limit);
    }

    public AuditQuery withSince(Instant s) {
        return new AuditQuery(s, until, user, mac, action, result, limit);
    }

    public AuditQuery withLimit(int n) {
        return new AuditQuery(since, until, user, mac, action, result, n);
    }
}
