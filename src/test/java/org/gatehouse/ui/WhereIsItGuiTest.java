package org.gatehouse.ui;

import org.junit.jupiter.api.Tag;
import org.gatehouse.ui.task.FxTaskExecutor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.gatehouse.kea.Reservations;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.MacBlocker;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.StatusService;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.store.PendingLeaseDeletes;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.SnmpSimulator;
import org.gatehouse.ui.queue.QueueRow;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** "Where is this device?" from the Queue: a waiting device found on its port by SNMP (snmpsim, real recording). */
@Tag("gui")
@Tag("kea")
@Tag("switch")
class WhereIsItGuiTest {
    /** In the recorded FDB: VLAN 1, bridge port 51, ifIndex 118, GigabitEthernet1/0/3. */
    static final String RECORDED_MAC = "00:00:5e:00:00:01";

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    @TempDir
    static Path dir;

    static Database db;
    static FxTaskExecutor tasks;
    static MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        kea.addLease(150, RECORDED_MAC, "vrrp-box", 60);
        db = Database.open(dir.resolve("gui.db"));
        tasks = new FxTaskExecutor();
        ObservationStore obs = new ObservationStore(db);
        ActionLog log = new ActionLog(db, "test", "test");
        OuiRegistry oui = new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV);
        LeaseService leases = new LeaseService(kea.client(), obs, log, oui, Clock.systemUTC());
        Reservations res = Reservations.forKea(kea.client(), kea.json(), Reservations.SnapshotSink.NONE);
        DecisionService decisions = new DecisionService(kea.client(), res, log, new PendingLeaseDeletes(db), MacBlocker.NONE,
                Clock.systemUTC(), "gui@test");
        QueueService queue = new QueueService(kea.client(), leases, obs, res, Clock.systemUTC());
        SwitchService switches = new SwitchService(null,
                () -> new SnmpLocator(sim.endpoint(), sim.v2c(SnmpSimulator.COMMUNITY), Duration.ofSeconds(2), 1),
                new SwitchStore(db, "test"), log, oui, Clock.systemUTC(), AclNumber.DEFAULT, SwitchService.BlockMode.ACL);
        ConsoleContext ctx = new ConsoleContext(kea.endpoint(), leases, new StatusService(kea.client()), tasks, Clock.systemUTC(), 60,
                decisions, queue, null, switches, null);
        FxToolkit.setupStage(stage -> {
            window = new MainWindow(ctx);
            window.install(stage);
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterAll
    static void tearDown() throws Exception {
        FxToolkit.setupStage(Stage::hide);
        window.dispose();
        tasks.close();
        db.close();
    }

    @SuppressWarnings("unchecked")
    @Test
    void theSelectedDeviceIsFoundOnItsPort() {
        robot.clickOn("#nav-queue");
        TableView<QueueRow> table = (TableView<QueueRow>) robot.lookup("#queue-table").query();
        await().atMost(Duration.ofSeconds(20)).until(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#queue-locate");
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#where-is-it").tryQuery().isPresent()
                && robot.lookup("#where-is-it").queryAs(DialogPane.class).getContentText().contains("GigabitEthernet1/0/3"));
        DialogPane pane = robot.lookup("#where-is-it").queryAs(DialogPane.class);
        assertThat(pane.getContentText()).contains("VLAN 1").contains("bridge port 51, ifIndex 118").contains("via snmp");
        robot.interact(() -> ((Stage) pane.getScene().getWindow()).close());
    }
}
