package org.gatehouse.ui;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.SnmpSimulator;
import org.gatehouse.ui.shell.MainWindow;
import org.gatehouse.ui.switchboard.BlockedRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Switch screen, headless, on the Comware double and snmpsim (on the console fixture, without Kea): read, block with confirmation, locate. */
@Tag("gui")
@Tag("switch")
class SwitchboardGuiTest {
    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture(null);

    @TempDir
    Path dir;
    ComwareCliDouble sw;
    MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() throws Exception {
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
        sw.handMadeRule(4000, 5, "deny source-mac 0011-2233-4455 ffff-ffff-ffff");
        SshTarget target = new SshTarget("127.0.0.1", sw.port(), sw.user(), sw.password().toCharArray(), null, dir.resolve("known_hosts"),
                true, Duration.ofSeconds(5));
        SwitchService service = console.switches(ComwareSwitch.overSsh(target, new SshConnector(), Duration.ofSeconds(5)),
                () -> new SnmpLocator(sim.endpoint(), sim.v2c(SnmpSimulator.COMMUNITY), Duration.ofSeconds(2), 1));
        window = console.show(console.context().switches(service).build(), null);
        robot.clickOn("#nav-switch");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        console.close(window);
        sw.close();
    }

    @SuppressWarnings("unchecked")
    TableView<BlockedRow> table() {
        return (TableView<BlockedRow>) robot.lookup("#blocked-table").query();
    }

    String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void blockAsksFirstThenWritesAndShowsTheRuleFromTheSwitch() {
        robot.clickOn("#switch-refresh");
        await().atMost(Duration.ofSeconds(10)).until(() -> table().getItems().size() == 1);
        assertThat(table().getItems().get(0).state()).isEqualTo("hand-made");

        robot.clickOn("#block-mac").write("f0:18:98:00:00:0a");
        robot.clickOn("#block-note").write("lost badge");
        robot.clickOn("#switch-block");
        WaitForAsyncUtils.waitForFxEvents();
        Node bar = robot.lookup("#switch-confirm").query();
        assertThat(bar.isVisible()).isTrue();
        assertThat(text("#switch-pending")).contains("Block f0:18:98:00:00:0a");
        assertThat(sw.received()).noneMatch(l -> l.startsWith("rule 50000"));

        robot.clickOn("#switch-confirm");
        await().atMost(Duration.ofSeconds(10)).until(() -> table().getItems().size() == 2);
        BlockedRow ours = table().getItems().stream().filter(BlockedRow::ours).findFirst().orElseThrow();
        assertThat(ours.mac()).isEqualTo("f0:18:98:00:00:0a");
        assertThat(ours.rule()).isEqualTo("rule 50000");
        assertThat(ours.note()).isEqualTo("lost badge");
        assertThat(ours.state()).isEqualTo("on switch");
        assertThat(sw.saved().rules(4000)).containsKey(50000);
    }

    @Test
    void cancelSendsNothingAndBadInputIsRefusedBeforeSending() {
        robot.clickOn("#block-mac").write("aa:bb:cc:dd:ee:ff;save");
        robot.clickOn("#switch-block");
        robot.clickOn("#switch-cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sw.logins()).isZero();
        robot.clickOn("#switch-block");
        robot.clickOn("#switch-confirm");
        await().atMost(Duration.ofSeconds(5)).until(() -> text("#switch-message").contains("bad MAC"));
        assertThat(sw.logins()).isZero();
    }

    @Test
    void locateShowsPortAndVlan() {
        robot.clickOn("#locate-mac").write("00:00:5e:00:00:01");
        robot.clickOn("#switch-locate");
        await().atMost(Duration.ofSeconds(10)).until(() -> text("#locate-result").contains("GigabitEthernet1/0/3"));
        assertThat(text("#locate-result")).contains("VLAN 1").contains("bridge port 51, ifIndex 118").contains("via snmp");
    }
}
