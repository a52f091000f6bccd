package org.gatehouse.ui;

import org.junit.jupiter.api.Tag;
import org.gatehouse.ui.task.FxTaskExecutor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.StatusService;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.leases.LeaseRow;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The console, headless (Monocle), on a real Kea: window, lease table, search, theme toggle. */
@Tag("gui")
@Tag("kea")
class ConsoleGuiTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static Database db;
    static FxTaskExecutor tasks;
    MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
        kea.addLease(140, "da:a1:19:00:00:8c", "guest-phone", 60);
        kea.addLease(200, "b8:27:eb:00:00:c8", "pi", 86400);
        db = Database.open(dir.resolve("gui.db"));
        tasks = new FxTaskExecutor();
    }

    @AfterAll
    static void tearDown() {
        tasks.close();
        db.close();
    }

    @BeforeEach
    void open() throws Exception {
        LeaseService leases = new LeaseService(kea.client(), new ObservationStore(db), new ActionLog(db, "test", "test"),
                new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC());
        ConsoleContext ctx = new ConsoleContext(kea.endpoint(), leases, new StatusService(kea.client()), tasks, Clock.systemUTC(), 60);
        FxToolkit.setupStage(stage -> {
            window = new MainWindow(ctx);
            window.install(stage);
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupStage(Stage::hide);
        window.dispose();
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
