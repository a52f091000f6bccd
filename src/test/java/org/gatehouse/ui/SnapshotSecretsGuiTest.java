package org.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import org.gatehouse.kea.ConfigCommands;
import org.gatehouse.model.ConfigSecrets;
import org.gatehouse.policy.ConfigDiff;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.HaPeerPasswords;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Audit screen's Snapshots tab on a real Kea 2.2 whose HA peers have passwords, with a snapshot
 * stored the way Gatehouse did before secrets were blanked (the password in the row): comparing
 * shows only the marker, and restoring it gives Kea back its real password.
 */
@Tag("gui")
@Tag("kea")
class SnapshotSecretsGuiTest {
    private static final String SECRET = "Zoë-pässwörd-€";

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture(new KeaServer(c -> HaPeerPasswords.add(c, SECRET, "other-" + SECRET)))
            .actingAs("anna", "desk-1");
    static KeaServer kea = console.kea();

    static long oldRow;
    MainWindow window;
    ScriptedDialogService dialogs;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        String answered = kea.json().write(kea.client().config().raw());
        assertThat(answered).as("config-get answers the password").contains(SECRET);
        console.configs().list(1); // the schema
        oldRow = console.db().write(c -> {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO config_snapshot (at, endpoint, hash, reason, config) "
                    + "VALUES (0, 'unix:/old.sock', NULL, 'stored by an older Gatehouse', ?)", Statement.RETURN_GENERATED_KEYS)) {
                ins.setString(1, answered);
                ins.executeUpdate();
                try (ResultSet keys = ins.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        ObjectNode dhcp4 = (ObjectNode) kea.client().config().raw().get("Dhcp4").deepCopy();
        dhcp4.put("valid-lifetime", dhcp4.path("valid-lifetime").asInt() + 60);
        kea.client().execute(new ConfigCommands.ConfigSet(dhcp4));
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

    @Test
    void comparingAnOldSnapshotShowsNoPasswordAndRestoringKeepsTheRealOne() {
        robot.clickOn("#tab-snapshots .tab-label");
        await().atMost(Duration.ofSeconds(20)).until(() -> !window.audit().snapshots().snapshots().isEmpty());
        assertThat(window.audit().snapshots().selectedSnapshotProperty().get().id()).isEqualTo(oldRow);
        robot.clickOn("#snapshot-compare");
        await().atMost(Duration.ofSeconds(20)).until(() -> !window.audit().snapshots().diffChanges().isEmpty());
        assertThat(window.audit().snapshots().diffChanges()).extracting(ConfigDiff.PathChange::path).containsExactly("valid-lifetime");
        List<ConfigDiff.Row> rows = List.copyOf(window.audit().snapshots().diffRows());
        assertThat(rows).filteredOn(r -> r.left().contains("basic-auth-password")).hasSize(2)
                .allSatisfy(r -> assertThat(r.left()).contains(ConfigSecrets.MARKER).isEqualTo(r.right()));
        assertThat(rows).noneMatch(r -> r.left().contains("pässwörd") || r.right().contains("pässwörd"));
        WaitForAsyncUtils.waitForFxEvents();
        // what is on screen: every table cell of the tab
        assertThat(robot.lookup(".table-cell").queryAllAs(TableCell.class))
                .noneMatch(c -> c.getText() != null && c.getText().contains("pässwörd"));

        dialogs.answerConfirm(true);
        robot.clickOn("#snapshot-restore");
        await().atMost(Duration.ofSeconds(20)).until(() -> label("#snapshot-message").startsWith("Restored snapshot #" + oldRow));
        assertThat(label("#snapshot-message")).doesNotContain("pässwörd");
        assertThat(kea.client().config().raw().at("/Dhcp4" + HaPeerPasswords.PEERS + "/0/basic-auth-password").asText()).isEqualTo(SECRET);
        assertThat(kea.client().config().raw().at("/Dhcp4" + HaPeerPasswords.PEERS + "/1/basic-auth-password").asText())
                .isEqualTo("other-" + SECRET);
        // the restore's own "before" snapshot, stored now, is blanked in the cache
        long newest = console.configs().list(1).get(0).id();
        String stored = console.db().read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT config FROM config_snapshot WHERE id = ?")) {
                q.setLong(1, newest);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        assertThat(stored).contains(ConfigSecrets.MARKER).doesNotContain("pässwörd");
    }

    private String label(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
