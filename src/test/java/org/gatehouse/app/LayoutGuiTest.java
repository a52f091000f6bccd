package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.gatehouse.policy.Profile;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.Theme;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The console remembers, per user, the window's size and place, the theme, and each table's
 * column order, widths and sort — across a restart; a broken layout file does not stop it.
 */
@Tag("gui")
@Tag("kea")
class LayoutGuiTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static FrameDriver console;

    @BeforeAll
    static void setUp() throws Exception {
        console = new FrameDriver(dir);
        kea.addLease(40, "f0:18:98:00:00:28", "zebra", 86400);
        kea.addLease(41, "f0:18:98:00:00:29", "alpaka", 86400);
        kea.addLease(170, "da:a1:19:00:00:aa", "möwe", 60);
        console.store().save(Profile.named("site").withKea(Profile.KeaAccess.of("unix:" + kea.socket())), Map.of());
        console.store().setDefault("site");
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close();
    }

    @AfterEach
    void close() throws Exception {
        console.closeWindow();
    }

    private void openOnLeases() throws Exception {
        console.open(console.realSetup(List.of(), new ScriptedDialogService()));
        await().atMost(Duration.ofSeconds(20)).until(() -> console.leaseRows() == 3);
    }

    private static List<String> columnIds(TableView<?> t) {
        return t.getColumns().stream().map(TableColumn::getId).toList();
    }

    @Test
    void windowTablesAndThemeComeBackAfterARestart() throws Exception {
        openOnLeases();
        TableView<Object> table = console.table("#lease-table");
        TableColumn<Object, ?> hostname = table.getColumns().stream().filter(c -> "col-hostname".equals(c.getId())).findFirst().orElseThrow();
        console.robot.interact(() -> {
            Stage stage = (Stage) table.getScene().getWindow();
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1100);
            stage.setHeight(680);
            // as a user drags the hostname column to the front and sorts by it, Z to A
            table.getColumns().remove(hostname);
            table.getColumns().add(0, hostname);
            hostname.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(hostname));
        });
        console.robot.clickOn("#theme-toggle");
        await().atMost(Duration.ofSeconds(10)).until(() -> console.table("#lease-table").getItems().size() == 3
                && "zebra".equals(((org.gatehouse.ui.leases.LeaseRow) console.table("#lease-table").getItems().get(0)).hostname()));
        List<String> order = columnIds(table);
        double hostnameWidth = hostname.getWidth();

        console.closeWindow();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(console.layoutFile()))).isEqualTo("rw-------");
        assertThat(Files.readString(console.layoutFile())).contains("col-hostname").contains("\"theme\" : \"dark\"");
        // the next start: another window state on the stage, then the frame puts back what was remembered
        FxToolkit.setupStage(stage -> {
            stage.setWidth(700);
            stage.setHeight(500);
        });
        openOnLeases();
        Stage stage = console.stage();
        assertThat(stage.getWidth()).isEqualTo(1100);
        assertThat(stage.getHeight()).isEqualTo(680);
        assertThat(stage.getX()).as(Files.readString(console.layoutFile())).isEqualTo(40);
        assertThat(stage.getY()).isEqualTo(30);
        TableView<Object> again = console.table("#lease-table");
        assertThat(columnIds(again)).isEqualTo(order);
        assertThat(again.getSortOrder()).extracting(TableColumn::getId).containsExactly("col-hostname");
        assertThat(again.getSortOrder().get(0).getSortType()).isEqualTo(TableColumn.SortType.DESCENDING);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "zebra".equals(((org.gatehouse.ui.leases.LeaseRow) again.getItems().get(0)).hostname()));
        assertThat(again.getColumns().get(0).getWidth()).isCloseTo(hostnameWidth, org.assertj.core.data.Percentage.withPercentage(15));
        assertThat(console.frame.window().shell().themeProperty().get()).isEqualTo(Theme.DARK);
    }

    @Test
    void aBrokenLayoutFileDoesNotStopTheConsole() throws Exception {
        Files.createDirectories(console.layoutFile().getParent());
        Files.writeString(console.layoutFile(), "{ \"window\": { \"width\": \"wide\" }, \"tables\": [ garbage \u0000");
        openOnLeases();
        assertThat(console.has("#lease-table")).isTrue();
        console.closeWindow();
        // the next save replaces it with a good one
        assertThat(Files.readString(console.layoutFile())).contains("\"window\"").doesNotContain("garbage");
    }
}
