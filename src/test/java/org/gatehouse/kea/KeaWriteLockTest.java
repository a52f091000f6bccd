package org.gatehouse.kea;

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

    @Test
    void aDeadHoldersLockIsTakenOverAndALiveOnesIsNot() {
        // A holder that died 5 minutes ago: its lock lease expired long since by Kea's clock.
        long past = Instant.now().getEpochSecond() - 300;
        kea.client().execute(new KeaCommands.Lease4Add(new Lease(LOCK_ADDRESS, Mac.parse("0e:de:ad:00:00:01"),
                KeaWriteLock.MARKER, 40, LeaseState.DEFAULT, past, KeaWriteLock.TTL_SECONDS)));
        assertThat(client().writeLock().holding("after a crash", () -> "done")).isEqualTo("done");

        // A live holder (fresh lease): a client that may wait only briefly gives up, exit 4, nothing run.
        kea.client().execute(new KeaCommands.Lease4Add(new Lease(LOCK_ADDRESS, Mac.parse("0e:11:11:00:00:01"),
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
        // The live holder's lock is still there: waiting never deletes it.
        Optional<Lease> still = kea.client().execute(new KeaCommands.Lease4Get(LOCK_ADDRESS));
        assertThat(still).get().extracting(Lease::mac).isEqualTo(Mac.parse("0e:11:11:00:00:01"));
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
