package org.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.gatehouse.cli.CliRun;
import org.gatehouse.model.HostReservation;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.leases.LeaseRow;
import org.gatehouse.ui.queue.QueueRow;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * One deny, three doors: the Queue screen's Deny, the Leases screen's "Deny and block…" and
 * {@code gatehouse deny} go through the same decision flow, so each leaves Kea, the switch (the
 * Comware double over real SSH) and the audit trail (one cache file) in the same state.
 */
@Tag("kea")
@Tag("gui")
@Tag("switch")
class OneDenyFlowGuiTest {
    static final String BY_QUEUE = "f0:18:98:00:0a:01";
    static final String BY_LEASES = "f0:18:98:00:0a:02";
    static final String BY_CLI = "f0:18:98:00:0a:03";

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();

    static Path dir;
    static ComwareCliDouble sw;
    static Database db;
    static MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        kea.addLease(140, BY_QUEUE, "queue-guest", 60);
        kea.addLease(141, BY_LEASES, "leases-guest", 60);
        kea.addLease(142, BY_CLI, "cli-guest", 60);
        dir = console.dir();
        db = console.db();
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
        SshTarget target = new SshTarget("127.0.0.1", sw.port(), sw.user(), sw.password().toCharArray(), null, dir.resolve("known_hosts"),
                true, Duration.ofSeconds(5));
        SwitchService switches = console.switches(ComwareSwitch.overSsh(target, new SshConnector(), Duration.ofSeconds(5)), null);
        DecisionService decisions = console.decisions(switches.asMacBlocker());
        window = console.show(console.context().deciding(decisions, console.queue(), null).switches(switches).build(), null);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close(window);
        sw.close();
    }

    @Test
    void queueLeasesAndCliDenyWriteTheSameAuditRows() throws Exception {
        denyFromTheQueueScreen();
        denyAndBlockFromTheLeasesScreen();
        CliRun cli = CliRun.run(Map.of(), "--kea", kea.endpoint(), "--db", dir.resolve("console.db").toString(),
                "--switch", "ssh://" + sw.user() + "@127.0.0.1:" + sw.port(), "--switch-password-file",
                CliRun.writePrivate(dir.resolve("pw"), sw.password()).toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                "--accept-new-host-key", "--timeout", "5", "deny", BY_CLI);
        assertThat(cli.exit()).as(cli.err()).isZero();

        // Kea and the switch: all three denied and blocked.
        List<HostReservation> inKea = ConfigEdits.reservations(kea.client().config().raw().path("Dhcp4"));
        for (String mac : List.of(BY_QUEUE, BY_LEASES, BY_CLI)) {
            assertThat(inKea).filteredOn(r -> r.mac().toString().equals(mac)).singleElement()
                    .satisfies(r -> assertThat(r.clientClasses()).containsExactly("denied"));
            assertThat(sw.saved().rules(4000)).containsValue("deny source-mac " + comware(mac) + " ffff-ffff-ffff");
        }

        // The audit trail: per device the same rows (one switch-block, one deny), with the same details and results.
        List<ActionLog.Entry> all = new ActionLog(db, "test", "test").recent(1000);
        List<String> queueRows = rowsOf(all, BY_QUEUE);
        assertThat(queueRows).containsExactly(
                "switch-block | ACL 4000 rule N on SWITCH | ok",
                "deny | subnet 40 | ok: written (config-set); switch: done blocked MAC with ACL 4000 rule N (saved)"
                        + " — ACL 4000 is not applied on any interface yet (run switch install-acl)");
        assertThat(rowsOf(all, BY_LEASES)).isEqualTo(queueRows);
        assertThat(rowsOf(all, BY_CLI)).isEqualTo(queueRows);
    }

    private void denyFromTheQueueScreen() {
        robot.clickOn("#nav-queue");
        robot.interact(() -> window.queue().refresh());
        await().atMost(Duration.ofSeconds(20)).until(() -> queueTable().getItems().stream().anyMatch(r -> r.mac().equals(BY_QUEUE)));
        robot.interact(() -> {
            queueTable().getSelectionModel().clearSelection();
            queueTable().getSelectionModel().select(queueTable().getItems().stream().filter(r -> r.mac().equals(BY_QUEUE))
                    .findFirst().orElseThrow());
        });
        robot.clickOn("#queue-deny");
        await().atMost(Duration.ofSeconds(30)).until(() -> !window.queue().decided().isEmpty());
        assertThat(window.queue().decided().get(0).stateProperty().get()).startsWith("denied");
    }

    private void denyAndBlockFromTheLeasesScreen() {
        robot.clickOn("#nav-leases");
        await().atMost(Duration.ofSeconds(20)).until(() -> leaseTable().getItems().stream().anyMatch(r -> r.mac().equals(BY_LEASES)));
        robot.interact(() -> leaseTable().getSelectionModel().select(leaseTable().getItems().stream()
                .filter(r -> r.mac().equals(BY_LEASES)).findFirst().orElseThrow()));
        Platform.runLater(() -> item("lease-deny-block").fire());
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup(".dialog-pane .button").tryQuery().isPresent());
        Button ok = robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
                .filter(b -> "OK".equals(b.getText())).findFirst().orElseThrow();
        robot.clickOn(ok);
        await().atMost(Duration.ofSeconds(30)).until(() -> robot.lookup("#deny-block-result").tryQuery().isPresent());
        DialogPane result = robot.lookup("#deny-block-result").queryAs(DialogPane.class);
        assertThat(result.getHeaderText()).isEqualTo(BY_LEASES + " is denied and blocked");
        robot.interact(() -> ((Stage) result.getScene().getWindow()).close());
    }

    /** Each row of the device as "action | detail | result", with the MAC, rule id and switch address made comparable. */
    private static List<String> rowsOf(List<ActionLog.Entry> all, String mac) {
        List<String> out = new ArrayList<>();
        all.stream().filter(e -> mac.equals(e.target())).sorted((a, b) -> Long.compare(a.id(), b.id())).forEach(e -> out.add(
                (e.action() + " | " + e.detail() + " | " + e.result()).replace(mac, "MAC")
                        .replaceAll("rule \\d+", "rule N").replaceAll("on \\S+@127\\.0\\.0\\.1:\\d+", "on SWITCH")));
        return out;
    }

    private static String comware(String mac) {
        String hex = mac.replace(":", "");
        return hex.substring(0, 4) + "-" + hex.substring(4, 8) + "-" + hex.substring(8);
    }

    @SuppressWarnings("unchecked")
    private TableView<QueueRow> queueTable() {
        return (TableView<QueueRow>) robot.lookup("#queue-table").query();
    }

    @SuppressWarnings("unchecked")
    private TableView<LeaseRow> leaseTable() {
        return (TableView<LeaseRow>) robot.lookup("#lease-table").query();
    }

    private MenuItem item(String id) {
        ContextMenu menu = leaseTable().getContextMenu();
        return menu.getItems().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow();
    }
}
