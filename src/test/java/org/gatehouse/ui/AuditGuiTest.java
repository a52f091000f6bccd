package org.gatehouse.ui;

import org.gatehouse.testing.ConsoleFixture;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.gatehouse.kea.ConfigCommands;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.Ipv4;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.ConfigDiff;
import org.gatehouse.policy.ConfigService;
import org.gatehouse.policy.Replayers;
import org.gatehouse.store.ActionLog;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Audit screen, headless, on a real Kea and cache: filters, chain check, timeline, export, diff, restore, queue. */
@Tag("gui")
@Tag("kea")
class AuditGuiTest {

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture().actingAs("anna", "desk-1");
    static KeaServer kea = console.kea();

    static long baseline;
    MainWindow window;
    ScriptedDialogService dialogs;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        ActionLog log = console.log();
        ConfigService configs = console.configs();
        // A device seen, an action on it, a refused one, a queued one, and a config changed after a snapshot.
        kea.addLease(140, "da:a1:19:00:00:8c", "guest-phone", 3600);
        console.leases().refresh();
        log.append(ActionLog.Draft.of(Instant.now(), "approve", "da:a1:19:00:00:8c").change("newly-unregistered", "registered")
                .note("front desk").result(ActionLog.OK));
        log.append(ActionLog.Draft.of(Instant.now(), "deny", "b8:27:eb:00:00:c8").result(ActionLog.refused("reservation-add failed")));
        console.offline().enqueue(Replayers.leaseRelease(Ipv4.parse("192.168.40.140"), "da:a1:19:00:00:8c", "queued in test"));
        baseline = configs.take("baseline");
        ObjectNode dhcp4 = (ObjectNode) kea.client().config().raw().get("Dhcp4").deepCopy();
        dhcp4.put("valid-lifetime", dhcp4.path("valid-lifetime").asInt() + 60);
        kea.client().execute(new ConfigCommands.ConfigSet(dhcp4));
        kea.client().execute(new ConfigCommands.ConfigWrite());
    }

    @BeforeEach
    void open() throws Exception {
        dialogs = new ScriptedDialogService();
        window = console.show(console.context().audit(console.auditTools()).build(), dialogs);
        robot.clickOn("#nav-audit");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close() throws Exception {
        console.close(window);
    }

    @SuppressWarnings("unchecked")
    private TableView<AuditEntry> table() {
        return (TableView<AuditEntry>) robot.lookup("#audit-table").query();
    }

    private String label(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void trailShowsNewestFirstAndFiltersByMacAndResult() {
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() >= 3);
        List<AuditEntry> shown = table().getItems();
        assertThat(shown.get(0).id()).isGreaterThan(shown.get(shown.size() - 1).id()); // newest first
        robot.clickOn("#audit-mac").write("DA-A1-19-00-00-8C");
        robot.clickOn("#audit-filter");
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().stream().allMatch(e -> "da:a1:19:00:00:8c".equals(e.mac())));
        assertThat(table().getItems()).extracting(AuditEntry::action).contains("approve");
        robot.interact(() -> {
            window.audit().trail().macProperty().set("");
            window.audit().trail().resultProperty().set("refused");
        });
        robot.clickOn("#audit-filter");
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 1);
        assertThat(table().getItems().get(0).target()).isEqualTo("b8:27:eb:00:00:c8");
        robot.interact(() -> {
            window.audit().trail().resultProperty().set(null);
            window.audit().trail().macProperty().set("not a mac");
        });
        robot.clickOn("#audit-filter");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label("#audit-message")).contains("not a MAC address");
        assertThat(label("#audit-cache-info")).startsWith("Cache ").contains("audit rows");
    }

    @Test
    void verifyTimelineAndExport() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() >= 3);
        robot.clickOn("#audit-verify");
        await().atMost(Duration.ofSeconds(20)).until(() -> label("#audit-chain").startsWith("Chain intact"));

        AuditEntry approve = table().getItems().stream().filter(e -> e.action().equals("approve")).findFirst().orElseThrow();
        robot.interact(() -> table().getSelectionModel().select(approve));
        robot.clickOn("#audit-timeline");
        await().atMost(Duration.ofSeconds(20)).until(() -> window.audit().trail().timeline().size() >= 3);
        // The lease first seen, then the approval, then the release queued for it (by the MAC that held the address).
        assertThat(window.audit().trail().timeline().get(0).kind()).isEqualTo("lease");
        assertThat(window.audit().trail().timeline().get(0).what()).contains("192.168.40.140").contains("newly-unregistered");
        assertThat(window.audit().trail().timeline()).extracting(AuditService.TimelineEntry::what)
                .anySatisfy(w -> assertThat(w).startsWith("approve da:a1:19:00:00:8c newly-unregistered → registered by anna"))
                .anySatisfy(w -> assertThat(w).startsWith("lease-release 192.168.40.140"));
        assertThat(label("#audit-timeline-title")).startsWith("Timeline of da:a1:19:00:00:8c");

        Path csv = console.dir().resolve("export.csv");
        dialogs.chooseFile(csv);
        robot.clickOn("#audit-export-csv");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(csv) && label("#audit-message").startsWith("Exported"));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("id,at,user,workstation,action");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("approve").contains("front desk"));
    }

    @Test
    void snapshotDiffSideBySideAndRestore() {
        robot.clickOn("#tab-snapshots .tab-label");
        await().atMost(Duration.ofSeconds(20)).until(() -> !window.audit().snapshots().snapshots().isEmpty());
        robot.clickOn("#snapshot-compare");
        await().atMost(Duration.ofSeconds(20)).until(() -> !window.audit().snapshots().diffChanges().isEmpty());
        assertThat(window.audit().snapshots().diffChanges()).extracting(ConfigDiff.PathChange::path).containsExactly("valid-lifetime");
        assertThat(window.audit().snapshots().diffRows()).filteredOn(r -> r.kind() == ConfigDiff.Kind.CHANGED).hasSize(1)
                .first().satisfies(r -> assertThat(r.left()).contains("valid-lifetime"));
        assertThat(label("#snapshot-diff-title")).contains("1 changed value");
        // Restore through the button: the user is asked first, and a "no" writes nothing.
        robot.interact(() -> window.audit().snapshots().restoreNoteProperty().set("undo — Zoë"));
        dialogs.answerConfirm(false);
        robot.clickOn("#snapshot-restore");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(label("#snapshot-diff-title")).contains("1 changed value");
        assertThat(label("#snapshot-message")).isEmpty();
        dialogs.answerConfirm(true);
        robot.clickOn("#snapshot-restore");
        await().atMost(Duration.ofSeconds(20)).until(() -> label("#snapshot-message").startsWith("Restored snapshot #" + baseline));
        assertThat(dialogs.seen()).filteredOn(d -> d.kind.equals("CONFIRM")).hasSize(2)
                .allSatisfy(d -> assertThat(d.header).isEqualTo("Restore the compared snapshot"));
        robot.interact(() -> window.audit().snapshots().compare());
        await().atMost(Duration.ofSeconds(20)).until(() -> label("#snapshot-diff-title").contains("identical"));
    }

    @Test
    void offlineQueueIsShownAndReplayedWithItsCheck() {
        robot.clickOn("#tab-queue .tab-label");
        await().atMost(Duration.ofSeconds(20)).until(() -> window.audit().queue().queued().size() == 1);
        robot.clickOn("#queue-replay");
        await().atMost(Duration.ofSeconds(20)).until(() -> label("#queue-message").contains("1 done"));
        assertThat(window.audit().queue().queued()).isEmpty();
        robot.interact(() -> window.audit().queue().showResolvedProperty().set(true));
        await().atMost(Duration.ofSeconds(20)).until(() -> window.audit().queue().queued().size() == 1);
        assertThat(window.audit().queue().queued().get(0).state()).isEqualTo("done");
        assertThat(org.gatehouse.ui.audit.TrailViewModel.OUTCOMES).contains("queued");
    }
}
