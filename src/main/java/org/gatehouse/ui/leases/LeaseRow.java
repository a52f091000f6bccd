package org.gatehouse.ui.leases;

import org.gatehouse.model.ClassifiedLease;

/**
 * One table row, kept for as long as its address holds a lease: a refresh that changes the lease
 * replaces the row's {@link RowData} in place (the cells redraw, selection and scroll position
 * stay), it does not replace the row. Plain fields, no JavaFX properties: 50,000 rows would carry
 * 100,000 property objects for the 30 the window shows; the cells on screen learn of changes from
 * {@link LeaseTableModel#revisionProperty()} instead. Changed on the FX thread only.
 */
public final class LeaseRow {
    private final long ip;
    private RowData data;
    private boolean flashing;

    public LeaseRow(RowData data) {
        this.ip = data.ipValue();
        this.data = data;
    }

    /** The row's key: the leased address as a number. */
    public long key() {
        return ip;
    }

    public RowData data() {
        return data;
    }

    void update(RowData next) {
        data = next;
    }

    /** True for a moment after the row's lease appeared or changed. */
    public boolean flashing() {
        return flashing;
    }

    void flash(boolean on) {
        flashing = on;
    }

    public ClassifiedLease lease() {
        return data.lease();
    }

    public String ip() {
        return lease().lease().ip().toString();
    }

    public String mac() {
        return lease().lease().mac() == null ? "" : lease().lease().mac().toString();
    }

    public String hostname() {
        return lease().lease().hostname();
    }

    public String vendor() {
        return lease().vendor() == null ? "" : lease().vendor();
    }

    public String tier() {
        return lease().tier().label();
    }

    public String state() {
        return lease().lease().state().label();
    }

    public long subnetId() {
        return lease().lease().subnetId();
    }

    public boolean reserved() {
        return data.reserved();
    }

    public long expiresEpoch() {
        return data.expiresEpoch();
    }

    @Override
    public String toString() {
        return "LeaseRow[" + ip() + " " + mac() + "]";
    }
}
