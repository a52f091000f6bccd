package org.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.gatehouse.cli.CliRun;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.MacBlocker;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.gatehouse.ui.reservations.ReservationsViewModel;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The Reservations screen with Kea stopped: an add or a remove offers to queue the edit; yes queues
 * it with every field, shown on the screen as waiting, and `gatehouse offline replay` writes it once
 * Kea is back — unless someone changed that device's reservations meanwhile (conflict, nothing
 * written). No queues nothing. Headless, on a real Kea; the replay runs as the CLI a user would run.
 */
@Tag("gui")
@Tag("kea")
class ReservationsOfflineGuiTest {
    static final Mac ANNA = Mac.parse("f0:18:98:00:01:a1");
    static final Mac ZOE = Mac.parse("f0:18:98:00:01:a2");
    static final Mac OTTO = Mac.parse("f0:18:98:00:01:a3");
    static final Mac YUSUF = Mac.parse("f0:18:98:00:01:a4");

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();
    static final ScriptedDialogService dialogs = new ScriptedDialogService();

    static MainWindow window;
    static DecisionService decisions;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        decisions = console.decisions(MacBlocker.NONE);
        decisions.editor().reserve(ANNA, "registered", null, "anna-tablet", "Anna", (long) KeaServer.VLAN);
        decisions.editor().reserve(OTTO, "registered", null, "otto-phone", "Otto", (long) KeaServer.VLAN);
        window = console.show(console.context().deciding(decisions, console.queue(), null).build(), dialogs);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close(window);
    }

    private List<HostReservation> inKea() {
        return ConfigEdits.reservations(kea.client().config().raw().path("Dhcp4"));
    }

    private ReservationsViewModel screen() {
        return window.reservations();
    }

    private HostReservation shown(Mac mac) {
        robot.clickOn("#nav-reservations");
        robot.interact(() -> screen().refresh());
        await().atMost(Duration.ofSeconds(20)).until(() -> screen().visibleRows().stream().anyMatch(r -> r.mac().equals(mac)));
        return screen().visibleRows().stream().filter(r -> r.mac().equals(mac)).findFirst().orElseThrow();
    }

    @Test
    void anAddAndARemoveWithKeaDownAreQueuedShownAndReplayedWithEveryField() throws Exception {
        HostReservation anna = shown(ANNA);
        kea.stop();
        try {
            dialogs.answerConfirm(true);
            robot.interact(() -> screen().save(new ReservationsViewModel.Input(ZOE.toString(), "registered", "", "zoe-laptop",
                    "Empfang — Zoë, offline", (long) KeaServer.VLAN)));
            await().atMost(Duration.ofSeconds(30)).until(() -> screen().queuedEdits().size() == 1);
            dialogs.answerConfirm(true);
            robot.interact(() -> screen().remove(List.of(anna)));
            await().atMost(Duration.ofSeconds(30)).until(() -> screen().queuedEdits().size() == 2);
        } finally {
            kea.restart();
        }
        // The user was asked, with what would be done; the screen lists both edits as waiting.
        assertThat(dialogs.seen()).anyMatch(s -> s.kind.equals("CONFIRM") && s.header.equals("Kea is unreachable. Queue this edit?")
                && s.text().startsWith("reserve " + ZOE + " as registered in subnet " + KeaServer.VLAN));
        assertThat(screen().queuedEdits()).anyMatch(t -> t.contains("reserve " + ZOE + " as registered"))
                .anyMatch(t -> t.contains("remove the reservation of " + ANNA));
        assertThat(screen().messageProperty().get()).contains("Queued #").contains("replayed when Kea is back");
        assertThat(inKea()).as("nothing was written while Kea was down").noneMatch(r -> r.mac().equals(ZOE))
                .anyMatch(r -> r.mac().equals(ANNA));

        CliRun replay = console.cli("offline", "replay");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("2 done");
        assertThat(inKea()).noneMatch(r -> r.mac().equals(ANNA)).filteredOn(r -> r.mac().equals(ZOE)).singleElement().satisfies(r -> {
            assertThat(r.clientClasses()).containsExactly("registered");
            assertThat(r.subnetId()).isEqualTo(KeaServer.VLAN);
            assertThat(r.hostname()).isEqualTo("zoe-laptop");
            assertThat(r.stamp().note()).isEqualTo("Empfang — Zoë, offline");
        });
        robot.interact(() -> screen().refresh());
        await().atMost(Duration.ofSeconds(20)).until(() -> screen().queuedEdits().isEmpty());
    }

    @Test
    void aQueuedRemoveOfADeviceSomeoneDeniedMeanwhileIsAConflictAndWritesNothing() throws Exception {
        HostReservation otto = shown(OTTO);
        kea.stop();
        try {
            dialogs.answerConfirm(true);
            robot.interact(() -> screen().remove(List.of(otto)));
            await().atMost(Duration.ofSeconds(30)).until(() -> !console.pendingFor(OTTO).isEmpty());
        } finally {
            kea.restart();
        }
        // Another workstation denies Otto while ours waits.
        decisions.editor().reserve(OTTO, "denied", null, "otto-phone", "lost phone", (long) KeaServer.VLAN);
        CliRun replay = console.cli("offline", "replay");
        assertThat(replay.out() + replay.err()).contains("conflict");
        assertThat(inKea()).filteredOn(r -> r.mac().equals(OTTO)).singleElement()
                .satisfies(r -> assertThat(r.clientClasses()).containsExactly("denied"));
        assertThat(console.pendingFor(OTTO)).isEmpty();
        CliRun audit = console.cli("audit", "list", "--mac", OTTO.toString(), "--format", "json");
        assertThat(audit.out()).contains("conflict").contains("reservation-remove");
    }

    @Test
    void answeringNoQueuesNothingAndSaysSo() throws Exception {
        shown(OTTO);
        kea.stop();
        try {
            dialogs.answerConfirm(false);
            robot.interact(() -> screen().save(new ReservationsViewModel.Input(YUSUF.toString(), "denied", "", "", "not now", (long) KeaServer.VLAN)));
            await().atMost(Duration.ofSeconds(30)).until(() -> screen().messageProperty().get().startsWith("Kea is unreachable; nothing was queued"));
        } finally {
            kea.restart();
        }
        assertThat(console.pendingFor(YUSUF)).isEmpty();
        assertThat(inKea()).noneMatch(r -> r.mac().equals(YUSUF));
    }
}
