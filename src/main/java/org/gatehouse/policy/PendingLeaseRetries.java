package org.gatehouse.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaException;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.PendingLeaseDeletes;

/**
 * Lease deletions an approve owes but could not do (Kea refused or was gone): kept in the cache
 * and retried by the next decision, the aging service or the queue screen, never dropped.
 */
public final class PendingLeaseRetries {

    /** One owed deletion: the lease of {@code mac} at {@code ip}. */
    public record Owed(Mac mac, Ipv4 ip, long subnetId, String lastError) {
    }

    private final KeaClient kea;
    private final PendingLeaseDeletes pending;
    private final ActionLog actions;
    private final Clock clock;

    public PendingLeaseRetries(KeaClient kea, PendingLeaseDeletes pending, ActionLog actions, Clock clock) {
        this.kea = kea;
        this.pending = pending;
        this.actions = actions;
        this.clock = clock;
    }

    /** Retries every owed deletion; returns what is still owed. */
    public List<Owed> retry() {
        List<Owed> left = new ArrayList<>();
        for (PendingLeaseDeletes.Pending p : pending.all()) {
            Instant at = clock.instant();
            try {
                // By now the address may have gone to another guest: delete only the lease of the device we approved.
                Optional<Lease> now = kea.execute(new KeaCommands.Lease4Get(p.ip()));
                if (now.isPresent() && !p.mac().equals(now.get().mac())) {
                    pending.done(p.mac(), p.ip());
                    actions.append(at, "lease-delete-retry", p.mac().toString(), p.ip().toString(),
                            "ok: address now held by another device (" + now.get().mac() + "); nothing deleted");
                    continue;
                }
                boolean deleted = now.isPresent() && kea.execute(new KeaCommands.Lease4Del(p.ip()));
                pending.done(p.mac(), p.ip());
                actions.append(at, "lease-delete-retry", p.mac().toString(), p.ip().toString(), deleted ? "ok" : "ok: no lease");
            } catch (KeaException e) {
                pending.failed(p.mac(), p.ip(), p.subnetId(), at, e.getMessage());
                left.add(owed(p));
                if (e instanceof KeaUnreachable) {
                    break;
                }
            }
        }
        return left;
    }

    public List<Owed> owed() {
        return pending.all().stream().map(PendingLeaseRetries::owed).toList();
    }

    void failed(Mac mac, Ipv4 ip, long subnet, Instant at, String error) {
        pending.failed(mac, ip, subnet, at, error);
    }

    /** A decision was taken back: an owed deletion of the MAC's unregistered lease no longer applies. */
    void forget(Mac mac) {
        pending.clear(mac);
    }

    private static Owed owed(PendingLeaseDeletes.Pending p) {
        return new Owed(p.mac(), p.ip(), p.subnetId(), p.lastError());
    }
}
