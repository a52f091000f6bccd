package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gatehouse.app.Main;
import org.gatehouse.cli.CliRun;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.model.ReservationEdit;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.PendingLeaseDeletes;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.reservations.ReservationsViewModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Reservation edits queued while Kea was unreachable, attacked: edits of one device in two subnets,
 * a user who changes their mind, the audit rows, a partly done batch, and another workstation (a
 * real second process) writing the same device while the replay runs. Real Kea with two subnets;
 * replays run as `gatehouse offline replay`. (Found by a review probe; each test failed before the fix.)
 */
@Tag("kea")
@Tag("gui")
class QueuedReservationEditsTest {
    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture(new KeaServer(config -> {
        ObjectNode two = new GuestSiteConfig(new KeaJson()).generate(List.of(new GuestSiteConfig.GuestVlan(40, "192.168.40.0/24"),
                new GuestSiteConfig.GuestVlan(41, "192.168.41.0/24")), List.of("9.9.9.9"), "192.168.40.4", LocalKea.runtimeIn(Path.of("unused")));
        ((ObjectNode) config.get("Dhcp4")).set("subnet4", two.path("Dhcp4").path("subnet4"));
    }));
    static KeaServer kea = console.kea();
    static DecisionService decisions;

    @BeforeAll
    static void setUp() {
        decisions = console.decisions(MacBlocker.NONE);
    }

    private List<HostReservation> of(Mac m) {
        return console.reservations().list().stream().filter(r -> r.mac().equals(m)).toList();
    }

    private List<ActionLog.Entry> auditOf(Mac m) {
        return new ActionLog(console.db(), "test", "test").recent(1000).stream().filter(e -> m.toString().equals(e.target())).toList();
    }

    /** Queues as the Reservations screen does after "yes": the basis is what the screen showed. */
    private QueuedAction queue(ReservationRequest r, List<HostReservation> shown) {
        return decisions.editor().queue(r, r.basis(shown));
    }

    @Test
    void removingADevicesRowsInTwoSubnetsQueuesTwoEditsThatBothReplay() throws Exception {
        Mac two = Mac.parse("f0:18:98:00:02:b1");
        decisions.editor().reserve(two, "registered", null, "two", "a", 40L);
        decisions.editor().reserve(two, "registered", null, "two", "b", 41L);
        List<HostReservation> shown = console.reservations().list();
        kea.stop();
        try {
            queue(ReservationRequest.remove(two, 40L, ""), shown);
            queue(ReservationRequest.remove(two, 41L, ""), shown);
        } finally {
            kea.restart();
        }
        CliRun replay = console.cli("offline", "replay");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("2 done");
        assertThat(of(two)).isEmpty();
    }

    @Test
    void aSecondEditOfTheSameReservationSupersedesTheFirstAndTheLastWordReplays() throws Exception {
        Mac twice = Mac.parse("f0:18:98:00:02:b2");
        decisions.editor().reserve(twice, "registered", null, "twice", "first", 40L);
        List<HostReservation> shown = console.reservations().list();
        QueuedAction first;
        kea.stop();
        try {
            first = queue(ReservationRequest.add(twice, "registered", Ipv4.parse("192.168.40.2"), "twice", "fixed address", 40L), shown);
            queue(ReservationRequest.add(twice, "denied", null, "twice", "changed my mind: lost", 40L), shown);
        } finally {
            kea.restart();
        }
        assertThat(decisions.editor().queuedEdits()).filteredOn(q -> q.request().mac().equals(twice)).singleElement()
                .satisfies(q -> assertThat(q.request().clientClass()).isEqualTo("denied"));
        assertThat(console.offline().history(100)).filteredOn(a -> a.id() == first.id()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(QueuedAction.CANCELLED));
        CliRun replay = console.cli("offline", "replay");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(of(twice)).singleElement().satisfies(r -> {
            assertThat(r.clientClasses()).containsExactly("denied");
            assertThat(r.stamp().note()).isEqualTo("changed my mind: lost");
        });
    }

    @Test
    void eachActIsOneAuditRow() throws Exception {
        Mac audited = Mac.parse("f0:18:98:00:02:b3");
        List<HostReservation> shown = console.reservations().list();
        ReservationRequest add = ReservationRequest.add(audited, "registered", null, "audited", "Zoë am Empfang", 40L);
        kea.stop();
        try {
            try {
                decisions.editor().apply(add); // the screen's attempt
            } catch (KeaUnreachable expected) {
                // the screen then asks; the user says yes
            }
            queue(add, shown);
        } finally {
            kea.restart();
        }
        assertThat(auditOf(audited)).extracting(ActionLog.Entry::result).hasSize(2)
                .satisfiesExactlyInAnyOrder(r -> assertThat(r).startsWith("failed (exit 3)"), r -> assertThat(r).isEqualTo(ActionLog.QUEUED));
        assertThat(console.cli("offline", "replay").exit()).isZero();
        // The replay: the act's own row (as if done at the screen) and the row that resolves the queued action.
        List<ActionLog.Entry> rows = auditOf(audited);
        assertThat(rows).hasSize(4);
        assertThat(rows).filteredOn(e -> e.action().equals(ReservationRequest.ADD) && e.result().equals("ok")).hasSize(2)
                .anyMatch(e -> e.detail() != null && e.detail().startsWith("replay of queued #"));
    }

