package org.gatehouse.ui;

import org.gatehouse.testing.ConsoleFixture;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.HostReservation;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.MacBlocker;
import org.gatehouse.policy.ReservationRules;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.queue.QueueRow;
import org.gatehouse.ui.reservations.ReservationDialog;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Queue and Reservations screens, headless, on a real Kea: approve by key, undo, editor checks. */
@Tag("gui")
@Tag("kea")
class QueueGuiTest {

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();

    static MainWindow window;
    static DecisionService decisions;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        kea.addLease(140, "f0:18:98:00:00:8c", "anna-iphone", 60);
        kea.addLease(141, "f0:18:98:00:00:8d", "ben-ipad", 60);
        decisions = console.decisions(MacBlocker.NONE);
        window = console.show(console.context().deciding(decisions, console.queue(), null).build(), null);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close(window);
    }

    @SuppressWarnings("unchecked")
    private TableView<QueueRow> queueTable() {
        return (TableView<QueueRow>) robot.lookup("#queue-table").query();
    }

    private List<HostReservation> inKea() {
        return ConfigEdits.reservations(kea.client().config().raw().path("Dhcp4"));
    }

    @Test
    void approveByKeyLeavesTheQueueWithANoteAndCanBeUndone() {
        robot.clickOn("#nav-queue");
        await().atMost(Duration.ofSeconds(20)).until(() -> queueTable().getItems().size() == 2);
        robot.clickOn("#queue-note").write("room 12");
        robot.interact(() -> {
            int anna = queueTable().getItems().stream().map(QueueRow::hostname).toList().indexOf("anna-iphone");
            queueTable().getSelectionModel().clearAndSelect(anna);
            queueTable().requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.A);
        await().atMost(Duration.ofSeconds(20)).until(() -> queueTable().getItems().size() == 1);
        assertThat(queueTable().getItems()).extracting(QueueRow::hostname).containsExactly("ben-ipad");
        assertThat(inKea()).singleElement().satisfies(r -> {
            assertThat(r.clientClasses()).containsExactly("registered");
            assertThat(r.stamp().note()).isEqualTo("room 12");
            assertThat(r.stamp().by()).isEqualTo("gui@test");
        });
        assertThat(robot.lookup("#queue-toast").query().isVisible()).isTrue();
        assertThat(robot.lookup("#queue-toast-text").queryAs(Label.class).getText()).startsWith("Approved f0:18:98:00:00:8c — undo within");

        robot.clickOn("#queue-undo");
        await().atMost(Duration.ofSeconds(20)).failFast(() -> window.queue().messageProperty().get().startsWith("Undo failed"))
                .until(() -> inKea().isEmpty());
        // Approve deleted the device's lease (so the address is free at once); after undo it is back in the
        // unregistered pools at its next DISCOVER, and the session list says it was undone.
        await().atMost(Duration.ofSeconds(20)).until(() -> window.queue().decided().get(0).stateProperty().get().equals("undone"));
    }

    @Test
    void theReservationFormRefusesAnAddressInsideAPoolAndNormalisesTheMac() throws Exception {
        ReservationRules rules = decisions.editor().rules();
        ReservationDialog[] dialog = new ReservationDialog[1];
        robot.interact(() -> dialog[0] = new ReservationDialog(null, rules, null, "F0-18-98-00-00-99", "printer"));
        WaitForAsyncUtils.asyncFx(() -> {
            var grid = (javafx.scene.layout.GridPane) dialog[0].getDialogPane().getContent();
            var ip = (javafx.scene.control.TextField) grid.lookup("#res-ip");
            ip.setText("192.168.40.130");
        }).get();
        assertThat(dialog[0].problemText()).contains("lies in the dynamic pool 192.168.40.128-192.168.40.191");
        assertThat(dialog[0].getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).isDisabled()).isTrue();
        WaitForAsyncUtils.asyncFx(() -> {
            var grid = (javafx.scene.layout.GridPane) dialog[0].getDialogPane().getContent();
            ((javafx.scene.control.TextField) grid.lookup("#res-ip")).setText("192.168.40.3");
        }).get();
        assertThat(dialog[0].problemText()).isEmpty();
        assertThat(dialog[0].getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).isDisabled()).isFalse();
    }

    @Test
    void undoingTheApprovalOfAnAgedDeviceGivesItsOldUnregisteredReservationBack() {
        org.gatehouse.model.Mac ben = org.gatehouse.model.Mac.parse("f0:18:98:00:00:8d");
        decisions.editor().reserve(ben, "old-unregistered", null, "", "no decision within 30m", (long) KeaServer.VLAN);
        try {
            robot.clickOn("#nav-queue");
            robot.interact(() -> window.queue().refresh());
            await().atMost(Duration.ofSeconds(10)).until(() -> window.queue().rows().stream().anyMatch(r -> r.hostname().equals("ben-ipad")));
            robot.interact(() -> window.queue().approve(window.queue().rows().stream().filter(r -> r.hostname().equals("ben-ipad")).toList()));
            await().atMost(Duration.ofSeconds(10)).until(() -> inKea().stream()
                    .anyMatch(r -> r.mac().equals(ben) && r.clientClasses().contains("registered")));

            robot.interact(() -> window.queue().undo());
            await().atMost(Duration.ofSeconds(10)).failFast(() -> window.queue().messageProperty().get().startsWith("Undo failed"))
                    .until(() -> window.queue().decided().get(0).stateProperty().get().equals("undone"));
            // Back as it was before the approve: aged, not brand new (which would churn on 2-minute leases again).
            assertThat(inKea()).filteredOn(r -> r.mac().equals(ben)).singleElement().satisfies(r -> {
                assertThat(r.clientClasses()).containsExactly("old-unregistered");
                assertThat(r.stamp().note()).isEqualTo("no decision within 30m");
            });
        } finally {
            decisions.flow().unregister(ben);
            if (kea.client().execute(new org.gatehouse.kea.KeaCommands.Lease4GetByHwAddress(ben)).isEmpty()) {
                kea.addLease(141, ben.toString(), "ben-ipad", 60);
            }
        }
    }

    /**
     * The Queue's deny runs on the switch lane: it completes while every shared thread is held (a slow
     * refresh, say). A device of its own, removed afterwards, so the other tests' queue and reservations are as before.
     */
    @Test
    void aDenyCompletesWhileTheSharedThreadsAreBusy() throws Exception {
        org.gatehouse.model.Mac carla = org.gatehouse.model.Mac.parse("f0:18:98:00:00:8e");
        kea.addLease(142, carla.toString(), "carla-laptop", 60);
        robot.clickOn("#nav-queue");
        robot.interact(() -> window.queue().refresh());
        await().atMost(Duration.ofSeconds(10)).until(() -> window.queue().rows().stream().anyMatch(r -> r.macValue().equals(carla)));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(2);
        try {
            for (int i = 0; i < 2; i++) {
                console.tasks().run(() -> {
                    held.countDown();
                    return release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                }, r -> { }, e -> { });
            }
            assertThat(held.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            robot.interact(() -> window.queue().deny(window.queue().rows().stream().filter(r -> r.macValue().equals(carla)).toList()));
            await().atMost(Duration.ofSeconds(15)).until(() -> inKea().stream()
                    .anyMatch(r -> r.mac().equals(carla) && r.clientClasses().contains(HostReservation.DENIED)));
            await().atMost(Duration.ofSeconds(5)).until(() -> !window.queue().busyProperty().get());
            assertThat(window.queue().decided().get(0).action()).isEqualTo("denied");
        } finally {
            release.countDown();
            decisions.flow().unregister(carla);
            kea.client().execute(new org.gatehouse.kea.KeaCommands.Lease4Del(org.gatehouse.model.Ipv4.parse("192.168.40.142")));
            robot.interact(() -> window.queue().refresh());
        }
    }
}
