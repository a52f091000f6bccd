package org.gatehouse.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.stage.Window;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.MacBlocker;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.gatehouse.ui.reservations.ReservationsViewModel;
import org.gatehouse.ui.shell.MainWindow;

/**
 * The README's screenshot of the Reservations screen with edits waiting in the offline queue (Kea
 * stopped, the user said "queue"). Run under Xvfb (DISPLAY set):
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.gatehouse.ui.ReservationsOfflineScreenshot docs/screenshots}
 */
public final class ReservationsOfflineScreenshot {
    private ReservationsOfflineScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        ConsoleFixture console = new ConsoleFixture();
        KeaServer kea = console.kea();
        console.beforeAll(null);
        try {
            DecisionService decisions = console.decisions(MacBlocker.NONE);
            decisions.editor().reserve(Mac.parse("f0:18:98:00:01:a1"), "registered", null, "anna-tablet", "Anna, front desk", (long) KeaServer.VLAN);
            decisions.editor().reserve(Mac.parse("f0:18:98:00:01:a3"), "registered", null, "otto-phone", "Otto", (long) KeaServer.VLAN);
            decisions.editor().reserve(Mac.parse("3c:22:fb:00:00:07"), "denied", null, "", "lost badge", (long) KeaServer.VLAN);
            ScriptedDialogService dialogs = new ScriptedDialogService();
            MainWindow window = console.show(console.context().deciding(decisions, console.queue(), null).build(), dialogs);
            ReservationsViewModel vm = window.reservations();
            Platform.runLater(() -> {
                ((javafx.scene.control.ButtonBase) Window.getWindows().get(0).getScene().lookup("#nav-reservations")).fire();
                vm.refresh();
            });
            Thread.sleep(3000);
            List<HostReservation> shown = List.copyOf(vm.visibleRows());
            HostReservation otto = shown.stream().filter(r -> r.hostname().equals("otto-phone")).findFirst().orElseThrow();
            kea.stop();
            dialogs.answerConfirm(true);
            Platform.runLater(() -> vm.save(new ReservationsViewModel.Input("f0:18:98:00:01:a2", "registered", "", "zoe-laptop",
                    "Empfang — Zoë", (long) KeaServer.VLAN)));
            Thread.sleep(4000);
            dialogs.answerConfirm(true);
            Platform.runLater(() -> vm.remove(List.of(otto)));
            Thread.sleep(4000);
            shoot(out.resolve("reservations-offline.png"));
        } finally {
            Platform.exit();
            kea.afterAll(null);
        }
        System.exit(0);
    }

    private static void shoot(Path file) throws Exception {
        org.gatehouse.testing.ScenePng.write(Window.getWindows().get(0).getScene(), file);
    }
}
