package org.gatehouse.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaUnsupported;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;
import org.gatehouse.store.ActionLog;

/**
 * What the decision flow and the reservation editor share: the Kea reservations port, the
 * device's current leases, "which subnet", and the audit row of a failed act. Writes no audit row
 * of a successful act: each act's owner writes exactly one.
 */
final class ReservationWrites {
    final KeaClient kea;
    final Reservations reservations;
    final ActionLog actions;
    final Clock clock;
    final String actor;

    ReservationWrites(KeaClient kea, Reservations reservations, ActionLog actions, Clock clock, String actor) {
        this.kea = kea;
        this.reservations = reservations;
        this.actions = actions;
        this.clock = clock;
        this.actor = actor;
    }

    Reservations.Result write(String action, Mac mac, List<ReservationEdit> edits) {
        return reservations.apply(edits, "before " + action + " " + mac, Reservations.OnConflict.FAIL);
    }

    /** Runs an act; any failure is logged with its exit code before it reaches the caller. */
    <T> T logged(String action, Mac mac, String note, Instant at, Supplier<T> work) {
        try {
            return work.get();
        } catch (GatehouseException e) {
            actions.append(at, action, mac.toString(), note == null || note.isEmpty() ? null : "note: " + note,
                    "failed (exit " + e.exitCode() + "): " + e.getMessage());
            throw e;
        }
    }

    List<HostReservation> reservationsOf(Mac mac) {
        return reservations.list().stream().filter(r -> r.mac().equals(mac)).toList();
    }

    /** The device's active leases (none where Kea has no lease commands). */
    List<Lease> currentLeases(Mac mac) {
        try {
            return kea.execute(new KeaCommands.Lease4GetByHwAddress(mac)).stream()
                    .filter(l -> l.state() == LeaseState.DEFAULT).toList();
        } catch (KeaUnsupported noLeaseCmds) {
            return List.of();
        }
    }

    KeaConfig config() {
        KeaConfig c = reservations.lastConfig();
        return c != null ? c : kea.config();
    }

    /** {@link SubnetRule#choose} with the device's leases and reservations. */
    long subnetFor(Mac mac, Long given, Ipv4 ip, List<Lease> leases) {
        if (given != null) {
            return given;
        }
        if (ip != null) {
            return SubnetRule.choose(kea.config(), mac, null, ip, List.of(), List.of());
        }
        List<Long> fromLeases = leases.stream().map(Lease::subnetId).toList();
        List<Long> fromReservations = fromLeases.size() == 1 ? List.of() : reservationsOf(mac).stream().map(HostReservation::subnetId).toList();
        return SubnetRule.choose(config(), mac, null, null, fromLeases, fromReservations);
    }
}
