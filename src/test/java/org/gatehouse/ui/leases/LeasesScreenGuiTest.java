package org.gatehouse.ui.leases;

import org.gatehouse.testing.ConsoleFixture;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Window;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.model.Ipv4;
import org.gatehouse.policy.LeaseExport;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kordamp.ikonli.feather.Feather;
import org.testfx.api.FxRobot;

/** The Leases screen's actions, headless on a real Kea: selection across refreshes, history, release, export, plug-in actions. */
@Tag("gui")
@Tag("kea")
class LeasesScreenGuiTest {

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();

    MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() throws Exception {
        kea.wipeLeases();
        for (int host : List.of(10, 20, 30, 140, 150, 160, 200)) {
            kea.addLease(host, String.format("f0:18:98:00:00:%02x", host), "dev-" + host, host < 128 ? 86400 : 3600);
        }
        window = console.show(console.context(console.newLeases()).refreshSeconds(600).build(), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 7);
    }

    @AfterEach
    void close() throws Exception {
        console.close(window);
    }

    @SuppressWarnings("unchecked")
    private TableView<LeaseRow> table() {
        return (TableView<LeaseRow>) robot.lookup("#lease-table").query();
    }

    private LeaseRow row(String ip) {
        return table().getItems().stream().filter(r -> r.ip().equals(ip)).findFirst().orElseThrow();
    }

    private void select(String ip) {
        robot.interact(() -> table().getSelectionModel().select(row(ip)));
        robot.interact(() -> table().requestFocus());
    }

    @Test
    void theSelectionStaysOnItsLeaseWhenLeasesAboveItComeAndGo() {
        select("192.168.40.150");
        LeaseRow selected = table().getSelectionModel().getSelectedItem();
        kea.client().execute(new KeaCommands.Lease4Del(Ipv4.parse("192.168.40.10")));
        kea.client().execute(new KeaCommands.Lease4Del(Ipv4.parse("192.168.40.20")));
        kea.addLease(5, "f0:18:98:00:00:05", "dev-5", 86400);
        robot.interact(() -> window.leases().refresh());
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 6);
        assertThat(table().getItems()).extracting(LeaseRow::ip).startsWith("192.168.40.5", "192.168.40.30");
        assertThat(table().getSelectionModel().getSelectedItem()).isSameAs(selected);
        assertThat(row("192.168.40.5").flashing()).as("the new lease flashes").isTrue();
    }

    @Test
    void aSearchThatKeepsTheSelectedLeaseKeepsItSelected() {
        select("192.168.40.150");
        robot.clickOn("#lease-search").write("dev-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 4);
        assertThat(table().getSelectionModel().getSelectedItem().ip()).isEqualTo("192.168.40.150");
    }

    @Test
    void enterOpensTheDevicesHistoryFromTheCache() {
        select("192.168.40.140");
        robot.type(KeyCode.ENTER);
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#history-table").tryQuery().isPresent());
        TableView<?> history = robot.lookup("#history-table").queryAs(TableView.class);
        assertThat(history.getItems()).isNotEmpty();
        assertThat(robot.lookup("#history-summary").queryLabeled().getText()).startsWith("First seen");
        robot.interact(() -> history.getScene().getWindow().hide());
    }

    @Test
    void deleteAsksAndThenReleasesTheLeaseInKea() {
        select("192.168.40.160");
        robot.type(KeyCode.DELETE);
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup(".dialog-pane .button").tryQuery().isPresent());
        Button ok = robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(b -> "OK".equals(b.getText())).findFirst().orElseThrow();
        robot.clickOn(ok);
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 6);
        assertThat(kea.client().execute(new KeaCommands.Lease4Get(Ipv4.parse("192.168.40.160")))).isEmpty();
        assertThat(window.leases().noticeProperty().get()).isEqualTo("Released 192.168.40.160.");
    }

    @Test
    void anotherScreensRowActionAppearsInTheContextMenuAndGetsTheRow() {
        AtomicReference<LeaseRow> got = new AtomicReference<>();
        robot.interact(() -> window.leasesView().addRowAction(new LeasesView.RowAction("lease-test-action", "Where is this device?",
                Feather.MAP_PIN, new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), got::set)));
        select("192.168.40.30");
        ContextMenu menu = table().getContextMenu();
        assertThat(menu.getItems()).extracting(MenuItem::getText).filteredOn(java.util.Objects::nonNull).containsSubsequence("Copy cell", "Copy row", "Device history…",
                "Release lease…", "Where is this device?", "Export shown rows as CSV…");
        assertThat(menu.getItems()).extracting(MenuItem::getText).noneMatch(t -> t != null && t.startsWith("Reserve"));
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        await().atMost(Duration.ofSeconds(20)).until(() -> got.get() != null);
        assertThat(got.get().ip()).as("the shortcut acts on the selected row").isEqualTo("192.168.40.30");
        select("192.168.40.140");
        MenuItem item = menu.getItems().stream().filter(m -> "lease-test-action".equals(m.getId())).findFirst().orElseThrow();
        robot.interact(item::fire);
        assertThat(got.get().ip()).as("the menu item acts on the selected row").isEqualTo("192.168.40.140");
    }

    @Test
    void exportWritesTheRowsShown() throws Exception {
        robot.clickOn("#lease-search").write("dev-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 2);
        Path csv = console.dir().resolve("shown.csv");
        robot.interact(() -> window.leases().export(csv, LeaseExport.Format.CSV));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(csv));
        assertThat(Files.readAllLines(csv)).hasSize(3).element(1).asString().startsWith("192.168.40.20,f0:18:98:00:00:14,Apple, Inc.".replace("Apple, Inc.", "\"Apple, Inc.\""));
        assertThat(Window.getWindows()).isNotEmpty();
    }
}
