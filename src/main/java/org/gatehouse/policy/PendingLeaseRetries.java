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
import org.gatehouse.model.SafeText;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.PendingLeaseDeletes;

/**
 * Lease deletions an approve owes but could not do (Kea refused or was gone): kept in the cache
 * and retried by the next decision, the aging service or the queue screen, never dropped. With
 * several servers each owed deletion names the server that missed it and is retried there only
 * (the lease is that server's: another server has no such lease, or one that is not owed); one
 * that names no server, or a server the session no longer has, is retried on every server.
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
    private volatile List<String> notes = List.of();

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
        if (server.equals(kea.endpoint()) || peers == null && PendingLeaseDeletes.ANY_SERVER.equals(server)) {
            return Optional.of(new Target(kea, name)); // its own server's, or one server alone: as before
        }
        if (peers == null) {
            return Optional.empty(); // owed to another server: only that server (or a connection to it) retries it
        }
        return peers.byEndpoint(server).map(s -> new Target(s.kea(), s.name()));
    }

    /**
     * Retries every owed deletion on its own server; returns what is still owed (a server that is
     * down keeps all of its own). With several servers, a row that names no server (from before
     * schema 8) or one the session does not know (removed from the profile, its URI changed) is
     * retried on every server: the lease may sit on any of them.
     */
    public List<Owed> retry() {
        List<Owed> left = new ArrayList<>();
        List<String> said = new ArrayList<>();
        Set<String> down = new HashSet<>();
        for (PendingLeaseDeletes.Pending p : pending.all()) {
            Optional<Target> t = target(p.server());
            if (t.isEmpty() && peers != null) {
                if (!PendingLeaseDeletes.ANY_SERVER.equals(p.server())) {
                    said.add("lease deletion of " + p.mac() + " at " + p.ip() + " owed to " + SafeText.escapeForTerminal(p.server())
                            + ", which this profile no longer names; tried on every server");
                }
                if (!onEveryServer(p, down)) {
                    left.add(owed(p));
                }
                continue;
            }
            if (t.isEmpty() || down.contains(t.get().kea().endpoint())) {
                left.add(owed(p));
                continue;
            }
            if (!onOne(p, t.get(), down)) {
                left.add(owed(p));
            }
        }
        notes = List.copyOf(said);
        return left;
    }

    /** What the last {@link #retry} has to tell a person (an owed deletion whose server is gone), one line each. */
    public List<String> notes() {
        return notes;
    }

    /** Deletes the lease on its own server; true when the row is settled. */
    private boolean onOne(PendingLeaseDeletes.Pending p, Target t, Set<String> down) {
        KeaClient on = t.kea();
        String where = p.ip() + (t.name() == null ? "" : " on " + t.name());
        Instant at = clock.instant();
        try {
            // By now the address may have gone to another guest: delete only the lease of the device we approved.
            Optional<Lease> now = on.execute(new KeaCommands.Lease4Get(p.ip()));
            if (now.isPresent() && !p.mac().equals(now.get().mac())) {
                pending.done(p.mac(), p.ip(), p.server());
                actions.append(at, "lease-delete-retry", p.mac().toString(), where,
                        "ok: address now held by another device (" + now.get().mac() + "); nothing deleted");
                return true;
            }
            boolean deleted = now.isPresent() && on.execute(new KeaCommands.Lease4Del(p.ip()));
            pending.done(p.mac(), p.ip(), p.server());
            actions.append(at, "lease-delete-retry", p.mac().toString(), where, deleted ? "ok" : "ok: no lease");
            return true;
        } catch (KeaException e) {
            pending.failed(p.mac(), p.ip(), p.subnetId(), p.server(), at, e.getMessage());
            if (e instanceof KeaUnreachable) {
                down.add(on.endpoint()); // its other owed deletions wait for it too
            }
            return false;
        }
    }

    /**
     * Deletes the MAC's lease at the address on every server that holds it; settled (true) only
     * when every server answered and none holds that lease any more. A server that is down or
     * refuses keeps the row owed, under the server it named.
     */
    private boolean onEveryServer(PendingLeaseDeletes.Pending p, Set<String> down) {
        Instant at = clock.instant();
        boolean settled = true;
        String error = null;
        List<String> deletedOn = new ArrayList<>();
        for (KeaServers.Server s : peers.all()) {
            if (down.contains(s.endpoint())) {
                settled = false;
                error = s.name() + " unreachable";
                continue;
            }
            try {
                Optional<Lease> now = s.kea().execute(new KeaCommands.Lease4Get(p.ip()));
                if (now.isPresent() && p.mac().equals(now.get().mac())) {
                    if (s.kea().execute(new KeaCommands.Lease4Del(p.ip()))) {
                        deletedOn.add(s.name());
                        actions.append(at, "lease-delete-retry", p.mac().toString(), p.ip() + " on " + s.name(), "ok");
                    }
                }
            } catch (KeaException e) {
                settled = false;
                error = s.name() + ": " + e.getMessage();
                if (e instanceof KeaUnreachable) {
                    down.add(s.endpoint());
                }
            }
        }
        if (!settled) {
            pending.failed(p.mac(), p.ip(), p.subnetId(), p.server(), at, error);
            return false;
        }
        pending.done(p.mac(), p.ip(), p.server());
        if (deletedOn.isEmpty()) {
            actions.append(at, "lease-delete-retry", p.mac().toString(), p.ip() + " on every server", "ok: no lease");
        }
        return true;
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
