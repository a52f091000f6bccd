package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.KeaBuildings;
import org.gatehouse.testing.KeaHaPair;
import org.gatehouse.ui.leases.LeaseColumn;
import org.gatehouse.ui.leases.LeaseRow;
import org.gatehouse.ui.queue.QueueRow;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import picocli.CommandLine;

/**
 * The console's screens read every server. Two independent kea-dhcp4 2.2 (one per building,
 * subnets 40 and 41): the Leases screen lists the leases of both with a Servers column naming
 * each one's server, the Queue screen the unregistered guests of both, the Pools screen both
 * subnets, each naming its server. A hot-standby pair: each lease once, naming both peers, and a
 * lease the peers hold with different MACs flagged in the warning style, the difference in its tooltip.
 */
@Tag("gui")
@Tag("kea")
class ConsoleServersGuiTest {
    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture(null);

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();

    private MainWindow open(List<String> kea, Backend.Session[] session) throws Exception {
        ConnectionOptions options = new ConnectionOptions(n -> null);
        List<String> args = new ArrayList<>(kea);
        args.addAll(List.of("--db", dir.resolve("c.db").toString(), "--refresh", "2"));
        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        session[0] = backend.connect(options);
        return console.show(backend.context(options, session[0], console.tasks()), null);
    }

    private static String serversOf(MainWindow window, String ip) {
        LeaseRow row = window.leases().visibleRows().stream().filter(r -> r.ip().equals(ip)).findFirst().orElseThrow();
        return LeaseColumn.SERVERS.text(row.data(), 0, window.leases().seen(), ZoneOffset.UTC);
    }

    /** The table cell a user sees with exactly this text. */
    private Labeled cell(String text) {
        Labeled[] found = new Labeled[1];
        await("a cell reads " + text).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var cell = robot.lookup(".table-cell").match(n -> n instanceof Labeled l && text.equals(l.getText())).tryQuery();
            assertThat(cell).isPresent();
            found[0] = (Labeled) cell.get();
        });
        return found[0];
    }

    private void showLeases(MainWindow window, String... ips) {
        robot.clickOn("#nav-leases");
        await("the leases of every server are listed").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            robot.interact(() -> window.leases().refresh());
            assertThat(window.leases().visibleRows()).extracting(LeaseRow::ip).contains(ips);
        });
    }

    @Test
    void independentServersLeasesQueueAndPoolsOfBoth() throws Exception {
        try (KeaBuildings b = KeaBuildings.start(2)) {
            long now = Instant.now().getEpochSecond();
            b.addLease(1, 150, "02:00:00:16:1b:01", "gäste-laptop-a", now, 7200);
            b.addLease(2, 150, "02:00:00:16:1b:02", "tablet-küche-b", now, 7200);
            b.addLease(2, 20, "02:00:00:16:1b:03", "drucker-b", now, 86400);
            Backend.Session[] session = new Backend.Session[1];
            MainWindow window = open(b.keaOptions(), session);
            try {
                showLeases(window, "192.168.40.150", "192.168.41.150", "192.168.41.20");
                assertThat(window.leases().summaryProperty().get()).isEqualTo("3 leases");
                assertThat(serversOf(window, "192.168.40.150")).isEqualTo("server1");
                assertThat(serversOf(window, "192.168.41.150")).isEqualTo("server2");
                TableView<?> table = robot.lookup("#lease-table").queryAs(TableView.class);
                List<String> titles = table.getColumns().stream().map(c -> c.getText()).toList();
                assertThat(titles).endsWith("Servers");
                assertThat(cell("server2")).isNotNull();
                assertThat(robot.lookup("#lease-message").queryAs(Label.class).getText()).isEmpty();

                robot.clickOn("#nav-queue");
                await("the queue holds the guests of both buildings").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> {
                            robot.interact(() -> window.queue().refresh());
                            assertThat(window.queue().rows()).extracting(QueueRow::hostname)
                                    .containsExactlyInAnyOrder("gäste-laptop-a", "tablet-küche-b");
                        });

                robot.clickOn("#nav-pools");
                await("the pools of both subnets").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    robot.interact(() -> window.pools().refresh());
                    assertThat(robot.lookup("#pool-card-41").tryQuery()).isPresent();
                    assertThat(robot.lookup("#pool-card-40").tryQuery()).isPresent();
                });
                assertThat(robot.lookup("#pool-card-41 .label").queryAllAs(Label.class)).extracting(Label::getText)
                        .contains("Subnet 41 · 192.168.41.0/24 · server2");
                assertThat(robot.lookup("#pool-card-40 .label").queryAllAs(Label.class)).extracting(Label::getText)
                        .contains("Subnet 40 · 192.168.40.0/24 · server1");
                assertThat(robot.lookup("#pool-41-newly-unregistered-used").queryAs(Label.class).getText()).isEqualTo("1 / 64");
            } finally {
                console.close(window);
                session[0].close();
            }
        }
    }

    @Test
    void haPairEachLeaseOnceNamingBothPeersAndADifferenceFlagged() throws Exception {
        try (KeaHaPair pair = KeaHaPair.start()) {
            Backend.Session[] session = new Backend.Session[1];
            MainWindow window = open(List.of("--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint()), session);
            try {
                await("both servers in hot-standby").atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                        assertThat(robot.lookup("#status-servers").queryAs(Label.class).getText())
                                .isEqualTo("server1: primary, hot-standby · server2: standby, hot-standby"));
                long now = Instant.now().getEpochSecond();
                for (var k : List.of(pair.primary(), pair.standby())) {
                    pair.addLease(k, "192.168.40.160", "02:00:00:16:1c:60", "beamer-saal", now, 3600);
                }
                pair.addLease(pair.primary(), "192.168.40.161", "02:00:00:16:1c:61", "gäste-tablet", now, 3600);
                pair.addLease(pair.standby(), "192.168.40.161", "02:00:00:16:1c:99", "anderes-gerät", now, 3600);

                showLeases(window, "192.168.40.160", "192.168.40.161");
                assertThat(window.leases().summaryProperty().get()).isEqualTo("2 leases");
                assertThat(serversOf(window, "192.168.40.160")).isEqualTo("server1, server2");
                assertThat(serversOf(window, "192.168.40.161")).isEqualTo("⚠ server1, server2 differ");
                Labeled flagged = cell("⚠ server1, server2 differ");
                assertThat(flagged.getPseudoClassStates()).contains(PseudoClass.getPseudoClass("differs"));
                assertThat(flagged.getTooltip().getText()).contains("server2 has MAC 02:00:00:16:1c:99 (not 02:00:00:16:1c:61)");
                assertThat(cell("server1, server2").getPseudoClassStates()).doesNotContain(PseudoClass.getPseudoClass("differs"));
            } finally {
                console.close(window);
                session[0].close();
            }
        }
    }
}
