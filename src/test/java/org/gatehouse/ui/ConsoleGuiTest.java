package org.gatehouse.ui;

import org.gatehouse.testing.ConsoleFixture;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.leases.LeaseRow;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The console, headless (Monocle), on a real Kea: window, lease table, search, theme toggle. */
@Tag("gui")
@Tag("kea")
class ConsoleGuiTest {

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();

    MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
        kea.addLease(140, "da:a1:19:00:00:8c", "guest-phone", 60);
        kea.addLease(200, "b8:27:eb:00:00:c8", "pi", 86400);
    }

    @BeforeEach
    void open() throws Exception {
        window = console.show(console.context(console.newLeases()).build(), null);
    }

    @AfterEach
    void close() throws Exception {
        console.close(window);
    }

    @SuppressWarnings("unchecked")
    private TableView<LeaseRow> table() {
        return (TableView<LeaseRow>) robot.lookup("#lease-table").query();
    }

    @Test
    void leaseTableShowsTheRealKeasLeasesSortedByAddress() {
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 3);
        assertThat(table().getItems()).extracting(LeaseRow::ip).containsExactly("192.168.40.10", "192.168.40.140", "192.168.40.200");
        assertThat(table().getItems()).extracting(LeaseRow::tier).containsExactly("registered", "newly-unregistered", "old-unregistered");
        assertThat(robot.lookup("#status-connection").queryAs(Label.class).getText()).startsWith("Connected to unix:");
    }

    @Test
    void typingInSearchFiltersTheRows() {
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 3);
        robot.clickOn("#lease-search").write("b8:27");
        // The filter runs off the FX thread; its result arrives a moment later.
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 1);
        assertThat(table().getItems()).extracting(LeaseRow::hostname).containsExactly("pi");
        assertThat(robot.lookup("#lease-count").queryAs(Label.class).getText()).isEqualTo("1 of 3 leases");
    }

    @Test
    void themeToggleSwitchesToDarkAndBack() {
        assertThat(window.shell().themeProperty().get()).isEqualTo(Theme.LIGHT);
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.shell().themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(javafx.application.Application.getUserAgentStylesheet()).containsIgnoringCase("dark");
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(javafx.application.Application.getUserAgentStylesheet()).doesNotContainIgnoringCase("dark");
    }

    @Test
    void screensNotYetBuiltSayWhatTheyWillHold() {
        robot.clickOn("#nav-queue");
        WaitForAsyncUtils.waitForFxEvents();
        Node queue = robot.lookup("#screen-queue").query();
        assertThat(queue.isVisible()).isTrue();
        assertThat(robot.lookup("#screen-queue .label").queryAllAs(Label.class))
                .anySatisfy(l -> assertThat(l.getText()).contains("approve"));
    }
}
