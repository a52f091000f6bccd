package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Label;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.CliRun;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.model.Ipv4;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.KeaHaPair;
import org.gatehouse.ui.leases.LeaseRow;
import org.gatehouse.ui.queue.QueueRow;
import org.gatehouse.ui.reservations.ReservationsViewModel;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import picocli.CommandLine;

/**
 * Issue 16 in the console, on a real kea-dhcp4 2.2 hot-standby pair (two --kea): approving from
 * the Queue screen writes the reservation into both peers' running configuration (a failover
 * does not make the device a stranger again), so do the Reservations screen's editor and the
 * Leases screen's Release; with the standby stopped, the approve is applied
 * on the primary, the screen says which server missed it, and it waits in the offline queue for
 * that server.
 */
@Tag("gui")
@Tag("kea")
class HaConsoleDecisionsGuiTest {
    private static final String FIRST = "02:00:00:16:0c:01";
    private static final String SECOND = "02:00:00:16:0c:02";
    private static final String PRINTER = "02:00:00:16:0c:05";

    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture(null);

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();

    private String bar() {
        return robot.lookup("#status-servers").queryAs(Label.class).getText();
    }

    private static JsonNode reservation(KeaHaPair pair, LocalKea k, String mac) {
        return KeaHaPair.reservation(pair.running(k), mac);
    }

    private void approveFromTheQueue(MainWindow window, String hostname) {
        robot.clickOn("#nav-queue");
        await("the device waits in the queue").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            robot.interact(() -> window.queue().refresh());
            assertThat(window.queue().rows()).as(window.queue().messageProperty().get()).extracting(QueueRow::hostname).contains(hostname);
        });
        robot.interact(() -> {
            List<QueueRow> row = window.queue().rows().stream().filter(r -> r.hostname().equals(hostname)).toList();
            window.queue().approve(row);
        });
    }

    @Test
    void approveFromTheQueueReachesBothPeersAndAMissingStandbyIsNamedAndOwedTheChange() throws Exception {
        try (KeaHaPair pair = KeaHaPair.start()) {
            ConnectionOptions options = new ConnectionOptions(n -> null);
            String db = dir.resolve("c.db").toString();
            new CommandLine(options).parseArgs("--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint(),
                    "--db", db, "--refresh", "2");
            AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            try (Backend.Session session = backend.connect(options)) {
                MainWindow window = console.show(backend.context(options, session, console.tasks()), null);
                try {
                    await("both servers in hot-standby").atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                            assertThat(bar()).isEqualTo("server1: primary, hot-standby · server2: standby, hot-standby"));

                    // a guest's lease on the primary (HA does not copy lease4-add to the standby)
                    long now = Instant.now().getEpochSecond();
                    pair.addLease(pair.primary(), "192.168.40.150", FIRST, "gäste-laptop", now, 60);
                    approveFromTheQueue(window, "gäste-laptop");
                    await("the reservation is in both peers' running configuration").atMost(Duration.ofSeconds(30))
                            .failFast(() -> !window.queue().messageProperty().get().isEmpty())
                            .untilAsserted(() -> {
                                for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                                    assertThat(reservation(pair, k, FIRST).path("client-classes").toString())
                                            .as("on " + k.endpoint()).contains("registered");
                                }
                            });
                    await().atMost(Duration.ofSeconds(15)).until(() -> !window.queue().busyProperty().get());
                    assertThat(window.queue().messageProperty().get()).isEmpty();
                    assertThat(KeaHaPair.thisServerName(pair.running(pair.standby()))).isEqualTo("server2");

                    // the Reservations screen's editor and the Leases screen's Release reach both peers too
                    robot.clickOn("#nav-reservations");
                    robot.interact(() -> window.reservations().save(new ReservationsViewModel.Input(PRINTER, "old-unregistered", "",
                            "drucker-flur", "Drucker Flur ✓", 40L)));
                    await("the edit is in both peers").atMost(Duration.ofSeconds(30))
                            .failFast(() -> window.reservations().errorProperty().get())
                            .untilAsserted(() -> {
                                for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                                    assertThat(reservation(pair, k, PRINTER).path("user-context").path("gatehouse").path("note").asText())
                                            .as("on " + k.endpoint()).isEqualTo("Drucker Flur ✓");
                                }
                            });
                    pair.addLease(pair.primary(), "192.168.40.160", "02:00:00:16:0c:60", "beamer", now, 3600);
                    pair.addLease(pair.standby(), "192.168.40.160", "02:00:00:16:0c:60", "beamer", now, 3600);
                    robot.clickOn("#nav-leases");
                    await("the lease is listed").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                        robot.interact(() -> window.leases().refresh());
                        assertThat(window.leases().visibleRows()).extracting(LeaseRow::ip).contains("192.168.40.160");
                    });
                    robot.interact(() -> window.leases().release(window.leases().visibleRows().stream()
                            .filter(r -> r.ip().equals("192.168.40.160")).findFirst().orElseThrow()));
                    await("released on both peers").atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                        for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                            try (KeaClient c = pair.client(k)) {
                                assertThat(c.execute(new KeaCommands.Lease4Get(Ipv4.parse("192.168.40.160")))).as("on " + k.endpoint()).isEmpty();
                            }
                        }
                    });
                    assertThat(window.leases().noticeProperty().get()).isEqualTo("Released 192.168.40.160.");

                    // the standby stops: the console's approve is applied on the primary and owed to the standby, which it names
                    await("the pair settled after the writes").atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                            assertThat(bar()).isEqualTo("server1: primary, hot-standby · server2: standby, hot-standby"));
                    pair.standby().stop();
                    pair.addLease(pair.primary(), "192.168.40.151", SECOND, "tablet-küche", now, 60);
                    approveFromTheQueue(window, "tablet-küche");
                    await("the screen names the standby").atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                            assertThat(robot.lookup("#queue-message").queryAs(Label.class).getText())
                                    .contains(SECOND).contains("server2 (" + pair.standby().endpoint() + ") unreachable")
                                    .contains("pending as #").contains("applied on server1"));
                    assertThat(reservation(pair, pair.primary(), SECOND).path("client-classes").toString()).contains("registered");
                    CliRun offline = CliRun.run(Map.of("GATEHOUSE_DB", db), "--kea", pair.primary().endpoint(),
                            "--kea", pair.standby().endpoint(), "offline", "list");
                    assertThat(offline.out()).contains("approve").contains(SECOND + " on " + pair.standby().endpoint());
                    await("the status bar counts what the standby is owed").atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                            assertThat(robot.lookup("#status-servers").queryAs(Label.class).getTooltip().getText())
                                    .contains("1 change pending for server2"));
                    assertThat(robot.lookup("#status-connection").queryAs(Label.class).getText())
                            .contains("and 1 more server(s)").doesNotContain("this one only");
                } finally {
                    console.close(window);
                }
            }
        }
    }
}
