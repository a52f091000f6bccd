package org.gatehouse.kea;

import org.gatehouse.model.Failure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.ReservationEdit;

/**
 * Reservations through the host_cmds hook (open source from Kea 3.0): one
 * {@code reservation-add}/{@code -update}/{@code -del} per edit, so no whole-config reload and no
 * lost update of unrelated reservations. Without a hosts database the commands must name
 * {@code "operation-target": "memory"} (else Kea answers "Host database not available"), and the
 * running configuration is then persisted with config-write, as with config-set.
 */
public final class HostCmdsReservations implements Reservations {
    private final KeaClient kea;
    private final SnapshotSink snapshots;
    private volatile KeaConfig last;

    public HostCmdsReservations(KeaClient kea, SnapshotSink snapshots) {
        this.kea = kea;
        this.snapshots = snapshots;
    }

    @Override
    public String mechanism() {
        return "host_cmds";
    }

    @Override
    public KeaConfig lastConfig() {
        return last;
    }

    /** "database" when Kea has a hosts database (reservations live there), else "memory" (the configuration). */
    static String target(KeaConfig c) {
        JsonNode d = c.raw().path("Dhcp4");
        boolean db = d.path("hosts-database").isObject() || (d.path("hosts-databases").isArray() && !d.path("hosts-databases").isEmpty());
        return db ? ReservationCommands.DATABASE : ReservationCommands.MEMORY;
    }

    @Override
    public List<HostReservation> list() {
        return listFrom(kea.config());
    }

    @Override
    public List<HostReservation> listFrom(KeaConfig c) {
        last = c;
        String target = target(c);
        if (ReservationCommands.MEMORY.equals(target)) {
            return ConfigEdits.reservations(c.raw().path("Dhcp4"));
        }
        List<HostReservation> out = new ArrayList<>();
        for (KeaConfig.Subnet s : c.subnets()) {
            for (JsonNode h : kea.execute(new ReservationCommands.ReservationGetAll(s.id(), target))) {
                HostReservation r = ConfigEdits.fromJson(h, s.id());
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    @Override
    public Result apply(List<ReservationEdit> edits, String reason, OnConflict onConflict) {
        // Each host command is atomic, but a decision reads before it writes: serialise writers.
        return kea.writeLock().holding(reason, () -> applyLocked(edits, reason, onConflict));
    }

    private Result applyLocked(List<ReservationEdit> edits, String reason, OnConflict onConflict) {
        KeaConfig config = kea.config();
        last = config;
        JsonNode dhcp4 = config.raw().path("Dhcp4");
        kea.writeLock().confirmTarget(dhcp4);
        ConfigEdits.validateAll(dhcp4, edits);
        String target = target(config);
        boolean memory = ReservationCommands.MEMORY.equals(target);
        boolean update = kea.capabilities().supports("reservation-update");
        List<Outcome> outcomes = new ArrayList<>();
        boolean snapshotTaken = false;
        boolean wrote = false;
        for (ReservationEdit e : edits) {
            Optional<JsonNode> existing = kea.execute(new ReservationCommands.ReservationGet(e.subnetId(), e.mac(), target));
            if (ConfigEdits.satisfies(existing.orElse(null), e)) {
                outcomes.add(new Outcome(e, Status.UNCHANGED, "already so in Kea"));
                continue;
            }
            if (existing.isPresent() && e instanceof ReservationEdit.Put p && p.onlyIfAbsent()) {
                outcomes.add(new Outcome(e, Status.SKIPPED, ConfigSetReservations.alreadyReserved(existing.get(), e)));
                continue;
            }
            if (!snapshotTaken) {
                snapshots.beforeWrite(reason, config.hash(), config.raw());
                snapshotTaken = true;
            }
            // Still ours (and renewed) before each change: a long import outlives one lock lifetime.
            kea.writeLock().checkHeld();
            if (e instanceof ReservationEdit.Put put) {
                ObjectNode host = ConfigEdits.toJson(put.reservation(), existing.orElse(null));
                host.put("subnet-id", e.subnetId());
                if (existing.isPresent() && update) {
                    kea.execute(new ReservationCommands.ReservationUpdate(host, target));
                } else {
                    if (existing.isPresent()) {
                        kea.execute(new ReservationCommands.ReservationDel(e.subnetId(), e.mac(), target));
                    }
                    kea.execute(new ReservationCommands.ReservationAdd(host, target));
                }
                outcomes.add(new Outcome(e, Status.APPLIED, "written"));
                wrote = true;
            } else {
                boolean deleted = kea.execute(new ReservationCommands.ReservationDel(e.subnetId(), e.mac(), target));
                outcomes.add(new Outcome(e, deleted ? Status.APPLIED : Status.UNCHANGED, deleted ? "deleted" : "Kea had none"));
                wrote |= deleted;
            }
        }
        if (wrote && memory) {
            try {
                kea.execute(new ConfigCommands.ConfigWrite());
            } catch (KeaException ex) {
                throw new NotPersisted("Kea applied the reservation change in memory but config-write failed (" + ex.getMessage()
                        + "); it is lost when Kea restarts unless written later", ex.failure() == Failure.UNREACHABLE ? 3 : 1, ex);
            }
        }
        return new Result(outcomes, wrote, false, mechanism());
    }
}
