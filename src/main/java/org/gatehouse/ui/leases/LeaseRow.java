package org.gatehouse.ui.leases;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.gatehouse.model.ClassifiedLease;

/**
 * One table row, kept for as long as its address holds a lease: a refresh that changes the lease
 * replaces the row's {@link RowData} in place (the cells redraw, selection and scroll position
 * stay), it does not replace the row. Changed on the FX thread only.
 */
public final class LeaseRow {
    private final long ip;
    private final ReadOnlyObjectWrapper<RowData> data;
    private final ReadOnlyBooleanWrapper flashing = new ReadOnlyBooleanWrapper();

    public LeaseRow(RowData data) {
        this.ip = data.ipValue();
        this.data = new ReadOnlyObjectWrapper<>(data);
    }

    /** The row's key: the leased address as a number. */
    public long key() {
        return ip;
    }

    public RowData data() {
        return data.get();
    }

    public ReadOnlyObjectProperty<RowData> dataProperty() {
        return data.getReadOnlyProperty();
    }

    void update(RowData next) {
        data.set(next);
    }

    /** True for a moment after the row's lease appeared or changed. */
    public ReadOnlyBooleanProperty flashingProperty() {
        return flashing.getReadOnlyProperty();
    }

    void flash(boolean on) {
        flashing.set(on);
    }

    public ClassifiedLease lease() {
        return data().lease();
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
        return data().reserved();
    }

    public long expiresEpoch() {
        return data().expiresEpoch();
    }

    @Override
    public String toString() {
        return "LeaseRow[" + ip() + " " + mac() + "]";
    }
}
