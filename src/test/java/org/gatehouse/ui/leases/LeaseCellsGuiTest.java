package org.gatehouse.ui.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the lease table's cells draw, on a real Kea: the cells draw their own text (LeaseCellSkin)
 * and rows are reused in place when a search changes the rows shown (LeaseTableSkin), so every row
 * must still show the lease at its place after each keystroke, no stale text below the last one,
 * and text too wide for its column cut with the ellipsis.
 */
@Tag("gui")
@Tag("kea")
class LeaseCellsGuiTest {
    private static final String LONG_NAME = "ein-sehr-langer-gerätename-im-gästenetz-des-hauses";

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();

    MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeEach
    void open() throws Exception {
        kea.wipeLeases();
        for (int host = 10; host < 50; host++) {
            String name = host == 42 ? LONG_NAME : (host % 2 == 0 ? "gerät-" : "laptop-") + host;
            kea.addLease(host, String.format("f0:18:98:00:01:%02x", host), name, 86400);
        }
        window = console.show(console.context(console.newLeases()).refreshSeconds(600).build(), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> table().getItems().size() == 40);
    }

    @AfterEach
    void close() throws Exception {
        console.close(window);
    }

    @Test
    void everyRowShowsTheLeaseAtItsPlaceAfterEachSearchKeystroke() {
        robot.clickOn("#lease-search");
        int[] expected = {20, 20, 20, 20, 20, 19, 4};
        String typed = "gerät-4";
        for (int i = 0; i < typed.length(); i++) {
            robot.write(typed.charAt(i));
            int count = expected[i];
            await().atMost(Duration.ofSeconds(10)).until(() -> table().getItems().size() == count);
            assertRowsShowTheirLeases();
        }
        for (int i = 0; i < typed.length(); i++) {
            robot.type(javafx.scene.input.KeyCode.BACK_SPACE);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> table().getItems().size() == 40);
        assertRowsShowTheirLeases();
    }

    @Test
    void aHostnameWiderThanItsColumnEndsInTheEllipsisAndShowsMoreInAWiderColumn() {
        robot.interact(() -> table().scrollTo(28));
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<?, ?> cell = hostnameCellOf("192.168.40.42");
        String shown = drawn(cell);
        double room = cell.getWidth() - cell.snappedLeftInset() - cell.snappedRightInset();
        assertThat(shown).endsWith(cell.getEllipsisString());
        assertThat(LONG_NAME).startsWith(shown.substring(0, shown.length() - cell.getEllipsisString().length()));
        assertThat(textOf(cell).getLayoutBounds().getWidth()).isLessThanOrEqualTo(room);
        assertThat(cell.getText()).as("copy and export read the whole name").isEqualTo(LONG_NAME);
        assertThat(drawn(hostnameCellOf("192.168.40.40"))).isEqualTo("gerät-40");

        TableColumn<LeaseRow, ?> hostname = column("col-hostname");
        robot.interact(() -> table().resizeColumn(hostname, 400));
        WaitForAsyncUtils.waitForFxEvents();
        TableCell<?, ?> wide = hostnameCellOf("192.168.40.42");
        assertThat(wide.getWidth()).as("the cell follows its column").isEqualTo(hostname.getWidth());
        assertThat(drawn(wide)).as("more of the name once the column is wider").hasSizeGreaterThan(shown.length());
        assertThat(textOf(wide).getLayoutBounds().getWidth()).isLessThanOrEqualTo(wide.getWidth() - wide.snappedLeftInset() - wide.snappedRightInset());
    }

    @Test
    void clickingACellSelectsItsRowAndARightClickSelectsTheRowItOpensTheMenuFor() {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(hostnameCellOf("192.168.40.12"));
        await().atMost(Duration.ofSeconds(5)).until(() -> selectedIp().equals("192.168.40.12"));
        assertThat(table().isFocused()).as("the click focuses the table (keyboard continues from there)").isTrue();
        robot.rightClickOn(hostnameCellOf("192.168.40.15"));
        await().atMost(Duration.ofSeconds(5)).until(() -> selectedIp().equals("192.168.40.15"));
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
    }

    private String selectedIp() {
        LeaseRow r = table().getSelectionModel().getSelectedItem();
        return r == null ? "" : r.ip();
    }

    /** Every filled row's IP and Hostname cells draw its lease; rows past the last lease draw nothing. */
    private void assertRowsShowTheirLeases() {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            List<LeaseRow> items = table().getItems();
            List<String> problems = new ArrayList<>();
            for (TableRow<?> row : rows()) {
                for (TableCell<?, ?> cell : cells(row)) {
                    LeaseColumn column = (LeaseColumn) cell.getTableColumn().getUserData();
                    String want = row.getIndex() >= items.size() ? ""
                            : column == LeaseColumn.IP ? items.get(row.getIndex()).ip()
                            : column == LeaseColumn.HOSTNAME ? items.get(row.getIndex()).hostname() : null;
                    if (want != null && !want.equals(drawn(cell)) && !(want.equals(LONG_NAME) && drawn(cell).endsWith(cell.getEllipsisString()))) {
                        problems.add("row " + row.getIndex() + " " + column + ": drew '" + drawn(cell) + "', lease has '" + want + "'");
                    }
                }
            }
            assertThat(problems).isEmpty();
        });
    }

    @SuppressWarnings("unchecked")
    private TableView<LeaseRow> table() {
        return (TableView<LeaseRow>) robot.lookup("#lease-table").query();
    }

    private TableColumn<LeaseRow, ?> column(String id) {
        return table().getColumns().stream().filter(c -> id.equals(c.getId())).findFirst().orElseThrow();
    }

    private List<TableRow<?>> rows() {
        List<TableRow<?>> rows = new ArrayList<>();
        for (Node n : table().lookupAll(".table-row-cell")) {
            if (n instanceof TableRow<?> r && r.isVisible() && r.getIndex() >= 0) {
                rows.add(r);
            }
        }
        assertThat(rows).as("rows on screen").isNotEmpty();
        return rows;
    }

    private static List<TableCell<?, ?>> cells(TableRow<?> row) {
        List<TableCell<?, ?>> cells = new ArrayList<>();
        for (Node n : row.getChildrenUnmodifiable()) {
            if (n instanceof TableCell<?, ?> c) {
                cells.add(c);
            }
        }
        return cells;
    }

    private TableCell<?, ?> hostnameCellOf(String ip) {
        return rows().stream().filter(r -> r.getItem() instanceof LeaseRow l && l.ip().equals(ip)).findFirst()
                .flatMap(r -> cells(r).stream().filter(c -> "col-hostname".equals(c.getTableColumn().getId())).findFirst())
                .orElseThrow();
    }

    /** The node that draws the cell's text. */
    private static Text textOf(TableCell<?, ?> cell) {
        Optional<Text> t = cell.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(Text.class::cast).findFirst();
        return t.orElseThrow();
    }

    /** What the user reads in the cell. */
    private static String drawn(TableCell<?, ?> cell) {
        return textOf(cell).getText();
    }
}
