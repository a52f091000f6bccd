package org.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import org.gatehouse.policy.Anomalies;
import org.gatehouse.store.Database;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.HistoryGenerator;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.pools.PoolChartsView;
import org.gatehouse.ui.pools.PoolChartsViewModel;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The Pools screen's history, headless: with 30 days of generated history (subnets 140 and 141)
 * and a real Kea whose newly-unregistered pool is 61 of 64 full, the charts draw every tier and the
 * 80/95 % lines, hovering shows values, the critical pool becomes an anomaly with a badge on the
 * sidebar until the screen is opened; an empty cache shows the empty state instead of charts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("gui")
@Tag("kea")
class PoolChartsGuiTest {
    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();

    static MainWindow window;
    static final org.gatehouse.ui.dialog.ScriptedDialogService dialogs = new org.gatehouse.ui.dialog.ScriptedDialogService();
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        new HistoryGenerator(console.db(), 2, 500, 140).generate(Instant.now(), 30);
        for (int i = 0; i < 61; i++) {
            kea.addLease(128 + i, String.format("02:00:5e:00:03:%02x", i), "guest-" + i, 600);
        }
        window = console.show(console.context().pools(console.poolsWithHistory()).build(), dialogs);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close(window);
    }

    @Test
    @Order(1)
    void aCriticalPoolIsAnAnomalyWithABadgeUntilTheScreenIsOpened() {
        await().atMost(Duration.ofSeconds(15)).until(() -> window.pools().charts().unseenProperty().get() > 0);
        Label badge = robot.lookup("#nav-pools-badge").queryAs(Label.class);
        assertThat(badge.isVisible()).isTrue();
        assertThat(badge.getText()).isEqualTo("1");

        robot.clickOn("#nav-pools");
        assertThat(badge.isVisible()).isFalse();
        robot.interact(() -> robot.lookup("#pools-tabs").queryAs(TabPane.class).getSelectionModel().select(2));
        TableView<Anomalies.Anomaly> list = robot.lookup("#pool-anomalies").queryTableView();
        await().atMost(Duration.ofSeconds(10)).until(() -> !list.getItems().isEmpty());
        Anomalies.Anomaly a = list.getItems().get(0);
        assertThat(a.kind()).isEqualTo("pool-critical");
        assertThat(a.subnetId()).isEqualTo(40L);
        assertThat(a.detail()).contains("newly-unregistered").contains("61 of 64");
    }

    @Test
    @Order(2)
    void theChartsDrawEveryTierAndTheThresholdLinesAndHoverShowsValues() {
        robot.clickOn("#nav-pools");
        robot.interact(() -> robot.lookup("#pools-tabs").queryAs(TabPane.class).getSelectionModel().select(1));
        robot.clickOn("#pool-range-month");
        robot.interact(() -> window.pools().charts().subnetProperty().set(140L));
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            var c = window.pools().charts().chartsProperty().get();
            return c != null && Long.valueOf(140).equals(c.subnetId()) && c.utilization().get(0).size() > 100;
        });
        robot.interact(() -> { });
        LineChart<Number, Number> util = chart("#chart-utilization-chart");
        assertThat(util.getData()).extracting(XYChart.Series::getName)
                .containsExactly("registered", "newly-unregistered", "old-unregistered", "80 %", "95 %");
        // 30 days in 6-hour buckets: about 120 points per tier, each line drawn as a path.
        assertThat(util.getData().get(0).getData().size()).isBetween(118, 124);
        assertThat(((javafx.scene.shape.Path) util.getData().get(0).getNode()).getElements().size()).isGreaterThan(100);
        assertThat(util.getData().get(4).getNode().getStyleClass()).contains("threshold-critical");
        assertThat(chart("#chart-activity-chart").getData()).extracting(XYChart.Series::getName)
                .containsExactly("new devices", "expiries", "releases");
        assertThat(chart("#chart-activity-chart").getData().get(0).getData()).hasSizeGreaterThan(50);
        assertThat(chart("#chart-renewals-chart").getData()).extracting(XYChart.Series::getName).containsExactly("renewals");
        assertThat(chart("#chart-queue-chart").getData().get(0).getData()).hasSizeGreaterThan(100);
        assertThat(robot.lookup("#pool-charts-age").queryAs(Label.class).getText()).startsWith("From the cache: newest sample");
        assertThat(robot.lookup("#pool-charts-empty").query().isVisible()).isFalse();

        Bounds plot = util.lookup(".chart-plot-background").localToScreen(util.lookup(".chart-plot-background").getBoundsInLocal());
        robot.moveTo(new javafx.geometry.Point2D(plot.getCenterX(), plot.getCenterY()));
        String hover = robot.lookup("#chart-utilization-hover").queryAs(Label.class).getText();
        assertThat(hover).matches("\\d\\d-\\d\\d \\d\\d:\\d\\d · registered [\\d.]+%, newly-unregistered [\\d.]+%, old-unregistered [\\d.]+%");
    }

    @Test
    @Order(3)
    void exportWritesTheChosenPeriodsReportAsAPrivateFile() throws Exception {
        robot.clickOn("#nav-pools");
        robot.interact(() -> robot.lookup("#pools-tabs").queryAs(TabPane.class).getSelectionModel().select(1));
        Path file = console.dir().resolve("month.html");
        dialogs.chooseFile(file);
        robot.clickOn("#pool-export");
        await().atMost(Duration.ofSeconds(20)).until(() -> dialogs.last("pool-export-result").isPresent());
        assertThat(dialogs.last("pool-export-result").get().header).as(dialogs.last("pool-export-result").get().text()).isEqualTo("Report written");
        String html = Files.readString(file);
        assertThat(html).contains("<svg id=\"utilization-140\"", "<svg id=\"utilization-141\"", "<svg id=\"utilization-40\"",
                "Site " + kea.endpoint(), "pool-critical");
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    @Order(4)
    void anEmptyCacheShowsTheEmptyStateInsteadOfCharts() throws Exception {
        Path dir = Files.createTempDirectory(console.dir(), "empty-");
        try (Database empty = Database.open(dir.resolve("empty.db"))) {
            org.gatehouse.store.LeaseEvents events = new org.gatehouse.store.LeaseEvents(empty);
            var history = new org.gatehouse.policy.PoolHistory(new org.gatehouse.store.PoolSamples(empty), events,
                    new Anomalies(events, new org.gatehouse.store.AnomalyLog(empty), org.gatehouse.policy.AnomalyThresholds.DEFAULTS),
                    Clock.systemUTC());
            PoolChartsViewModel model = new PoolChartsViewModel(Optional.of(history), console.tasks(), Clock.systemUTC(), ZoneOffset.UTC,
                    x -> { });
            PoolChartsView[] view = new PoolChartsView[1];
            robot.interact(() -> {
                view[0] = new PoolChartsView(model, ZoneOffset.UTC);
                new javafx.scene.Scene(view[0], 900, 600);
                model.refresh();
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> model.chartsProperty().get() != null);
            robot.interact(() -> {
                view[0].applyCss(); // skins (the scroll pane's content) exist once CSS has been applied
                view[0].layout();
            });
            Node emptyState = view[0].lookup("#pool-charts-empty");
            assertThat(emptyState.isVisible()).isTrue();
            assertThat(((Label) emptyState).getText()).startsWith("No history yet");
            assertThat(view[0].lookup("#pool-charts-body").isVisible()).isFalse();
            assertThat(model.ageProperty().get()).isEqualTo("No samples in the cache yet");
        }
    }

    @SuppressWarnings("unchecked")
    private LineChart<Number, Number> chart(String id) {
        return (LineChart<Number, Number>) robot.lookup(id).query();
    }
}
