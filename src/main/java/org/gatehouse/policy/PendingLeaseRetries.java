package org.gatehouse.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * and retried by the next decision, the aging service or the queue screen, never dropped. With
 * several servers each owed deletion names the server that missed it and is retried there only
 * (the lease is that server's: another server has no such lease, or one that is not owed).
 */
public final class PendingLeaseRetries {

    /** One owed deletion: the lease of {@code mac} at {@code ip}, on {@code server} (an endpoint; "" for whichever retries it). */
    public record Owed(Mac mac, Ipv4 ip, long subnetId, String server, String lastError) {
    }

    private final KeaClient kea;
    private final String name;
    private final PendingLeaseDeletes pending;
    private final ActionLog actions;
    private final Clock clock;
    private KeaServers peers;

    public PendingLeaseRetries(KeaClient kea, PendingLeaseDeletes pending, ActionLog actions, Clock clock) {
        this(null, kea, pending, actions, clock);
    }

    /** @param name this server's name when it is one of several (what it fails to delete is recorded as its own), else null */
    public PendingLeaseRetries(String name, KeaClient kea, PendingLeaseDeletes pending, ActionLog actions, Clock clock) {
        this.name = name;
        this.kea = kea;
        this.pending = pending;
        this.actions = actions;
        this.clock = clock;
    }

    /** Several servers: {@link #retry} sends each owed deletion to the server it is owed to (the aging pass retries them all). */
    public void retryOnEvery(KeaServers servers) {
        this.peers = servers;
    }

    /** The server an owed deletion goes to: its client and name (null when alone), or empty when it is not one of ours. */
    private record Target(KeaClient kea, String name) {
    }

    private Optional<Target> target(String server) {
        if (PendingLeaseDeletes.ANY_SERVER.equals(server) || server.equals(kea.endpoint())) {
            return Optional.of(new Target(kea, name)); // rows from before schema 8 (or of one server): as before
        }
        if (peers == null) {
            return Optional.empty(); // owed to another server: only that server (or a connection to it) retries it
        }
        return peers.byEndpoint(server).map(s -> new Target(s.kea(), s.name()));
    }

    /** Retries every owed deletion on its own server; returns what is still owed (a server that is down keeps all of its own). */
    public List<Owed> retry() {
        List<Owed> left = new ArrayList<>();
        Set<String> down = new HashSet<>();
        for (PendingLeaseDeletes.Pending p : pending.all()) {
            Optional<Target> t = target(p.server());
            if (t.isEmpty() || down.contains(t.get().kea().endpoint())) {
                left.add(owed(p));
                continue;
            }
            KeaClient on = t.get().kea();
            String where = p.ip() + (t.get().name() == null ? "" : " on " + t.get().name());
            Instant at = clock.instant();
            try {
                // By now the address may have gone to another guest: delete only the lease of the device we approved.
                Optional<Lease> now = on.execute(new KeaCommands.Lease4Get(p.ip()));
                if (now.isPresent() && !p.mac().equals(now.get().mac())) {
                    pending.done(p.mac(), p.ip(), p.server());
                    actions.append(at, "lease-delete-retry", p.mac().toString(), where,
                            "ok: address now held by another device (" + now.get().mac() + "); nothing deleted");
                    continue;
                }
                boolean deleted = now.isPresent() && on.execute(new KeaCommands.Lease4Del(p.ip()));
                pending.done(p.mac(), p.ip(), p.server());
                actions.append(at, "lease-delete-retry", p.mac().toString(), where, deleted ? "ok" : "ok: no lease");
            } catch (KeaException e) {
                pending.failed(p.mac(), p.ip(), p.subnetId(), p.server(), at, e.getMessage());
                left.add(owed(p));
                if (e instanceof KeaUnreachable) {
                    down.add(on.endpoint()); // its other owed deletions wait for it too
                }
            }
        }
        return left;
    }

    public List<Owed> owed() {
        return pending.all().stream().map(PendingLeaseRetries::owed).toList();
    }

    /** This server failed to delete the lease: owed by it when it is one of several, else by whichever server retries. */
    void failed(Mac mac, Ipv4 ip, long subnet, Instant at, String error) {
        pending.failed(mac, ip, subnet, name == null ? PendingLeaseDeletes.ANY_SERVER : kea.endpoint(), at, error);
    }

    /** A decision was taken back: an owed deletion of the MAC's unregistered lease no longer applies. */
    void forget(Mac mac) {
        pending.clear(mac);
    }

    private static Owed owed(PendingLeaseDeletes.Pending p) {
        return new Owed(p.mac(), p.ip(), p.subnetId(), p.server(), p.lastError());
    }
}
