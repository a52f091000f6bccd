package org.gatehouse.kea;

import java.util.List;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.ReservationEdit;

/** Picks the reservation mechanism on first use, from the capabilities Kea reports. */
final class AutoReservations implements Reservations {
    private final KeaClient kea;
    private final KeaJson json;
    private final SnapshotSink snapshots;
    private volatile Reservations chosen;

    AutoReservations(KeaClient kea, KeaJson json, SnapshotSink snapshots) {
        this.kea = kea;
        this.json = json;
        this.snapshots = snapshots;
    }

    private Reservations delegate() {
        Reservations r = chosen;
        if (r == null) {
            r = kea.capabilities().hostCommands() ? new HostCmdsReservations(kea, snapshots) : new ConfigSetReservations(kea, json, snapshots);
            chosen = r;
        }
        return r;
    }

    @Override
    public List<HostReservation> list() {
        return delegate().list();
    }

    @Override
    public List<HostReservation> listFrom(KeaConfig config) {
        return delegate().listFrom(config);
    }

    @Override
    public Result apply(List<ReservationEdit> edits, String reason, OnConflict onConflict) {
        return delegate().apply(edits, reason, onConflict);
    }

    @Override
    public String mechanism() {
        Reservations r = chosen;
        return r == null ? "not yet detected" : r.mechanism();
    }

    @Override
    public KeaConfig lastConfig() {
        Reservations r = chosen;
        return r == null ? null : r.lastConfig();
    }
}