    @Test
    void anotherWorkstationsWriteDuringTheReplayIsNeverOverwritten() throws Exception {
        Mac raced = Mac.parse("f0:18:98:00:02:b4");
        decisions.editor().reserve(raced, "registered", null, "raced", "first", 40L);
        List<HostReservation> shown = console.reservations().list();
        kea.stop();
        try {
            queue(ReservationRequest.add(raced, "registered", Ipv4.parse("192.168.40.3"), "raced", "fixed", 40L), shown);
        } finally {
            kea.restart();
        }
        // Right after the replay has read the device's reservations for its check, another workstation (a
        // real second process) denies the device. It must wait for Kea's write lock, so it cannot slip in
        // between the check and the write: its deny comes after, and stands.
        // One Kea client for the whole replay, as in a Gatehouse process (the restart made a new one).
        Reservations real = Reservations.forKea(kea.client(), kea.json(), Reservations.SnapshotSink.NONE);
        Process[] other = new Process[1];
        boolean[] finishedBeforeOurWrite = new boolean[1];
        Reservations racing = new Reservations() {
            @Override
            public List<HostReservation> list() {
                List<HostReservation> l = real.list();
                if (other[0] == null) {
                    other[0] = otherWorkstation("reservations", "add", raced.toString(), "--class", "denied", "--subnet", "40", "--note", "stolen");
                    try {
                        finishedBeforeOurWrite[0] = other[0].waitFor(15, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return l;
            }

            @Override
            public List<HostReservation> listFrom(KeaConfig c) {
                return real.listFrom(c);
            }

            @Override
            public Result apply(List<ReservationEdit> e, String why, OnConflict c) {
                return real.apply(e, why, c);
            }

            @Override
            public String mechanism() {
                return real.mechanism();
            }

            @Override
            public KeaConfig lastConfig() {
                return real.lastConfig();
            }
        };
        DecisionService replaying = new DecisionService(kea.client(), racing, console.log(), new PendingLeaseDeletes(console.db()),
                MacBlocker.NONE, console.offline(), Clock.systemUTC(), "gui@test");
        OfflineQueue.Report report = console.offline().replay(Replayers.reservationEdits(kea.client(), racing, replaying.editor()));
        assertThat(other[0].waitFor(60, TimeUnit.SECONDS)).isTrue();
        String otherSaid = new String(other[0].getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        System.out.println("other workstation: " + otherSaid + "\nreplay: " + report.outcomes());
        assertThat(other[0].exitValue()).as(otherSaid).isZero();
        assertThat(finishedBeforeOurWrite[0]).as("the other workstation waited for Kea's write lock").isFalse();
        assertThat(report.count(QueuedAction.DONE)).isEqualTo(1);
        assertThat(of(raced)).singleElement().satisfies(h -> {
            assertThat(h.clientClasses()).as("the other workstation's later deny stands").containsExactly("denied");
            assertThat(h.stamp().note()).isEqualTo("stolen");
        });
    }

    private static Process otherWorkstation(String... args) {
        try {
            Path dir = Files.createTempDirectory(console.dir(), "other-");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "--kea", kea.endpoint(), "--db", dir.resolve("other.db").toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_"));
            pb.environment().put("HOME", dir.toString());
            return pb.start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPartlyDoneBatchSaysWhatWasDoneAndThatTheRestWasNot() throws Exception {
        Mac p1 = Mac.parse("f0:18:98:00:02:c1");
        Mac p2 = Mac.parse("f0:18:98:00:02:c2");
        decisions.editor().reserve(p1, "registered", null, "p1", "", 40L);
        decisions.editor().reserve(p2, "registered", null, "p2", "", 40L);
        Reservations real = console.reservations();
        int[] writes = {0};
        Reservations dying = new Reservations() { // Kea goes away after the first removal
            @Override
            public List<HostReservation> list() {
                return real.list();
            }

            @Override
            public List<HostReservation> listFrom(KeaConfig c) {
                return real.listFrom(c);
            }

            @Override
            public Result apply(List<ReservationEdit> e, String why, OnConflict c) {
                if (writes[0]++ > 0) {
                    throw new KeaUnreachable("/run/kea/kea4-ctrl-socket", "timed out", null);
                }
                return real.apply(e, why, c);
            }

            @Override
            public String mechanism() {
                return real.mechanism();
            }

            @Override
            public KeaConfig lastConfig() {
                return real.lastConfig();
            }
        };
        DecisionService ds = new DecisionService(kea.client(), dying, console.log(), new PendingLeaseDeletes(console.db()),
                MacBlocker.NONE, console.offline(), Clock.systemUTC(), "gui@test");
        ReservationsViewModel[] vm = new ReservationsViewModel[1];
        WaitForAsyncUtils.asyncFx(() -> {
            vm[0] = new ReservationsViewModel(console.tasks(), Optional.of(ds.editor()));
            vm[0].offlineOfferProperty().addListener((o, a, offer) -> {
                if (offer != null) {
                    vm[0].answerOffline(offer, false); // the user answers no
                }
            });
            vm[0].refresh();
        }).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> vm[0].visibleRows().stream().filter(r -> r.mac().equals(p1) || r.mac().equals(p2)).count() == 2);
        List<HostReservation> selected = WaitForAsyncUtils.asyncFx(() ->
                List.copyOf(vm[0].visibleRows().stream().filter(r -> r.mac().equals(p1) || r.mac().equals(p2)).toList())).get();
        WaitForAsyncUtils.asyncFx(() -> vm[0].remove(selected)).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> vm[0].messageProperty().get().contains("Kea is unreachable"));
        assertThat(of(p1)).as("the first removal was carried out").isEmpty();
        assertThat(vm[0].messageProperty().get()).startsWith("Removed the reservation of " + p1)
                .contains("Kea is unreachable; the rest was not queued or changed");
        assertThat(console.pendingFor(p2)).isEmpty();
    }
}
