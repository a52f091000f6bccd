package org.gatehouse.ui;

import org.gatehouse.testing.ConsoleFixture;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.pools.PoolsView;
import org.gatehouse.ui.pools.PoolsViewModel;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;

/**
 * The Pools screen, headless, on a real Kea whose newly-unregistered pool (64 addresses) is filled
 * past 80 %: that pool shows as warning with its numbers, the registered one as ok; with Kea stopped
 * the figures stay, greyed, with a message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("gui")
@Tag("kea")
class PoolsGuiTest {
    /** .128-.179: 52 of the newly-unregistered pool's 64 addresses = 81.3 %. */
    static final int NEWLY_UNREGISTERED_LEASES = 52;

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture();
    static KeaServer kea = console.kea();

    static MainWindow window;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void setUp() throws Exception {
        for (int i = 0; i < NEWLY_UNREGISTERED_LEASES; i++) {
            kea.addLease(128 + i, String.format("02:00:5e:00:01:%02x", i), "guest-" + i, 600);
        }
        for (int i = 0; i < 3; i++) {
            kea.addLease(10 + i, String.format("f0:18:98:00:02:%02x", i), "staff-" + i, 86_400);
        }
        window = console.show(console.context().pools(console.pools()).build(), null);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close(window);
    }

    private String text(String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    @Order(1)
    void aNearlyFullNewlyUnregisteredPoolShowsAsWarningAndTheRegisteredOneAsOk() {
        robot.clickOn("#nav-pools");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#pool-40-newly-unregistered-used").tryQuery().isPresent());

        assertThat(text("#pool-40-newly-unregistered-used")).isEqualTo("52 / 64");
        assertThat(text("#pool-40-newly-unregistered-percent")).isEqualTo("81.3 %");
        assertThat(text("#pool-40-newly-unregistered-free")).isEqualTo("12 free");
        assertThat(text("#pool-40-newly-unregistered-level")).isEqualTo("warning");
        Node bar = robot.lookup("#pool-40-newly-unregistered-bar").query();
        assertThat(bar.getStyleClass()).contains("level-warning");
        assertThat(((ProgressBar) bar).getProgress()).isEqualTo(52.0 / 64);

        assertThat(text("#pool-40-registered-used")).isEqualTo("3 / 123");
        assertThat(text("#pool-40-registered-level")).isEqualTo("ok");
        assertThat(text("#pool-40-old-unregistered-used")).isEqualTo("0 / 63");
        assertThat(text("#pool-40-old-unregistered-level")).isEqualTo("ok");

        assertThat(text("#pools-alarm")).isEqualTo("newly-unregistered in 192.168.40.0/24 is warning (52 of 64 used, 12 free)");
        assertThat(robot.lookup("#pools-alarm").query().isVisible()).isTrue();
        assertThat(robot.lookup("#pool-table").queryTableView().getItems()).hasSize(3);
    }

    @Test
    @Order(2)
    void refreshPicksUpNewLeasesAndCrossingNinetyFivePercentIsCritical() {
        robot.clickOn("#nav-pools");
        for (int i = NEWLY_UNREGISTERED_LEASES; i < 62; i++) {
            kea.addLease(128 + i, String.format("02:00:5e:00:01:%02x", i), "guest-" + i, 600);
        }
        robot.clickOn("#pools-refresh");
        await().atMost(Duration.ofSeconds(10)).until(() -> text("#pool-40-newly-unregistered-used").equals("62 / 64"));
        assertThat(text("#pool-40-newly-unregistered-level")).isEqualTo("critical");
        assertThat(text("#pool-40-newly-unregistered-free")).isEqualTo("2 free");
        assertThat(robot.lookup("#pool-40-newly-unregistered-bar").query().getStyleClass()).contains("level-critical");
    }

    @Test
    @Order(3)
    void withKeaStoppedTheLastFiguresStayGreyedWithAMessage() {
        robot.clickOn("#nav-pools");
        kea.stop();
        robot.clickOn("#pools-refresh");
        await().atMost(Duration.ofSeconds(15)).until(() -> window.pools().staleProperty().get());
        assertThat(text("#pools-message")).startsWith("Kea is unreachable: ").contains("showing the figures from");
        assertThat(text("#pool-40-newly-unregistered-used")).isEqualTo("62 / 64");
        Node body = robot.lookup(".pools-body").query();
        assertThat(body.getPseudoClassStates()).extracting(Object::toString).contains("stale");
    }

    @Test
    @Order(4)
    void withoutKeaTheScreenSaysSo() {
        PoolsView[] view = new PoolsView[1];
        robot.interact(() -> view[0] = new PoolsView(new PoolsViewModel(java.util.Optional.empty(), console.tasks(),
                Clock.fixed(java.time.Instant.EPOCH, ZoneOffset.UTC), 2, ZoneOffset.UTC)));
        Label message = (Label) view[0].lookup("#pools-not-configured");
        assertThat(message.getText()).startsWith("No Kea configured");
    }
}
