package org.gatehouse.policy;

import java.util.List;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.ReservationEdit;

/**
 * One server's reservations among several: the same writes, whose mechanism names the server
 * ("config-set on server2"), so that every report and audit row says where a change was made.
 */
public final class NamedReservations implements Reservations {
    private final Reservations inner;
    private final String server;

    public NamedReservations(Reservations inner, String server) {
        this.inner = inner;
        this.server = server;
    }

    @Override
    public List<HostReservation> list() {
        return inner.list();
    }

    @Override
    public List<HostReservation> listFrom(KeaConfig config) {
        return inner.listFrom(config);
    }

    @Override
    public Result apply(List<ReservationEdit> edits, String reason, OnConflict onConflict) {
        Result r = inner.apply(edits, reason + " (" + server + ")", onConflict);
        return new Result(r.outcomes(), r.written(), r.merged(), r.mechanism() + " on " + server);
    }

    @Override
    public String mechanism() {
        return inner.mechanism() + " on " + server;
    }

    @Override
    public KeaConfig lastConfig() {
        return inner.lastConfig();
    }
}
