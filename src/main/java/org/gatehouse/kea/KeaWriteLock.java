package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Ipv4Range;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises every Gatehouse writer of one Kea — threads, processes and workstations alike —
 * with a lease used as a lock. Kea has no compare-and-set for its configuration, but
 * {@code lease4-add} refuses an address that already has a lease, in every version: an atomic
 * test-and-set that every transport reaches. The lock lease sits on the network address of the
 * subnet with the lowest id whose pools leave that address out (never handed out), carries a MAC
 * of Gatehouse's own locally administered prefix with random low bytes per holder, the hostname
 * {@value #MARKER} and a short lifetime, so that a crashed holder's lock goes stale and is taken
 * over. Taking over deletes by the stale holder's MAC, so it can never remove a newer holder's lock.
 *
 * <p>Staleness is judged by Kea (the lease is no longer in the default state: Kea reclaimed it, and
 * then also clears its hostname) or by our own monotonic clock (the same holder for longer than a
 * lifetime), never by comparing Kea's clock with ours.
 *
 * <p>Writers that are not Gatehouse (Stork, a person with socat) do not take this lock: against
 * them only the re-read before config-set and the check after it protect (README, "Concurrent
 * writers").
 */
public final class KeaWriteLock {
    private static final Logger LOG = LoggerFactory.getLogger(KeaWriteLock.class);
    /** Hostname of the lock lease. */
    public static final String MARKER = "gatehouse-write-lock";
    /** The lock lease's lifetime: a holder that died is taken over after this. */
    static final long TTL_SECONDS = 30;
    /** A holder starts its config-set only while this much of its lifetime is left. */
    static final long MARGIN_SECONDS = 12;
    /** Upper three bytes of every holder's MAC: locally administered ("0e"), then "gh". */
    static final long HOLDER_PREFIX = 0x0E6768L;

    private final KeaClient kea;
    private final Duration wait;
    private final String holderDescription;
    private final ReentrantLock inProcess = new ReentrantLock();
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier nanoTime;
    private volatile Target target;
    private Mac heldAs;
    private long heldSince;
    private Thread releaseAtExit;
    /** Our own lock lease that could not be deleted (Kea went away): removed before the next try. */
    private Mac orphan;

    /** Where the lock lease lives: an address Kea accepts for lease4-add but never hands out. */
    record Target(Ipv4 address, long subnetId) {
    }

    /** Thrown inside the work when the configuration names another lock address than the one held. */
    private static final class Retarget extends RuntimeException {
        Retarget() {
            super(null, null, false, false);
        }
    }

    KeaWriteLock(KeaClient kea, Duration wait, String holderDescription, LongSupplier nanoTime) {
        this.kea = kea;
        this.wait = wait;
        this.holderDescription = holderDescription;
        this.nanoTime = nanoTime;
    }

    /**
     * True for a lease that implements this lock, so that lists and counts can leave it out: a
     * holder MAC with the lock's hostname, or with none (Kea clears it when it reclaims the lease).
     */
    public static boolean isLockLease(Lease lease) {
        return isHolderMac(lease.mac()) && (MARKER.equals(lease.hostname()) || lease.hostname().isEmpty());
    }

    /** A MAC of the lock's own prefix: a lease with it on the lock address is a (possibly reclaimed) lock. */
    private static boolean isHolderMac(Mac mac) {
        return mac != null && (mac.value() >>> 24) == HOLDER_PREFIX;
    }

    /**
     * Runs {@code work} while holding the lock. Re-entrant within one thread. Without lease_cmds
     * there is no lock to take: the work runs unprotected against other processes (README).
     *
     * @throws KeaWriteBusy when another writer holds the lock for longer than the wait allows
     */
    public <T> T holding(String purpose, Supplier<T> work) {
        boolean mine;
        try {
            mine = inProcess.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeaWriteBusy("interrupted while waiting to write to Kea; nothing was written");
        }
        if (!mine) {
            throw new KeaWriteBusy("another task of this program has been writing to Kea for over "
                    + wait.toSeconds() + " s; nothing was written");
        }
        try {
            if (inProcess.getHoldCount() > 1 || !kea.capabilities().leaseCommands()) {
                return work.get();
            }
            for (int attempt = 1; ; attempt++) {
                acquire(purpose);
                try {
                    return work.get();
                } catch (Retarget moved) {
                    // Another subnet became the lowest since we chose: every writer must lock the same address.
                    if (attempt == 3) {
                        throw new KeaWriteBusy("Kea's subnets keep changing; nothing was written, try again");
                    }
                } finally {
                    release();
                }
            }
        } finally {
            inProcess.unlock();
        }
    }

    /**
     * Called by a writer with the configuration it has just read under the lock, before it writes:
     * if that configuration puts the lock elsewhere (a subnet with a lower id was added, or ours
     * removed), the lock is taken again there and the work starts over.
     */
    public void confirmTarget(JsonNode dhcp4) {
        if (!inProcess.isHeldByCurrentThread() || heldAs == null) {
            return;
        }
        Target now = lockTarget(dhcp4);
        if (!now.equals(target)) {
            target = now;
            throw new Retarget();
        }
    }

    /**
     * Called right before a write: throws unless this thread's lock lease is still in Kea with
     * enough of its lifetime left, so that a holder that stalled never writes over a successor.
     * Renews the lease once a third of its lifetime has passed, so that long work (a large import
     * with host_cmds) keeps it.
     */
    public void checkHeld() {
        if (!inProcess.isHeldByCurrentThread() || heldAs == null) {
            return;
        }
        long heldSeconds = TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - heldSince);
        Optional<Lease> now = kea.execute(new KeaCommands.Lease4Get(target.address()));
        boolean stillOurs = now.isPresent() && heldAs.equals(now.get().mac());
        if (!stillOurs || heldSeconds > TTL_SECONDS - MARGIN_SECONDS) {
            throw new KeaWriteBusy("the write lock on Kea lapsed after " + heldSeconds
                    + " s (Kea too slow?); nothing was written, try again");
        }
        if (heldSeconds > TTL_SECONDS / 3) {
            kea.execute(new LockCommands.LockRenew(target, heldAs));
            heldSince = nanoTime.getAsLong();
        }
    }

    private void acquire(String purpose) {
        Target t = target();
        long started = nanoTime.getAsLong();
        long deadline = started + wait.toNanos();
        Mac me = randomMac();
        if (orphan != null) {
            kea.execute(new LockCommands.LockDel(t, orphan));
            orphan = null;
        }
        Mac watched = null;
        long watchedSince = 0;
        boolean retargeted = false;
        while (true) {
            try {
                kea.execute(new LockCommands.LockAdd(t, me, purpose, holderDescription));
                heldAs = me;
                heldSince = nanoTime.getAsLong();
                releaseAtExit = releaseAtExit(t, me);
                LOG.info("write lock on {} taken for {} after waiting {} ms", t.address(), SafeText.escapeForTerminal(purpose),
                        TimeUnit.NANOSECONDS.toMillis(heldSince - started));
                return;
            } catch (KeaRefused refused) {
                // "IPv4 lease already exists": result 1 on Kea 2.2, 4 (conflict) from Kea 2.4 on (measured on 3.0.4).
                boolean taken = (refused.result() == 1 || refused.result() == KeaResponse.CONFLICT) && refused.keaText().contains("exists");
                if (!taken) {
                    if (retargeted) {
                        throw refused;
                    }
                    // Our subnet may be gone from the configuration: choose again, once.
                    target = null;
                    t = target();
                    retargeted = true;
                    continue;
                }
            }
            long now = nanoTime.getAsLong();
            Optional<Lease> holder = kea.execute(new KeaCommands.Lease4Get(t.address()));
            if (holder.isPresent()) {
                Lease h = holder.get();
                if (!java.util.Objects.equals(h.mac(), watched)) {
                    watched = h.mac();
                    watchedSince = now;
                }
                if (takeOver(t, h, TimeUnit.NANOSECONDS.toSeconds(now - watchedSince))) {
                    continue;
                }
            }
            if (now > deadline) {
                LOG.info("write lock on {}: gave up after waiting {} ms{}", t.address(), TimeUnit.NANOSECONDS.toMillis(now - started),
                        holder.map(h -> " for holder " + h.mac()).orElse(""));
                throw new KeaWriteBusy("another Gatehouse has been writing to Kea for over " + wait.toSeconds()
                        + " s" + holder.map(h -> " (holder " + h.mac() + ")").orElse("") + "; nothing was written, try again");
            }
            sleepBriefly();
        }
    }

    /**
     * Removes a lease that keeps us from the lock when it is safe to: a lock lease Kea reclaimed or
     * that has not changed for a whole lifetime (by its holder's MAC), or a device lease that is not
     * live (declined, reclaimed) on an address no device should hold. A live device lease is refused.
     */
    private boolean takeOver(Target t, Lease h, long watchedSeconds) {
        boolean live = h.state() == LeaseState.DEFAULT;
        if (isHolderMac(h.mac())) {
            if (!live || watchedSeconds > TTL_SECONDS + 10) {
                LOG.warn("write lock on {}: taking over the stale lock of holder {} ({}, unchanged for {} s)", t.address(), h.mac(),
                        h.state().label(), watchedSeconds);
                kea.execute(new LockCommands.LockDel(t, h.mac()));
                return true;
            }
            return false;
        }
        if (!live) {
            LOG.warn("write lock on {}: removing a {} lease of {} that sat on the lock address", t.address(), h.state().label(), h.mac());
            kea.execute(new KeaCommands.Lease4Del(t.address()));
            return true;
        }
        throw new KeaRefused("lease4-add", 1, "cannot take Gatehouse's write lock: the address " + t.address()
                + " holds a lease of " + h.mac() + "; nothing was written");
    }

    private void release() {
        Mac me = heldAs;
        heldAs = null;
        if (releaseAtExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(releaseAtExit);
            } catch (IllegalStateException exiting) {
                // the hook is running or about to: it deletes the lease itself
            }
            releaseAtExit = null;
        }
        try {
            kea.execute(new LockCommands.LockDel(target, me));
        } catch (KeaException lost) {
            // Kea went away after the work: others take the lease over once Kea reclaims it; we delete it next time.
            LOG.warn("write lock on {}: could not release it ({}); it expires within {} s", target.address(),
                    lost.getClass().getSimpleName(), TTL_SECONDS);
            orphan = me;
        }
    }

    /** A process stopped mid-write (Ctrl+C, systemctl stop) gives the lock back instead of leaving it to expire. */
    private Thread releaseAtExit(Target t, Mac me) {
        Thread hook = new Thread(() -> {
            try {
                kea.execute(new LockCommands.LockDel(t, me));
            } catch (RuntimeException ignored) {
                // best effort at exit; the lease lapses by itself
            }
        }, "gatehouse-kea-lock-release");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            return null;
        }
        return hook;
    }

    private Target target() {
        Target t = target;
        if (t == null) {
            t = lockTarget(kea.config().raw().path("Dhcp4"));
            target = t;
        }
        return t;
    }

    /**
     * The network address of the subnet with the lowest id, among subnets of /30 or wider whose pools
     * do not include it: an address Kea accepts for lease4-add and never hands out. Every Gatehouse
     * reading the same configuration chooses the same one.
     */
    static Target lockTarget(JsonNode dhcp4) {
        Target best = null;
        for (JsonNode s : subnets(dhcp4)) {
            long id = s.path("id").asLong(-1);
            Ipv4Range prefix;
            try {
                prefix = Ipv4Range.parse(s.path("subnet").asText(""));
            } catch (RuntimeException notAPrefix) {
                continue;
            }
            if (id < 0 || prefix.size() < 4 || poolsHold(s, prefix.first()) || (best != null && id >= best.subnetId())) {
                continue;
            }
            best = new Target(prefix.first(), id);
        }
        if (best == null) {
            throw new KeaRefused("config-get", 1, "Kea has no IPv4 subnet of /30 or wider whose network address lies"
                    + " outside its pools, so Gatehouse cannot take its write lock");
        }
        return best;
    }

    private static boolean poolsHold(JsonNode subnet, Ipv4 address) {
        for (JsonNode p : subnet.path("pools")) {
            try {
                if (Ipv4Range.parse(p.path("pool").asText("")).contains(address)) {
                    return true;
                }
            } catch (RuntimeException unreadable) {
                return true; // cannot tell: do not put the lock there
            }
        }
        return false;
    }

    private static List<JsonNode> subnets(JsonNode dhcp4) {
        List<JsonNode> all = new ArrayList<>();
        dhcp4.path("subnet4").forEach(all::add);
        dhcp4.path("shared-networks").forEach(n -> n.path("subnet4").forEach(all::add));
        return all;
    }

    private Mac randomMac() {
        return new Mac((HOLDER_PREFIX << 24) | random.nextInt(1 << 24));
    }

    private void sleepBriefly() {
        try {
            Thread.sleep(20 + random.nextInt(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeaWriteBusy("interrupted while waiting to write to Kea; nothing was written");
        }
    }
}
