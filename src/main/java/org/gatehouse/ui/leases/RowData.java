package org.gatehouse.ui.leases;

import org.gatehouse.model.ClassifiedLease;

/**
 * What one table row shows, immutable: the classified lease, whether its MAC is reserved and the
 * subnet's label; with several servers also the servers holding it and how they differ (null
 * with one server, or when they agree). The text the search looks in is kept per refresh in a
 * {@link SearchIndex}, not per row. Two equal values mean "nothing to redraw".
 */
public record RowData(ClassifiedLease lease, boolean reserved, String subnet, String servers, String difference) {

    public RowData(ClassifiedLease lease, boolean reserved, String subnet) {
        this(lease, reserved, subnet, null, null);
    }

    public long ipValue() {
        return lease.lease().ip().value();
    }

    public long expiresEpoch() {
        return lease.lease().cltt() + lease.lease().validLifetime();
    }
}
