package org.gatehouse.policy;

import org.gatehouse.store.OfflineActionStore;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatehouse.cli.CliRun;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.kea.ConfigSetReservations;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.ConfigCommands;
import org.gatehouse.kea.ReservationConflict;
import org.gatehouse.kea.Reservations;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.PendingLeaseDeletes;
import org.gatehouse.store.ServiceLock;
import org.gatehouse.testing.InterceptingTransport;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing reservations on a real Kea 2.2 when someone else writes too, or Kea goes away mid-way:
 * lost updates are detected (merged or refused with exit 4), Kea down leaves nothing half-written,
 * and a lease deletion that could not be done is kept and retried.
 */
@Tag("kea")
class WriteSafetyTest {
    private static final Mac A = Mac.parse("f0:18:98:00:00:0a");
    private static final Mac B = Mac.parse("f0:18:98:00:00:0b");

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    InterceptingTransport wire;
    KeaClient client;
    ConfigSetReservations reservations;

    @BeforeEach
    void fresh() throws Exception {
        if (!kea.process().isRunning()) {
            kea.restart();
        }
        kea.wipeLeases();
        KeaConfig c = kea.client().config();
        var dhcp4 = c.raw().path("Dhcp4").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) dhcp4.path("subnet4").get(0)).putArray("reservations");
        kea.client().execute(new ConfigCommands.ConfigSet(dhcp4));
        kea.client().execute(new ConfigCommands.ConfigWrite());
        wire = new InterceptingTransport(new UnixSocketTransport(kea.socket()));
        client = new KeaClient(wire, kea.json(), Duration.ofSeconds(5));
        reservations = new ConfigSetReservations(client, kea.json(), Reservations.SnapshotSink.NONE);
    }

    private static ReservationEdit put(Mac mac, String cls) {
        return new ReservationEdit.Put(new HostReservation(mac, KeaServer.VLAN, List.of(cls), null, "",
                new HostReservation.Stamp("test", java.time.Instant.now(), "")));
    }

    /** Another writer (another workstation) does a full config-get / edit / config-set / config-write. */
    private void otherWriterPuts(Mac mac, String cls) {
        KeaConfig c = kea.client().config();
        var dhcp4 = c.raw().path("Dhcp4").deepCopy();
        ConfigEditsAccess.apply(dhcp4, put(mac, cls));
        kea.client().execute(new ConfigCommands.ConfigSet(dhcp4));
        kea.client().execute(new ConfigCommands.ConfigWrite());
    }

    /**
     * Runs {@code action} right after the first config-get of the next apply once it holds Kea's
     * write lock (lease4-add): the lost-update window. Only a writer that is not Gatehouse can act
     * there, which is what {@code action} plays.
     */
    private void afterFirstConfigGet(Runnable action) {
        AtomicInteger gets = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean locked = new java.util.concurrent.atomic.AtomicBoolean();
        wire.after((command, reply) -> {
            if (command.equals("lease4-add")) {
                locked.set(true);
            }
            if (command.equals("config-get") && locked.get() && gets.incrementAndGet() == 1) {
                action.run();
            }
        });
    }

    private List<HostReservation> inKea() {
        return ConfigEdits.reservations(kea.client().config().raw().path("Dhcp4"));
    }

    @Test
    void aConcurrentChangeToAnotherReservationIsMergedNotLost() throws Exception {
        afterFirstConfigGet(() -> otherWriterPuts(B, "denied"));
        Reservations.Result r = reservations.apply(List.of(put(A, "registered")), "test", Reservations.OnConflict.FAIL);
        assertThat(r.merged()).isTrue();
        assertThat(r.written()).isTrue();
        assertThat(inKea()).extracting(HostReservation::mac).containsExactlyInAnyOrder(A, B);
        assertThat(kea.configFile()).contains(A.toString()).contains(B.toString());
    }

    @Test
    void aConcurrentChangeOfTheSameReservationIsAConflictAndNothingIsOverwritten() {
        afterFirstConfigGet(() -> otherWriterPuts(A, "denied"));
        assertThatThrownBy(() -> reservations.apply(List.of(put(A, "registered")), "test", Reservations.OnConflict.FAIL))
                .isInstanceOfSatisfying(ReservationConflict.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(4);
                    assertThat(e.getMessage()).contains("changed by someone else meanwhile (now: denied by test");
                });
        assertThat(inKea()).singleElement().satisfies(h -> assertThat(h.clientClasses()).containsExactly("denied"));
    }

    @Test
    void theAgingServiceLeavesAConcurrentlyDecidedDeviceAloneAndWritesTheRest() {
        afterFirstConfigGet(() -> otherWriterPuts(A, "registered"));
        Reservations.Result r = reservations.apply(List.of(put(A, "old-unregistered"), put(B, "old-unregistered")), "aging",
                Reservations.OnConflict.SKIP);
        assertThat(r.outcomes()).extracting(Reservations.Outcome::status)
                .containsExactlyInAnyOrder(Reservations.Status.SKIPPED, Reservations.Status.APPLIED);
        assertThat(inKea()).filteredOn(h -> h.mac().equals(A)).singleElement()
                .satisfies(h -> assertThat(h.clientClasses()).containsExactly("registered"));
    }

    @Test
    void aPersonWhoDecidesRightAfterTheAgingWriteWinsAndTheRestIsReportedAsWritten() {
        AtomicInteger writes = new AtomicInteger();
        wire.after((command, reply) -> {
            if (command.equals("config-write") && writes.incrementAndGet() == 1) {
                otherWriterPuts(A, "registered"); // between our config-write and our check
            }
        });
        Reservations.Result r = reservations.apply(List.of(ReservationEdit.Put.ifAbsent(((ReservationEdit.Put) put(A, "old-unregistered")).reservation()),
                ReservationEdit.Put.ifAbsent(((ReservationEdit.Put) put(B, "old-unregistered")).reservation())), "aging", Reservations.OnConflict.SKIP);
        assertThat(r.outcomes()).filteredOn(o -> o.edit().mac().equals(A)).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(Reservations.Status.SKIPPED));
        assertThat(r.outcomes()).filteredOn(o -> o.edit().mac().equals(B)).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(Reservations.Status.APPLIED));
        assertThat(writes).hasValue(1);
        assertThat(inKea()).filteredOn(h -> h.mac().equals(A)).singleElement()
                .satisfies(h -> assertThat(h.clientClasses()).containsExactly("registered"));
    }

    @Test
    void keaDownDuringApproveIsAClearErrorAndNothingIsHalfWritten() throws Exception {
        kea.addLease(140, A.toString(), "", 60);
        Map<String, String> env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("c.db").toString());
        kea.stop();
        CliRun r = CliRun.run(env, "approve", A.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).startsWith("gatehouse: error: unix:").hasLineCount(1);
        kea.restart();
        assertThat(inKea()).isEmpty();
        try (Database db = Database.open(dir.resolve("c.db"))) {
            assertThat(new ActionLog(db, "x", "y").recent(5)).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("approve");
                assertThat(e.result()).startsWith("failed (exit 3)");
            });
        }
    }

    @Test
    void aReservationWhoseLeaseDeletionFailedIsReportedKeptAndRetried() throws Exception {
        kea.addLease(141, A.toString(), "", 60);
        Path cache = dir.resolve("retry.db");
        try (Database db = Database.open(cache)) {
            PendingLeaseDeletes pending = new PendingLeaseDeletes(db);
            DecisionService decisions = new DecisionService(client, reservations, new ActionLog(db, "t", "t"), pending,
                    MacBlocker.NONE, new OfflineQueue(new OfflineActionStore(db, new ActionLog(db, "t", "t"), "t", "t"), Clock.systemUTC()), Clock.systemUTC(), "tester");
            // Kea goes away right after it persisted the reservation, before the lease is deleted.
            wire.after((command, reply) -> {
                if (command.equals("config-write")) {
                    kea.stop();
                }
            });
            DecisionReport report = decisions.flow().approve(A, "", "", null);
            assertThat(report.reservation().written()).isTrue();
            assertThat(report.leases()).singleElement().satisfies(l -> {
                assertThat(l.step().state()).isEqualTo(DecisionReport.State.PENDING);
                assertThat(l.ip()).hasToString("192.168.40.141");
            });
            assertThat(report.firstError().exitCode()).isEqualTo(3);
            assertThat(pending.all()).singleElement().satisfies(p -> assertThat(p.mac()).isEqualTo(A));
        }
        kea.restart();
        assertThat(inKea()).singleElement().satisfies(h -> assertThat(h.clientClasses()).containsExactly("registered"));
        assertThat(kea.client().execute(new KeaCommands.Lease4GetByHwAddress(A))).hasSize(1);

        // The next aging pass retries the deletion.
        CliRun sync = CliRun.run(Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", cache.toString()), "sync", "--once");
        assertThat(sync.exit()).as(sync.err()).isZero();
        assertThat(kea.client().execute(new KeaCommands.Lease4GetByHwAddress(A))).isEmpty();
        try (Database db = Database.open(cache)) {
            assertThat(new PendingLeaseDeletes(db).all()).isEmpty();
            assertThat(new ActionLog(db, "x", "y").recent(10)).anySatisfy(e -> assertThat(e.action()).isEqualTo("lease-delete-retry"));
        }
    }

    @Test
    void twoSyncsAtOnceOnOneCacheNeverBothWrite() throws Exception {
        kea.addLease(150, A.toString(), "", 60);
        kea.addLease(151, B.toString(), "", 60);
        Path cache = dir.resolve("sync.db");
        try (Database db = Database.open(cache)) {
            ServiceLock lock = new ServiceLock(db);
            ActionLog log = new ActionLog(db, "t", "t");
            var obs = new org.gatehouse.store.ObservationStore(db);
            LeaseService leases = new LeaseService(client, obs, log, new OuiRegistry(null), Clock.systemUTC());
            QueueService queue = new QueueService(client, leases, obs, reservations, Clock.systemUTC());
            DecisionService decisions = new DecisionService(client, reservations, log, new PendingLeaseDeletes(db), MacBlocker.NONE, new OfflineQueue(new OfflineActionStore(db, new ActionLog(db, "t", "t"), "t", "t"), Clock.systemUTC()),
                    Clock.systemUTC(), "t");
            AgingService one = new AgingService(queue, decisions, reservations, lock, log, Clock.systemUTC(), "one");
            AgingService two = new AgingService(queue, decisions, reservations, lock, log, Clock.systemUTC(), "two");
            // "two" holds the lock (as a running service would) while "one" tries to run.
            assertThat(two.runOnce(Duration.ofHours(1), Duration.ofMinutes(2)).heldBy()).isNull();
            AgingService.Run refused = one.runOnce(Duration.ofSeconds(0).plusMillis(1), Duration.ofMinutes(2));
            assertThat(refused.heldBy()).startsWith("two until");
            assertThat(inKea()).isEmpty();
            two.release();
            Thread.sleep(10);
            AgingService.Run ran = one.runOnce(Duration.ofMillis(1), Duration.ofMinutes(2));
            assertThat(ran.heldBy()).isNull();
            assertThat(ran.moved()).containsExactlyInAnyOrder(A, B);
            // A second pass (the other service taking over) finds nothing left to do: no second write.
            one.release();
            AgingService.Run again = two.runOnce(Duration.ofMillis(1), Duration.ofMinutes(2));
            assertThat(again.moved()).isEmpty();
            assertThat(inKea()).hasSize(2).allSatisfy(h -> assertThat(h.clientClasses()).containsExactly("old-unregistered"));
            assertThat(log.recent(20)).filteredOn(e -> e.action().equals("age")).hasSize(2);
        }
    }

    /** Approves A with its lease deletion left pending (Kea stops right after config-write), then restarts Kea. */
    private DecisionService approveWithPendingDelete(Database db, int octet) throws Exception {
        kea.addLease(octet, A.toString(), "", 60);
        DecisionService decisions = new DecisionService(client, reservations, new ActionLog(db, "t", "t"), new PendingLeaseDeletes(db),
                MacBlocker.NONE, new OfflineQueue(new OfflineActionStore(db, new ActionLog(db, "t", "t"), "t", "t"), Clock.systemUTC()), Clock.systemUTC(), "tester");
        wire.after((command, reply) -> {
            if (command.equals("config-write")) {
                kea.stop();
            }
        });
        assertThat(decisions.flow().approve(A, "", "", null).leases()).singleElement()
                .satisfies(l -> assertThat(l.step().state()).isEqualTo(DecisionReport.State.PENDING));
        wire.after((command, reply) -> { });
        kea.restart();
        return decisions;
    }

    @Test
    void aPendingLeaseDeletionNeverDeletesTheLeaseOfAnotherDeviceNowHoldingTheAddress() throws Exception {
        try (Database db = Database.open(dir.resolve("reuse.db"))) {
            DecisionService decisions = approveWithPendingDelete(db, 143);
            // While Kea was away A's lease ended and the address went to another guest.
            kea.client().execute(new KeaCommands.Lease4Del(org.gatehouse.model.Ipv4.parse("192.168.40.143")));
            kea.addLease(143, B.toString(), "", 60);
            assertThat(decisions.retries().retry()).isEmpty();
            assertThat(kea.client().execute(new KeaCommands.Lease4GetByHwAddress(B))).singleElement()
                    .satisfies(l -> assertThat(l.ip()).hasToString("192.168.40.143"));
            assertThat(new PendingLeaseDeletes(db).all()).isEmpty();
            assertThat(new ActionLog(db, "x", "y").recent(5)).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("lease-delete-retry");
                assertThat(e.result()).contains("held by another device").contains("nothing deleted");
            });
        }
    }

    @Test
    void unregisterDropsTheDevicesPendingLeaseDeletions() throws Exception {
        try (Database db = Database.open(dir.resolve("undo.db"))) {
            DecisionService decisions = approveWithPendingDelete(db, 144);
            decisions.flow().unregister(A);
            assertThat(new PendingLeaseDeletes(db).all()).isEmpty();
            assertThat(decisions.retries().retry()).isEmpty();
            // The device's own lease is left alone: the approval it belonged to was undone.
            assertThat(kea.client().execute(new KeaCommands.Lease4GetByHwAddress(A))).hasSize(1);
        }
    }

    @Test
    void anApproveBetweenTheAgingSnapshotAndItsWriteIsNotOverwritten() throws Exception {
        kea.addLease(152, A.toString(), "", 60);
        kea.addLease(153, B.toString(), "", 60);
        try (Database db = Database.open(dir.resolve("gap.db"))) {
            ActionLog log = new ActionLog(db, "t", "t");
            var obs = new org.gatehouse.store.ObservationStore(db);
            LeaseService leases = new LeaseService(client, obs, log, new OuiRegistry(null), Clock.systemUTC());
            QueueService queue = new QueueService(client, leases, obs, reservations, Clock.systemUTC());
            DecisionService decisions = new DecisionService(client, reservations, log, new PendingLeaseDeletes(db), MacBlocker.NONE, new OfflineQueue(new OfflineActionStore(db, new ActionLog(db, "t", "t"), "t", "t"), Clock.systemUTC()),
                    Clock.systemUTC(), "t");
            AgingService aging = new AgingService(queue, decisions, reservations, new ServiceLock(db), log, Clock.systemUTC(), "aging");
            queue.refresh(); // both devices are first seen now
            Thread.sleep(10);
            // The guest master approves A right after the aging pass took its snapshot (its config-get).
            afterFirstConfigGet(() -> otherWriterPuts(A, "registered"));
            AgingService.Run run = aging.runOnce(Duration.ofMillis(1), Duration.ofMinutes(2));
            assertThat(run.moved()).containsExactly(B);
            assertThat(run.skipped()).containsExactly(A);
            assertThat(inKea()).filteredOn(h -> h.mac().equals(A)).singleElement()
                    .satisfies(h -> assertThat(h.clientClasses()).containsExactly("registered"));
            assertThat(kea.configFile()).contains(B.toString());
            assertThat(log.recent(10)).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("age");
                assertThat(e.target()).isEqualTo(A.toString());
                assertThat(e.result()).startsWith("skipped: already reserved (registered");
            });
        }
    }

    @Test
    void aConfigSetWhoseAnswerIsLostButWhichKeaAppliedIsStillPersisted() throws Exception {
        // Forwards every command to the real Kea, but config-set's answer never comes back (a timeout).
        InterceptingTransport dropsConfigSetAnswer = new InterceptingTransport(new UnixSocketTransport(kea.socket()));
        dropsConfigSetAnswer.after((command, reply) -> {
            if (command.equals("config-set")) {
                throw new org.gatehouse.kea.KeaUnreachable(dropsConfigSetAnswer.describe(), "timed out waiting for the answer", null);
            }
        });
        KeaClient lossy = new KeaClient(dropsConfigSetAnswer, kea.json(), Duration.ofSeconds(5));
        ConfigSetReservations res = new ConfigSetReservations(lossy, kea.json(), Reservations.SnapshotSink.NONE);
        Reservations.Result r = res.apply(List.of(put(A, "registered")), "test", Reservations.OnConflict.FAIL);
        assertThat(r.written()).isTrue();
        assertThat(inKea()).singleElement().satisfies(h -> assertThat(h.clientClasses()).containsExactly("registered"));
        // config-write ran: the change survives Kea's next restart.
        assertThat(kea.configFile()).contains(A.toString());
    }
}
