package org.gatehouse.app;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.gatehouse.model.Ipv4;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.StatusService;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.gatehouse.ui.leases.LeaseRow;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The demo's devices on the Leases screen with Debian's real OUI registry: Apple devices show
 * their vendor and "apple" finds them. Without the registry the status bar says why vendors are
 * blank, once, naming the package to install.
 */
@Tag("gui")
@Tag("kea")
class DemoVendorsGuiTest {
    static final DemoSite SITE = new DemoSite(40, 30, 15, 15);

    @RegisterExtension
    static KeaServer kea = new KeaServer(config -> SITE.addReservations(config, 40, Instant.now()));

    @TempDir
    static Path dir;

    static Database db;
    static FxTaskExecutor tasks;
    MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        SITE.fill(kea.client(), 40, Ipv4.parse("192.168.40.0"), Instant.now());
        db = Database.open(dir.resolve("gui.db"));
        tasks = new FxTaskExecutor();
    }

    @AfterAll
    static void tearDown() {
        tasks.close();
        db.close();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.setupStage(Stage::hide);
        window.dispose();
    }

    private void open(OuiRegistry oui) throws Exception {
        LeaseService leases = new LeaseService(kea.client(), new ObservationStore(db), new ActionLog(db, "test", "test"), oui, Clock.systemUTC());
        ConsoleContext ctx = ConsoleContext.builder(tasks, Clock.systemUTC()).kea(kea.endpoint(), leases, new StatusService(kea.client())).build();
        FxToolkit.setupStage(stage -> {
            window = new MainWindow(ctx);
            window.install(stage);
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == SITE.devices().size());
    }

    @SuppressWarnings("unchecked")
    private TableView<LeaseRow> table() {
        return (TableView<LeaseRow>) robot.lookup("#lease-table").query();
    }

    private Label vendorNotice() {
        return robot.lookup("#status-vendor-notice").queryAs(Label.class);
    }

    @Test
    void appleDevicesOfTheDemoShowTheirVendorAndSearchFindsThem() throws Exception {
        open(new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV));
        List<LeaseRow> apple = table().getItems().stream().filter(r -> r.mac().startsWith("f0:18:98")).toList();
        assertThat(apple).isNotEmpty().allSatisfy(r -> assertThat(r.vendor()).isEqualTo("Apple, Inc."));
        assertThat(table().getItems()).anySatisfy(r -> assertThat(r.vendor()).isEqualTo("Raspberry Pi Foundation"));
        robot.clickOn("#lease-search").write("apple");
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() < SITE.devices().size());
        assertThat(table().getItems()).isNotEmpty().allSatisfy(r -> assertThat(r.vendor()).isEqualTo("Apple, Inc."));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vendorNotice().isVisible()).isFalse();
    }

    @Test
    void withoutTheRegistryTheStatusBarSaysWhichPackageBringsIt() throws Exception {
        Path missing = dir.resolve("no-ieee-data").resolve("oui.csv");
        open(new OuiRegistry(missing));
        await().atMost(Duration.ofSeconds(10)).until(() -> vendorNotice().isVisible());
        assertThat(vendorNotice().getText()).contains(missing.toString()).contains("ieee-data").contains("apt-get install ieee-data");
        assertThat(robot.lookup("#status-vendor-notice").queryAll()).hasSize(1);
        assertThat(table().getItems()).allSatisfy(r -> assertThat(r.vendor()).isIn(null, "", OuiRegistry.RANDOMIZED));
    }
}
