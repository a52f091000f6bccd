package org.gatehouse.ui.leases;

import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.policy.LeaseFilter;

/**
 * What one table row shows, immutable: the classified lease, whether its MAC is reserved, the
 * subnet's label, and the lower-cased text the search looks in (built once, when the lease
 * arrives or changes). Two equal values mean "nothing to redraw".
 */
public record RowData(ClassifiedLease lease, boolean reserved, String subnet, LeaseFilter.Haystack haystack) {

    public long ipValue() {
        return lease.lease().ip().value();
    }

    public long expiresEpoch() {
        return lease.lease().cltt() + lease.lease().validLifetime();
    }

    /** Equality for change detection: the haystack follows from the rest. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RowData r && reserved == r.reserved && lease.equals(r.lease) && subnet.equals(r.subnet);
    }

    @Override
    public int hashCode() {
        return lease.hashCode() * 31 + subnet.hashCode() + (reserved ? 1 : 0);
    }
}
