package org.gatehouse.kea;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Kea's write lock on a real kea-dhcp4 2.2: exclusion, takeover of a dead holder, and its limits. */
@Tag("kea")
class KeaWriteLockTest {
    private static final Ipv4 LOCK_ADDRESS = Ipv4.parse("192.168.40.0");

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @BeforeEach
    void clean() {
        kea.wipeLeases();
    }

    private KeaClient client() {
        return new KeaClient(new UnixSocketTransport(kea.socket()), kea.json(), Duration.ofSeconds(5));
    }

    @Test
    void twoClientsNeverHoldItAtOnceAndTheLeaseIsGoneAfterwards() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger worst = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                KeaClient c = client(); // separate clients: no shared in-process lock, only Kea's
                runs.add(pool.submit(() -> {
                    go.await();
                    for (int j = 0; j < 5; j++) {
                        c.writeLock().holding("test", () -> {
                            worst.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            sleep(15);
                            inside.decrementAndGet();
                            return null;
                        });
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(worst.get()).as("holders at once").isEqualTo(1);
        assertThat(kea.client().execute(new KeaCommands.Lease4Get(LOCK_ADDRESS))).isEmpty();
    }

    /** A holder MAC of Gatehouse's lock prefix, as a crashed process would have left it. */
    private static Mac holder(int low) {
        return new Mac((KeaWriteLock.HOLDER_PREFIX << 24) | low);
    }

    @Test
    void aDeadHoldersLockIsTakenOverOnceKeaReclaimsIt() {
        // A holder that died a second into its lock: Kea reclaims the lease (state 2) and clears its hostname.
        kea.client().execute(new KeaCommands.Lease4Add(new Lease(LOCK_ADDRESS, holder(0xdead01),
                KeaWriteLock.MARKER, 40, LeaseState.DEFAULT, Instant.now().getEpochSecond(), 1)));
        long t0 = System.nanoTime();
        assertThat(client().writeLock().holding("after a crash", () -> "done")).isEqualTo("done");
        long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
        // Kea's reclaim timer (10 s by default) decides, not the 40 s "unchanged" rule.
        assertThat(seconds).isLessThan(KeaWriteLock.TTL_SECONDS);
        assertThat(kea.client().execute(new KeaCommands.Lease4Get(LOCK_ADDRESS))).isEmpty();
    }

    @Test
    void aLiveHoldersLockIsWaitedForAndNeverDeleted() {
        kea.client().execute(new KeaCommands.Lease4Add(new Lease(LOCK_ADDRESS, holder(0x111101),
                KeaWriteLock.MARKER, 40, LeaseState.DEFAULT, Instant.now().getEpochSecond(), KeaWriteLock.TTL_SECONDS)));
        KeaClient impatient = new KeaClient(new UnixSocketTransport(kea.socket()), kea.json(), Duration.ofSeconds(5));
        KeaWriteLock shortWait = new KeaWriteLock(impatient, Duration.ofMillis(400), "test", System::nanoTime);
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> shortWait.holding("blocked", ran::incrementAndGet))
                .isInstanceOfSatisfying(KeaWriteBusy.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("nothing was written");
                });
        assertThat(ran).hasValue(0);
        Optional<Lease> still = kea.client().execute(new KeaCommands.Lease4Get(LOCK_ADDRESS));
        assertThat(still).get().extracting(Lease::mac).isEqualTo(holder(0x111101));
    }

    @Test
    void aDeclinedLeaseOnTheLockAddressIsClearedNotSpunOn() {
        kea.client().execute(new KeaCommands.Lease4Add(new Lease(LOCK_ADDRESS, Mac.parse("f0:18:98:00:00:02"),
                "", 40, LeaseState.DECLINED, Instant.now().getEpochSecond(), 3600)));
        KeaWriteLock lock = new KeaWriteLock(client(), Duration.ofSeconds(5), "test", System::nanoTime);
        assertThat(lock.holding("declined", () -> "done")).isEqualTo("done");
    }

    @Test
    void theLockMovesWhenALowerSubnetAppearsAndEveryWriterFollows() {
        KeaClient console = client();
        console.writeLock().holding("first", () -> null); // the console has chosen subnet 40's .0
        var dhcp4 = (com.fasterxml.jackson.databind.node.ObjectNode) kea.client().config().raw().path("Dhcp4").deepCopy();
        var lower = ((com.fasterxml.jackson.databind.node.ArrayNode) dhcp4.path("subnet4")).addObject();
        lower.put("id", 7).put("subnet", "10.7.0.0/24");
        kea.client().execute(new ConfigCommands.ConfigSet(dhcp4));
        try {
            AtomicInteger runs = new AtomicInteger();
            Ipv4 lowerLock = Ipv4.parse("10.7.0.0");
            boolean heldLower = console.writeLock().holding("after the change", () -> {
                runs.incrementAndGet();
                console.writeLock().confirmTarget(console.config().raw().path("Dhcp4"));
                return kea.client().execute(new KeaCommands.Lease4Get(lowerLock)).isPresent();
            });
            assertThat(heldLower).as("the work ran while holding 10.7.0.0").isTrue();
            assertThat(runs).hasValue(2);
        } finally {
            ((com.fasterxml.jackson.databind.node.ArrayNode) dhcp4.path("subnet4")).remove(dhcp4.path("subnet4").size() - 1);
            kea.client().execute(new ConfigCommands.ConfigSet(dhcp4));
        }
    }

    @Test
    void theLockAddressIsANetworkAddressNoPoolHandsOut() {
        var json = kea.json();
        var dhcp4 = json.object();
        var subnets = dhcp4.putArray("subnet4");
        subnets.addObject().put("id", 1).put("subnet", "10.8.0.7/32");
        subnets.addObject().put("id", 2).put("subnet", "10.8.1.0/31");
        var pooled = subnets.addObject().put("id", 3).put("subnet", "10.7.0.0/24");
        pooled.putArray("pools").addObject().put("pool", "10.7.0.0/24");
        subnets.addObject().put("id", 5).put("subnet", "10.9.0.5/24");
        subnets.addObject().put("id", 4).put("subnet", "10.6.0.0/24");
        assertThat(KeaWriteLock.lockTarget(dhcp4)).isEqualTo(new KeaWriteLock.Target(Ipv4.parse("10.6.0.0"), 4));
    }

    @Test
    void aHolderThatStalledPastItsLifetimeDoesNotWrite() {
        AtomicLong clock = new AtomicLong(System.nanoTime());
        KeaWriteLock lock = new KeaWriteLock(client(), Duration.ofSeconds(5), "test", clock::get);
        assertThatThrownBy(() -> lock.holding("slow", () -> {
            clock.addAndGet(Duration.ofSeconds(KeaWriteLock.TTL_SECONDS).toNanos()); // the holder stalls a lifetime
            lock.checkHeld();
            return null;
        })).isInstanceOf(KeaWriteBusy.class).hasMessageContaining("lapsed");
    }

    @Test
    void aRealLeaseOnTheLockAddressIsAClearRefusalAndIsLeftAlone() {
        kea.client().execute(new KeaCommands.Lease4Add(new Lease(LOCK_ADDRESS, Mac.parse("f0:18:98:00:00:01"),
                "someones-laptop", 40, LeaseState.DEFAULT, Instant.now().getEpochSecond(), 3600)));
        assertThatThrownBy(() -> client().writeLock().holding("x", () -> null))
                .isInstanceOf(KeaRefused.class).hasMessageContaining("holds a lease of f0:18:98:00:00:01");
        assertThat(kea.client().execute(new KeaCommands.Lease4Get(LOCK_ADDRESS))).isPresent();
    }

    @Test
    void theLockLeaseIsNotListedAsADevice() {
        kea.addLease(130, "02:00:00:00:00:01", "guest", 3600);
        KeaClient c = client();
        c.writeLock().holding("list", () -> {
            assertThat(kea.client().execute(new KeaCommands.Lease4GetAll())).hasSize(2); // Kea holds the lock lease too
            assertThat(c.allLeases()).extracting(Lease::hostname).containsExactly("guest");
            return null;
        });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
