package org.gatehouse.ui.leases;

import org.gatehouse.model.ClassifiedLease;

/** One table row: the lease as classified. Immutable; a refresh replaces rows. */
public record LeaseRow(ClassifiedLease lease) {

    public String ip() {
        return lease.lease().ip().toString();
    }

    public String mac() {
        return lease.lease().mac() == null ? "" : lease.lease().mac().toString();
    }

    public String hostname() {
        return lease.lease().hostname();
    }

    public String vendor() {
        return lease.vendor() == null ? "" : lease.vendor();
    }

    public String tier() {
        return lease.tier().label();
    }

    public String state() {
        return lease.lease().state().label();
    }

    public long subnetId() {
        return lease.lease().subnetId();
    }

    public long expiresEpoch() {
        return lease.lease().cltt() + lease.lease().validLifetime();
    }
}
