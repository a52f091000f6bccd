package org.gatehouse.policy;

import java.time.Clock;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.Reservations;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.PendingLeaseDeletes;

/**
 * The decision services of one Kea connection, built once: {@link #flow()} (approve, deny,
 * unregister, undo, decide-or-queue: the one flow every screen and command uses),
 * {@link #editor()} (the reservation editor and bulk import) and {@link #retries()} (lease
 * deletions an approve still owes).
 */
public final class DecisionService {
    private final DecisionFlow flow;
    private final ReservationEditor editor;
    private final PendingLeaseRetries retries;

    public DecisionService(KeaClient kea, Reservations reservations, ActionLog actions, PendingLeaseDeletes pending,
                           MacBlocker blocker, OfflineQueue offline, Clock clock, String actor) {
        this(null, kea, reservations, actions, pending, blocker, offline, clock, actor);
    }

    /**
     * @param server this server's name when it is one of several: the lease deletions it owes are
     *               recorded as its own and retried on it alone; null for one server
     */
    public DecisionService(String server, KeaClient kea, Reservations reservations, ActionLog actions, PendingLeaseDeletes pending,
                           MacBlocker blocker, OfflineQueue offline, Clock clock, String actor) {
        ReservationWrites writes = new ReservationWrites(kea, reservations, actions, clock, actor);
        this.retries = new PendingLeaseRetries(server, kea, pending, actions, clock);
        this.flow = new DecisionFlow(writes, retries, blocker, offline);
        this.editor = new ReservationEditor(writes, blocker, offline);
    }

    private DecisionService(DecisionFlow flow, ReservationEditor editor, PendingLeaseRetries retries) {
        this.flow = flow;
        this.editor = editor;
        this.retries = retries;
    }

    /**
     * The decision services of several servers, as the console uses them: every approve, deny,
     * unregister, undo and reservation edit goes to each server that serves the subnet
     * ({@link PeerDecisions}); what one server missed waits in the offline queue for it, and the
     * outcome names it. What only reads (rules, the list, queued edits) is the first server's.
     */
    public static DecisionService onEvery(KeaServers servers, OfflineQueue offline) {
        DecisionService first = servers.first().decisions();
        PeerDecisions peers = new PeerDecisions(servers, offline);
        return new DecisionService(new PeerDecisionFlow(first.flow(), peers), new PeerReservationEditor(first.editor(), peers,
                new PeerBatchWrites(servers, offline)),
                first.retries());
    }

    public DecisionFlow flow() {
        return flow;
    }

    public ReservationEditor editor() {
        return editor;
    }

    public PendingLeaseRetries retries() {
        return retries;
    }
}
