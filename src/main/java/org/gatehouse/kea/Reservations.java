package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.ReservationEdit;

/**
 * The port through which Gatehouse changes Kea's host reservations. Two implementations:
 * {@link ConfigSetReservations} (config-get, edit, config-set, config-write, with a lost-update
 * check; the only way on Kea 2.2) and {@link HostCmdsReservations} (the host_cmds hook).
 * Every write is persisted (never a config-set without a config-write) and preceded by a snapshot.
 */
public interface Reservations {

    /** What the caller wants when someone else changed the same reservation meanwhile. */
    enum OnConflict {
        /** Throw {@link ReservationConflict} (exit 4) and write nothing: a person decided, tell them. */
        FAIL,
        /** Leave that edit out and apply the rest: the aging service, which must never overrule a person. */
        SKIP
    }

    enum Status { APPLIED, UNCHANGED, SKIPPED }

    record Outcome(ReservationEdit edit, Status status, String detail) {
    }

    /**
     * What one {@link #apply} did. {@code merged} is true when the configuration had changed
     * under us and our edits were re-applied on top of the other writer's version.
     */
    record Result(List<Outcome> outcomes, boolean written, boolean merged, String mechanism) {
        public long applied() {
            return outcomes.stream().filter(o -> o.status() == Status.APPLIED).count();
        }
    }

    /** Called with the configuration as it is right before a write, so it can be stored. */
    @FunctionalInterface
    interface SnapshotSink {
        void beforeWrite(String reason, String hash, JsonNode configGetArguments);

        SnapshotSink NONE = (reason, hash, config) -> { };
    }

    /** Every hw-address reservation of every subnet. */
    List<HostReservation> list();

    /** The same from a configuration already read (no second config-get where the reservations live in it). */
    List<HostReservation> listFrom(KeaConfig config);

    /**
     * Validates every edit first (bad input: exit 2, nothing written), then applies them as one
     * change and persists it.
     */
    Result apply(List<ReservationEdit> edits, String reason, OnConflict onConflict);

    /** "config-set" or "host_cmds", for reports and the status screen. */
    String mechanism();

    /**
     * host_cmds where Kea has it (detected from list-commands on first use), else config-set.
     * Nothing is sent to Kea before the first call.
     */
    static Reservations forKea(KeaClient kea, KeaJson json, SnapshotSink snapshots) {
        return new AutoReservations(kea, json, snapshots);
    }

    /** The configuration the last list or apply read (for validation in the GUI); null before the first. */
    KeaConfig lastConfig();
}
