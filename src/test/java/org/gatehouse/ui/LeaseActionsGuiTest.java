package org.gatehouse.ui;

import org.gatehouse.testing.ConsoleFixture;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.SnmpSimulator;
import org.gatehouse.ui.leases.LeaseRow;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/** The Leases screen's actions from other screens, with Kea, the Comware double and snmpsim all real. */
@Tag("gui")
@Tag("kea")
@Tag("switch")
class LeaseActionsGuiTest {
    static final String GUEST = "f0:18:98:00:0e:01";
    static final String RECORDED_MAC = "00:00:5e:00:00:01";

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();

    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    static ComwareCliDouble sw;
    static MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        kea.addLease(140, GUEST, "guest-laptop", 60);
        kea.addLease(150, RECORDED_MAC, "vrrp-box", 60);
        Path dir = console.dir();
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
        SshTarget target = new SshTarget("127.0.0.1", sw.port(), sw.user(), sw.password().toCharArray(), null, dir.resolve("known_hosts"),
                true, Duration.ofSeconds(5));
        SwitchService switches = new SwitchService(ComwareSwitch.overSsh(target, new SshConnector(), Duration.ofSeconds(5)),
                () -> new SnmpLocator(sim.endpoint(), sim.v2c(SnmpSimulator.COMMUNITY), Duration.ofSeconds(2), 1),
                new SwitchStore(console.db(), "test"), console.log(), console.oui(), Clock.systemUTC(), AclNumber.DEFAULT,
                org.gatehouse.policy.BlockMode.ACL);
        window = console.show(console.context().deciding(console.decisions(switches.asMacBlocker()), console.queue(), null)
                .switches(switches).build(), null);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close(window);
        sw.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<LeaseRow> table() {
        return (TableView<LeaseRow>) robot.lookup("#lease-table").query();
    }

    private MenuItem item(String id) {
        ContextMenu menu = table().getContextMenu();
        return menu.getItems().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow();
    }

    private void select(String mac) {
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().stream().anyMatch(r -> r.mac().equals(mac)));
        robot.interact(() -> table().getSelectionModel().select(table().getItems().stream().filter(r -> r.mac().equals(mac))
                .findFirst().orElseThrow()));
    }

    private void closeDialog(String id) {
        robot.interact(() -> ((Stage) robot.lookup(id).queryAs(DialogPane.class).getScene().getWindow()).close());
    }

    @Test
    void reserveOpensTheEditorPrefilledWithTheLeasesMac() {
        select(GUEST);
        javafx.application.Platform.runLater(() -> item("lease-reserve").fire());
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#res-mac").tryQuery().isPresent());
        assertThat(robot.lookup("#res-mac").queryAs(TextField.class).getText()).isEqualTo(GUEST);
        assertThat(robot.lookup("#res-hostname").queryAs(TextField.class).getText()).isEqualTo("guest-laptop");
        robot.interact(() -> robot.lookup("#res-mac").queryAs(TextField.class).getScene().getWindow().hide());
    }

    @Test
    void whereIsThisDeviceAnswersWithItsPort() {
        select(RECORDED_MAC);
        robot.interact(() -> item("lease-locate").fire());
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#where-is-it").tryQuery().isPresent()
                && robot.lookup("#where-is-it").queryAs(DialogPane.class).getContentText().contains("GigabitEthernet1/0/3"));
        closeDialog("#where-is-it");
    }

    @Test
    void denyAndBlockAsksThenDeniesInKeaAndBlocksOnTheSwitch() {
        select(GUEST);
        javafx.application.Platform.runLater(() -> item("lease-deny-block").fire());
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup(".dialog-pane .button").tryQuery().isPresent());
        Button ok = robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(b -> "OK".equals(b.getText())).findFirst().orElseThrow();
        robot.clickOn(ok);
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#deny-block-result").tryQuery().isPresent());
        DialogPane result = robot.lookup("#deny-block-result").queryAs(DialogPane.class);
        assertThat(result.getHeaderText()).isEqualTo(GUEST + " is denied and blocked");
        assertThat(result.getContentText()).contains("switch: done");
        assertThat(sw.saved().rules(4000)).containsValue("deny source-mac f018-9800-0e01 ffff-ffff-ffff");
        String cls = null;
        for (JsonNode r : kea.client().config().raw().path("Dhcp4").path("subnet4").get(0).path("reservations")) {
            if (GUEST.equals(r.path("hw-address").asText())) {
                cls = r.path("client-classes").get(0).asText();
            }
        }
        assertThat(cls).isEqualTo("denied");
        closeDialog("#deny-block-result");
    }
}
