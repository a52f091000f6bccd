package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.model.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serialises every Gatehouse writer of one Kea — threads, processes and workstations alike —
 * with a lease used as a lock. Kea has no compare-and-set for its configuration, but
 * {@code lease4-add} refuses an address that already has a lease, in every version: an atomic
 * test-and-set that every transport reaches. The lock lease sits on the network address of the
 * subnet with the lowest id (never handed out), carries a random locally administered MAC per
 * holder, the hostname {@value #MARKER} and a short lifetime, so that a crashed holder's lock
 * goes stale and is taken over. Taking over deletes by the stale holder's MAC, so it can never
 * remove a newer holder's lock.
 *
 * <p>Writers that are not Gatehouse (Stork, a person with socat) do not take this lock: against
 * them only the re-read before config-set and the check after it protect (README, "Concurrent
 * writers").
 */
public final class KeaWriteLock {
    private static final Logger LOG = LoggerFactory.getLogger(KeaWriteLock.class);
    /** Hostname of the lock lease; lease lists leave such leases out. */
    public static final String MARKER = "gatehouse-write-lock";
    /** The lock lease's lifetime: a holder that died is taken over after this. */
    static final long TTL_SECONDS = 30;
    /** A holder starts its config-set only while this much of its lifetime is left. */
    static final long MARGIN_SECONDS = 12;
    /** Allowed difference between Kea's clock and ours when judging a lock stale by its expiry. */
    private static final long CLOCK_SKEW_SECONDS = 30;

    private final KeaClient kea;
    private final Duration wait;
    private final String holderDescription;
    private final ReentrantLock inProcess = new ReentrantLock();
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier nanoTime;
    private volatile Target target;
    private Mac heldAs;
    private long heldSince;
    /** Our own lock lease that could not be deleted (Kea went away): removed before the next try. */
    private Mac orphan;

    /** Where the lock lease lives: an address Kea accepts for lease4-add but never hands out. */
    record Target(Ipv4 address, long subnetId) {
    }

    KeaWriteLock(KeaClient kea, Duration wait, String holderDescription, LongSupplier nanoTime) {
        this.kea = kea;
        this.wait = wait;
        this.holderDescription = holderDescription;
        this.nanoTime = nanoTime;
    }

    /** True for the lease that implements this lock, so that lists and counts can leave it out. */
    public static boolean isLockLease(Lease lease) {
        return MARKER.equals(lease.hostname());
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
            acquire(purpose);
            try {
                return work.get();
            } finally {
                release();
            }
        } finally {
            inProcess.unlock();
        }
    }

    /**
     * Called right before a write: throws unless this thread's lock lease is still in Kea with
     * enough of its lifetime left, so that a holder that stalled never writes over a successor.
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
    }

    private void acquire(String purpose) {
        Target t = target();
        long started = nanoTime.getAsLong();
        long deadline = started + wait.toNanos();
        Mac me = randomMac();
        if (orphan != null) {
            kea.execute(new LockDel(t, orphan));
            orphan = null;
        }
        Mac watched = null;
        long watchedSince = 0;
        while (true) {
            try {
                kea.execute(new LockAdd(t, me, purpose, holderDescription));
                heldAs = me;
                heldSince = nanoTime.getAsLong();
                LOG.info("write lock on {} taken for {} after waiting {} ms", t.address(), SafeText.escapeForTerminal(purpose),
                        TimeUnit.NANOSECONDS.toMillis(heldSince - started));
                return;
            } catch (KeaRefused taken) {
                // "IPv4 lease already exists": someone holds it. Anything else is a real refusal.
                if (taken.result() != 1 || !taken.keaText().contains("exists")) {
                    throw taken;
                }
            }
            Optional<Lease> holder = kea.execute(new KeaCommands.Lease4Get(t.address()));
            if (holder.isEmpty() || holder.get().mac() == null) {
                continue; // released between our two calls
            }
            Lease h = holder.get();
            if (!isLockLease(h)) {
                throw new KeaRefused("lease4-add", 1, "cannot take Gatehouse's write lock: the address " + t.address()
                        + " holds a lease of " + h.mac() + "; nothing was written");
            }
            long now = nanoTime.getAsLong();
            if (!h.mac().equals(watched)) {
                watched = h.mac();
                watchedSince = now;
            }
            if (stale(h, TimeUnit.NANOSECONDS.toSeconds(now - watchedSince))) {
                LOG.warn("write lock on {}: taking over the stale lock of holder {} (expires {}) after waiting {} ms", t.address(),
                        h.mac(), Instant.ofEpochSecond(h.cltt() + h.validLifetime()),
                        TimeUnit.NANOSECONDS.toMillis(now - started));
                kea.execute(new LockDel(t, h.mac()));
                continue;
            }
            if (now > deadline) {
                LOG.info("write lock on {}: gave up after waiting {} ms for holder {}", t.address(),
                        TimeUnit.NANOSECONDS.toMillis(now - started), h.mac());
                throw new KeaWriteBusy("another Gatehouse has been writing to Kea for over " + wait.toSeconds()
                        + " s (its lock expires at " + Instant.ofEpochSecond(h.cltt() + h.validLifetime())
                        + "); nothing was written, try again");
            }
            sleepBriefly();
        }
    }

    /** Kea reclaimed it, it expired by Kea's clock (with room for skew), or it has not moved for a whole lifetime. */
    private static boolean stale(Lease holder, long watchedSeconds) {
        long expires = holder.cltt() + holder.validLifetime();
        return holder.state() != org.gatehouse.model.LeaseState.DEFAULT
                || expires + CLOCK_SKEW_SECONDS < Instant.now().getEpochSecond()
                || watchedSeconds > TTL_SECONDS + 10;
    }

    private void release() {
        Mac me = heldAs;
        heldAs = null;
        try {
            kea.execute(new LockDel(target, me));
        } catch (KeaException lost) {
            // Kea went away after the work: others take the lease over once it expires; we delete it next time.
            LOG.warn("write lock on {}: could not release it ({}); it expires within {} s", target.address(),
                    lost.getClass().getSimpleName(), TTL_SECONDS);
            orphan = me;
        }
    }

    private Target target() {
        Target t = target;
        if (t == null) {
            t = lowestSubnet(kea.config().raw().path("Dhcp4"));
            target = t;
        }
        return t;
    }

    static Target lowestSubnet(JsonNode dhcp4) {
        Target best = null;
        for (JsonNode s : subnets(dhcp4)) {
            long id = s.path("id").asLong(-1);
            String prefix = s.path("subnet").asText("");
            int slash = prefix.indexOf('/');
            if (id < 0 || slash < 0 || !Ipv4.isValid(prefix.substring(0, slash))) {
                continue;
            }
            if (best == null || id < best.subnetId()) {
                best = new Target(Ipv4.parse(prefix.substring(0, slash)), id);
            }
        }
        if (best == null) {
            throw new KeaRefused("config-get", 1, "Kea has no IPv4 subnet, so Gatehouse cannot take its write lock");
        }
        return best;
    }

    private static Iterable<JsonNode> subnets(JsonNode dhcp4) {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        dhcp4.path("subnet4").forEach(all::add);
        dhcp4.path("shared-networks").forEach(n -> n.path("subnet4").forEach(all::add));
        return all;
    }

    private Mac randomMac() {
        byte[] b = new byte[5];
        random.nextBytes(b);
        long v = 0x0EL; // locally administered, unicast: never a real NIC's MAC
        for (byte x : b) {
            v = (v << 8) | (x & 0xFF);
        }
        return new Mac(v);
    }

    private void sleepBriefly() {
        try {
            Thread.sleep(20 + random.nextInt(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeaWriteBusy("interrupted while waiting to write to Kea; nothing was written");
        }
    }

    /** lease4-add of the lock lease; Kea answers result 1 "IPv4 lease already exists" when it is taken. */
    record LockAdd(Target target, Mac holder, String purpose, String by) implements KeaCommand<Void> {
        @Override
        public String name() {
            return "lease4-add";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            ObjectNode a = json.object()
                    .put("ip-address", target.address().toString())
                    .put("hw-address", holder.toString())
                    .put("subnet-id", target.subnetId())
                    .put("valid-lft", TTL_SECONDS)
                    .put("hostname", MARKER);
            a.putObject("user-context").putObject("gatehouse-lock").put("by", by).put("for", purpose);
            return a;
        }

        @Override
        public Void decode(KeaResponse r, KeaJson json) {
            return null;
        }
    }

    /** lease4-del by the holder's MAC: removes that holder's lock lease and never another's. */
    record LockDel(Target target, Mac holder) implements KeaCommand<Boolean> {
        @Override
        public String name() {
            return "lease4-del";
        }

        @Override
        public ObjectNode arguments(KeaJson json) {
            return json.object().put("identifier-type", "hw-address").put("identifier", holder.toString())
                    .put("subnet-id", target.subnetId());
        }

        @Override
        public Boolean decode(KeaResponse r, KeaJson json) {
            return !r.isEmpty();
        }
    }
}
