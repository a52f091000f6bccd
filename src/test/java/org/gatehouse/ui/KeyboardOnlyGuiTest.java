package org.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.model.HostReservation;
import org.gatehouse.policy.MacBlocker;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.gatehouse.ui.leases.LeaseRow;
import org.gatehouse.ui.queue.QueueRow;
import org.gatehouse.ui.shell.MainWindow;
import org.gatehouse.ui.shell.Screen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A user who never touches the mouse, on a real Kea: every screen opens with Ctrl+1…7, F1 and ?
 * show the shortcut list, and approve (Queue), reserve and export (Leases) are done with key
 * presses and typing only — the robot never clicks. Asserts what the user would see: the device
 * leaves the queue and its lease the unregistered pool, the reservation is in Kea, the export file
 * holds the rows shown.
 */
@Tag("gui")
@Tag("kea")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyboardOnlyGuiTest {
    static final String APPROVE_MAC = "f0:18:98:00:0b:01";
    static final String RESERVE_MAC = "f0:18:98:00:0b:02";
    static final String EXPORT_MAC = "f0:18:98:00:0b:03";

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();
    static final ScriptedDialogService dialogs = new ScriptedDialogService();
    static MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        kea.addLease(150, APPROVE_MAC, "kb-approve-phone", 60);
        kea.addLease(151, RESERVE_MAC, "kb-reserve-printer", 60);
        kea.addLease(152, EXPORT_MAC, "kb-export-Müller", 60);
        window = console.show(console.context().deciding(console.decisions(MacBlocker.NONE), console.queue(), null).build(), dialogs);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close(window);
    }

    private void ctrl(KeyCode key) {
        robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node focusOwner() {
        return robot.lookup("#nav-leases").query().getScene().getFocusOwner();
    }

    private static boolean inside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private <T> TableView<T> table(String id) {
        return (TableView<T>) robot.lookup(id).query();
    }

    private List<HostReservation> inKea() {
        return ConfigEdits.reservations(kea.client().config().raw().path("Dhcp4"));
    }

    @Test
    @Order(1)
    void ctrlOneToSevenOpenEveryScreenAndPutTheFocusInIt() {
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5, KeyCode.DIGIT6, KeyCode.DIGIT7};
        for (Screen s : List.of(Screen.values())) {
            ctrl(digits[s.ordinal()]);
            String id = "#screen-" + s.name().toLowerCase();
            await().alias(s.title()).atMost(Duration.ofSeconds(10)).until(() -> robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false));
            assertThat(robot.lookup("#nav-" + s.name().toLowerCase()).queryAs(ToggleButton.class).isSelected())
                    .as("the sidebar shows %s as the current screen", s.title()).isTrue();
            assertThat(window.shell().screenProperty().get()).isEqualTo(s);
            if (s != Screen.SETTINGS) {
                Node screen = robot.lookup(id).query();
                await().alias("focus in " + s.title()).atMost(Duration.ofSeconds(5)).until(() -> inside(focusOwner(), screen));
            }
        }
    }

    @Test
    @Order(2)
    void f1AndQuestionMarkShowTheShortcutListAndEscClosesIt() {
        ctrl(KeyCode.DIGIT1);
        robot.type(KeyCode.F1);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#shortcut-list").tryQuery().map(Node::isVisible).orElse(false));
        List<String> keys = robot.lookup("#shortcut-list .shortcut-keys").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertThat(keys).contains("Ctrl+1 … Ctrl+7", "F1 or ?", "Ctrl+R", "Ctrl+E", "Shift+F10 or Menu key", "A / Alt+A");
        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#shortcut-list").tryQuery().isEmpty());

        // '?' opens it too, but not while typing in a field (there it is a character of the search).
        ctrl(KeyCode.F);
        robot.write("?");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#shortcut-list").tryQuery()).isEmpty();
        assertThat(robot.lookup("#lease-search").queryAs(TextField.class).getText()).isEqualTo("?");
        robot.type(KeyCode.BACK_SPACE);
        robot.type(KeyCode.DOWN);
        await().atMost(Duration.ofSeconds(10)).until(() -> focusOwner() == robot.lookup("#lease-table").query());
        robot.write("?");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#shortcut-list").tryQuery().map(Node::isVisible).orElse(false));
        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#shortcut-list").tryQuery().isEmpty());
    }

    @Test
    @Order(3)
    void approveFromTheQueueWithANoteByKeyboard() {
        ctrl(KeyCode.DIGIT2);
        TableView<QueueRow> queue = table("#queue-table");
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.getItems().stream().anyMatch(r -> r.mac().equals(APPROVE_MAC)));
        await().atMost(Duration.ofSeconds(5)).until(() -> focusOwner() == queue);
        robot.type(KeyCode.HOME);
        for (int i = 0; i < queue.getItems().size() && !APPROVE_MAC.equals(selectedMac(queue)); i++) {
            robot.type(KeyCode.DOWN);
        }
        assertThat(selectedMac(queue)).isEqualTo(APPROVE_MAC);
        robot.type(KeyCode.TAB);
        assertThat(focusOwner()).as("Tab goes from the queue to the note").isSameAs(robot.lookup("#queue-note").query());
        robot.write("Anna, room 7");
        robot.press(KeyCode.ALT, KeyCode.A).release(KeyCode.A, KeyCode.ALT);

        await().atMost(Duration.ofSeconds(30)).until(() -> queue.getItems().stream().noneMatch(r -> r.mac().equals(APPROVE_MAC)));
        assertThat(inKea()).filteredOn(r -> r.mac().toString().equals(APPROVE_MAC)).singleElement().satisfies(r -> {
            assertThat(r.clientClasses()).containsExactly("registered");
            assertThat(r.stamp().note()).isEqualTo("Anna, room 7");
        });
        // Approving deletes the unregistered lease: the Leases screen no longer lists it there.
        ctrl(KeyCode.DIGIT1);
        robot.type(KeyCode.F5);
        await().atMost(Duration.ofSeconds(20)).until(() -> this.<LeaseRow>table("#lease-table").getItems().stream()
                .noneMatch(r -> r.mac().equals(APPROVE_MAC)));
    }

    private static String selectedMac(TableView<QueueRow> t) {
        QueueRow r = t.getSelectionModel().getSelectedItem();
        return r == null ? null : r.mac();
    }

    @Test
    @Order(4)
    void reserveFromTheLeasesScreenByKeyboard() {
        ctrl(KeyCode.DIGIT1);
        ctrl(KeyCode.F);
        robot.write("kb-reserve");
        TableView<LeaseRow> leases = table("#lease-table");
        await().atMost(Duration.ofSeconds(20)).until(() -> leases.getItems().size() == 1);
        robot.type(KeyCode.ENTER);
        assertThat(focusOwner()).as("Enter in the search goes to the results").isSameAs(leases);
        assertThat(leases.getSelectionModel().getSelectedItem().mac()).isEqualTo(RESERVE_MAC);

        // The row's menu from the keyboard lists Reserve… with its shortcut; Esc closes it.
        robot.press(KeyCode.SHIFT, KeyCode.F10).release(KeyCode.F10, KeyCode.SHIFT);
        ContextMenu menu = leases.getContextMenu();
        await().atMost(Duration.ofSeconds(10)).until(menu::isShowing);
        assertThat(menu.getItems()).anyMatch(i -> "lease-reserve".equals(i.getId()) && "Shortcut+R".equals(i.getAccelerator().getName()));
        robot.type(KeyCode.ESCAPE);
        await().atMost(Duration.ofSeconds(10)).until(() -> !menu.isShowing());

        ctrl(KeyCode.R);
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#res-mac").tryQuery().isPresent());
        assertThat(robot.lookup("#res-mac").queryAs(TextField.class).getText()).isEqualTo(RESERVE_MAC);
        assertThat(robot.lookup("#res-hostname").queryAs(TextField.class).getText()).isEqualTo("kb-reserve-printer");
        robot.type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(30)).until(() -> inKea().stream().anyMatch(r -> r.mac().toString().equals(RESERVE_MAC)));
        assertThat(inKea()).filteredOn(r -> r.mac().toString().equals(RESERVE_MAC)).singleElement()
                .satisfies(r -> assertThat(r.clientClasses()).containsExactly("registered"));
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#res-mac").tryQuery().isEmpty());
    }

    @Test
    @Order(5)
    void exportTheRowsShownByKeyboard() throws Exception {
        Path csv = console.dir().resolve("keyboard-export.csv");
        dialogs.chooseFile(csv);
        ctrl(KeyCode.DIGIT1);
        ctrl(KeyCode.F);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write("kb-export");
        TableView<LeaseRow> leases = table("#lease-table");
        await().atMost(Duration.ofSeconds(20)).until(() -> leases.getItems().size() == 1);
        robot.type(KeyCode.DOWN);
        ctrl(KeyCode.E);
        await().atMost(Duration.ofSeconds(20)).failFast(() -> !window.leases().messageProperty().get().isEmpty())
                .until(() -> window.leases().noticeProperty().get().startsWith("Exported 1 leases"));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("ip,mac,vendor,hostname,tier,subnet_id,state,expires,first_seen,last_seen,reserved");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("192.168.40.152," + EXPORT_MAC + ",").contains(",kb-export-müller,newly-unregistered,");
        assertThat(robot.lookup("#lease-notice").queryAs(Label.class).getText()).startsWith("Exported 1 leases to");
        assertThat(robot.lookup(".dialog-pane").tryQuery().map(n -> (DialogPane) n)).isEmpty();
    }
}
