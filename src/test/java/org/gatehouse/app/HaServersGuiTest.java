package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javafx.scene.control.Label;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.ConfigCommands;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.testing.KeaHaPair;
import org.gatehouse.testing.ConsoleFixture;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.ui.shell.MainWindow;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import picocli.CommandLine;

/**
 * The console on a real kea-dhcp4 2.2 hot-standby pair (two --kea): the status bar shows each
 * server's role and state, its tooltip (the server panel) every server's HA detail; the standby
 * stopped, the bar says so with the pair's warning. A reservation added by hand on the standby
 * alone: once the minute between comparisons has passed, the panel names it and the bar counts it.
 */
@Tag("gui")
@Tag("kea")
class HaServersGuiTest {
    @RegisterExtension
    static ConsoleFixture console = new ConsoleFixture(null);

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();

    private String bar() {
        return robot.lookup("#status-servers").queryAs(Label.class).getText();
    }

    @Test
    void statusBarShowsBothServersAndWarnsWhenTheStandbyIsGone() throws Exception {
        try (KeaHaPair pair = KeaHaPair.start()) {
            ConnectionOptions options = new ConnectionOptions(n -> null);
            new CommandLine(options).parseArgs("--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint(),
                    "--db", dir.resolve("c.db").toString(), "--refresh", "2");
            MutableClock clock = new MutableClock(Instant.now());
            AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), clock,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            try (Backend.Session session = backend.connect(options)) {
                MainWindow window = console.show(backend.context(options, session, console.tasks()), null);
                try {
                    await("both servers in hot-standby").atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                            assertThat(bar()).isEqualTo("server1: primary, hot-standby · server2: standby, hot-standby"));
                    Label label = robot.lookup("#status-servers").queryAs(Label.class);
                    assertThat(label.getTooltip().getText()).contains("HA hot-standby: primary in hot-standby; partner standby last hot-standby, in touch")
                            .contains("server2  " + pair.standby().endpoint());
                    assertThat(robot.lookup("#status-connection").queryAs(Label.class).getText())
                            .contains("and 1 more server(s)").doesNotContain("the console acts on this one only");
                    assertThat(label.getTooltip().getText()).doesNotContain("difference");

                    // drift: a reservation written by hand on the standby alone
                    try (KeaClient c = pair.client(pair.standby())) {
                        ObjectNode dhcp4 = (ObjectNode) c.config().raw().path("Dhcp4").deepCopy();
                        ((ObjectNode) dhcp4.path("subnet4").get(0)).withArray("reservations").addObject()
                                .put("hw-address", "02:00:00:16:00:09").put("hostname", "drucker-flur").putArray("client-classes").add("registered");
                        c.execute(new ConfigCommands.ConfigSet(dhcp4));
                    }
                    clock.advance(Duration.ofSeconds(61)); // the peers are compared at most once a minute
                    await("the bar counts the difference, the pair back in hot-standby").atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                            assertThat(bar()).isEqualTo("server1: primary, hot-standby · server2: standby, hot-standby — ⚠ 1 difference between servers"
                                    + " (each in the server panel; gatehouse site check)"));
                    assertThat(label.getTooltip().getText())
                            .contains("server2 subnet 40 reservation 02:00:00:16:00:09: reservation (registered drucker-flur) only on server2");
                    assertThat(label.getStyleClass()).contains(atlantafx.base.theme.Styles.WARNING);

                    pair.standby().stop();
                    await("the bar says the standby is gone").atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                            assertThat(bar()).startsWith("server1: primary, partner-down · server2: unreachable — ⚠ "));
                    assertThat(label.getStyleClass()).contains(atlantafx.base.theme.Styles.WARNING);
                    assertThat(label.getTooltip().getText()).contains("server2 (" + pair.standby().endpoint() + ") unreachable");
                } finally {
                    console.close(window);
                }
            }
        }
    }
}
