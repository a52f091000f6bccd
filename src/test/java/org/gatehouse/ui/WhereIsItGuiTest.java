package org.gatehouse.ui;

import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import javafx.scene.control.TableView;
import org.gatehouse.policy.MacBlocker;
import org.gatehouse.policy.SwitchService;
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
import org.testfx.api.FxRobot;

/** "Where is this device?" from the Queue: a waiting device found on its port by SNMP (snmpsim, real recording). */
@Tag("gui")
@Tag("kea")
@Tag("switch")
class WhereIsItGuiTest {
    /** In the recorded FDB: VLAN 1, bridge port 51, ifIndex 118, GigabitEthernet1/0/3. */
    static final String RECORDED_MAC = "00:00:5e:00:00:01";

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();

    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    static MainWindow window;
    static final ScriptedDialogService dialogs = new ScriptedDialogService();
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        kea.addLease(150, RECORDED_MAC, "vrrp-box", 60);
        SwitchService switches = new SwitchService(null,
                () -> new SnmpLocator(sim.endpoint(), sim.v2c(SnmpSimulator.COMMUNITY), Duration.ofSeconds(2), 1),
                new SwitchStore(console.db(), "test"), console.log(), console.oui(), Clock.systemUTC(), AclNumber.DEFAULT,
                org.gatehouse.policy.BlockMode.ACL);
        window = console.show(console.context().deciding(console.decisions(MacBlocker.NONE), console.queue(), null)
                .switches(switches).build(), dialogs);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close(window);
    }

    @SuppressWarnings("unchecked")
    @Test
    void theSelectedDeviceIsFoundOnItsPort() {
        robot.clickOn("#nav-queue");
        TableView<QueueRow> table = (TableView<QueueRow>) robot.lookup("#queue-table").query();
        await().atMost(Duration.ofSeconds(20)).until(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#queue-locate");
        // the dialog opens at once with "Asking…", and the answer replaces its text when the switch lane has it
        assertThat(dialogs.last("where-is-it")).hasValueSatisfying(d -> assertThat(d.header).startsWith(RECORDED_MAC));
        await().atMost(Duration.ofSeconds(20)).until(() -> dialogs.last("where-is-it").orElseThrow().text().contains("GigabitEthernet1/0/3"));
        assertThat(dialogs.last("where-is-it").orElseThrow().text()).contains("VLAN 1").contains("bridge port 51, ifIndex 118")
                .contains("via snmp");
    }
}
