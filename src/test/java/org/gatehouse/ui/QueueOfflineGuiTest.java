package org.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.gatehouse.ui.queue.DecidedRow;
import org.gatehouse.ui.queue.QueueRow;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The Queue screen with Kea stopped: an approve offers to queue the decision; yes queues it with its
 * note and subnet (replayed into Kea once it is back), no queues nothing. Headless, on a real Kea.
 */
@Tag("gui")
@Tag("kea")
class QueueOfflineGuiTest {
    static final Mac ZOE = Mac.parse("f0:18:98:00:00:9a");
    static final Mac YUSUF = Mac.parse("f0:18:98:00:00:9b");

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();
    static final ScriptedDialogService dialogs = new ScriptedDialogService();

    static MainWindow window;
    static DecisionService decisions;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        kea.addLease(150, ZOE.toString(), "zoë-laptop", 600);
        kea.addLease(151, YUSUF.toString(), "yusuf-phone", 600);
        decisions = console.decisions(MacBlocker.NONE);
        window = console.show(console.context().deciding(decisions, console.queue(), null).build(), dialogs);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close(window);
    }

    private List<HostReservation> inKea() {
        return ConfigEdits.reservations(kea.client().config().raw().path("Dhcp4"));
    }

    private QueueRow shownRow(Mac mac) {
        robot.clickOn("#nav-queue");
        robot.interact(() -> window.queue().refresh());
        await().atMost(Duration.ofSeconds(20)).until(() -> window.queue().rows().stream().anyMatch(r -> r.entry().mac().equals(mac)));
        return window.queue().rows().stream().filter(r -> r.entry().mac().equals(mac)).findFirst().orElseThrow();
    }

    @Test
    void anApproveWithKeaDownIsQueuedWithItsNoteAndSubnetAndReplayedWhenKeaIsBack() throws Exception {
        QueueRow zoe = shownRow(ZOE);
        assertThat(zoe.entry().subnetId()).isEqualTo(KeaServer.VLAN);
        kea.stop();
        try {
            dialogs.answerConfirm(true);
            robot.interact(() -> {
                window.queue().noteProperty().set("Empfang — Zoë, offline");
                window.queue().approve(List.of(zoe));
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> window.queue().decided().stream().anyMatch(d -> d.mac().equals(ZOE)));
        } finally {
            kea.restart();
        }
        // The user read the question, and the device now shows as queued, out of the waiting list.
        ScriptedDialogService.Seen asked = dialogs.seen().stream().filter(s -> s.kind.equals("CONFIRM")).reduce((a, b) -> b).orElseThrow();
        assertThat(asked.header).isEqualTo("Kea is unreachable. Queue the decision for 1 device(s)?");
        assertThat(asked.text()).startsWith("It is carried out, with the usual conflict check, when Kea is back");
        DecidedRow row = window.queue().decided().stream().filter(d -> d.mac().equals(ZOE)).findFirst().orElseThrow();
        assertThat(row.action()).isEqualTo("approved");
        assertThat(row.stateProperty().get()).isEqualTo("queued — replayed when Kea is back");
        assertThat(window.queue().rows()).noneMatch(r -> r.entry().mac().equals(ZOE));
        assertThat(inKea()).as("nothing was written while Kea was down").noneMatch(r -> r.mac().equals(ZOE));

        // The offline queue holds the approve with MAC, note and subnet, as `gatehouse offline list` shows it.
        CliRun list = console.cli("offline", "list", "--format", "json");
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode queued = null;
        for (JsonNode a : new ObjectMapper().readTree(list.out())) {
            if (a.path("target").asText().equals(ZOE.toString())) {
                queued = a;
            }
        }
        assertThat(queued).as(list.out()).isNotNull();
        assertThat(queued.path("kind").asText()).isEqualTo("approve");
        assertThat(queued.path("note").asText()).isEqualTo("Empfang — Zoë, offline");
        assertThat(new ObjectMapper().readTree(queued.path("payload").asText()).path("subnetId").asLong()).isEqualTo(KeaServer.VLAN);

        // Kea is back: the replay writes the reservation with the note.
        CliRun replay = console.cli("offline", "replay");
        assertThat(replay.exit()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("1 done");
        assertThat(inKea()).filteredOn(r -> r.mac().equals(ZOE)).singleElement().satisfies(r -> {
            assertThat(r.clientClasses()).containsExactly("registered");
            assertThat(r.subnetId()).isEqualTo(KeaServer.VLAN);
            assertThat(r.stamp().note()).isEqualTo("Empfang — Zoë, offline");
        });
        assertThat(console.pendingFor(ZOE)).isEmpty();
    }

    @Test
    void answeringNoQueuesNothingAndLeavesTheDeviceWaiting() throws Exception {
        QueueRow yusuf = shownRow(YUSUF);
        int decidedBefore = window.queue().decided().size();
        kea.stop();
        try {
            dialogs.answerConfirm(false);
            robot.interact(() -> {
                window.queue().noteProperty().set("not now");
                window.queue().deny(List.of(yusuf));
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> window.queue().messageProperty().get().startsWith("Kea is unreachable; nothing was queued"));
        } finally {
            kea.restart();
        }
        assertThat(dialogs.seen()).anyMatch(s -> s.kind.equals("CONFIRM") && s.header.equals("Kea is unreachable. Queue the decision for 1 device(s)?"));
        assertThat(console.pendingFor(YUSUF)).isEmpty();
        assertThat(window.queue().decided()).hasSize(decidedBefore).noneMatch(d -> d.mac().equals(YUSUF));
        assertThat(window.queue().rows()).anyMatch(r -> r.entry().mac().equals(YUSUF));
        assertThat(inKea()).noneMatch(r -> r.mac().equals(YUSUF));
    }
}
