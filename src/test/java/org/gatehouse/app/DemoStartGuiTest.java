package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gatehouse.model.BadInput;
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.connect.SiteOpener;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.gatehouse.ui.task.TaskExecutor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse demo}'s console (ConsoleFrame#startDemo, headless): the window is up and says the
 * demo is starting while the demo's real kea-dhcp4, devices and switch start behind it (held back here
 * until the test has looked), then shows the demo's leases under its title; closing stops the demo.
 * A demo that cannot start leaves the user on the connect page with the reason.
 */
@Tag("gui")
@Tag("kea")
class DemoStartGuiTest {
    @TempDir
    Path dir;

    /** The real wiring, with the demo's start held until {@code go} opens (or failing with {@code failure}). */
    private static ConsoleSetup holding(ConsoleSetup real, CountDownLatch go, RuntimeException failure) {
        SiteOpener opener = new SiteOpener() {
            @Override
            public OpenSite open(String profile, TaskExecutor tasks) {
                return real.opener().open(profile, tasks);
            }

            @Override
            public OpenSite demo(TaskExecutor tasks) {
                try {
                    go.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (failure != null) {
                    throw failure;
                }
                return real.opener().demo(tasks);
            }
        };
        return new ConsoleSetup(real.tasks(), real.clock(), real.profiles(), opener, real.probe(), real.switchProbe(), real.layout(),
                real.localSockets(), real.knownHosts(), real.dialogs());
    }

    @Test
    void theWindowSaysTheDemoIsStartingThenShowsItsLeases() throws Exception {
        FrameDriver console = new FrameDriver(dir.resolve("user"));
        CountDownLatch go = new CountDownLatch(1);
        try {
            console.openDemo(holding(console.realSetup(List.of(), new ScriptedDialogService()), go, null));
            assertThat(console.stage().isShowing()).isTrue();
            assertThat(console.stage().getTitle()).isEqualTo("Gatehouse — starting the demo …");
            assertThat(console.text("#console-opening")).isEqualTo("Starting the demo's Kea, its devices and switch …");
            assertThat(console.leaseRows()).isEqualTo(-1);

            go.countDown();
            await().atMost(Duration.ofSeconds(60)).until(() -> console.leaseRows() > 300);
            assertThat(console.stage().getTitle()).startsWith("Gatehouse — demo — unix:");
            assertThat(console.has("#console-opening")).isFalse();
            String endpoint = console.text("#status-connection");
            Path socket = Path.of(endpoint.substring(endpoint.indexOf("unix:") + 5).split(" ")[0]);
            assertThat(Files.exists(socket)).isTrue();
            console.closeWindow();
            await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(socket.getParent()));
        } finally {
            go.countDown();
            console.close();
        }
    }

    @Test
    void aDemoThatCannotStartLeavesTheConnectPageWithTheReason() throws Exception {
        FrameDriver console = new FrameDriver(dir.resolve("user"));
        ScriptedDialogService dialogs = new ScriptedDialogService();
        CountDownLatch go = new CountDownLatch(1);
        try {
            console.openDemo(holding(console.realSetup(List.of(), dialogs), go,
                    new BadInput("demo", "kea-dhcp4 is not installed (Debian package kea-dhcp4-server)")));
            go.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> console.has("#connect-page"));
            assertThat(dialogs.last("demo-failed")).hasValueSatisfying(d -> assertThat(d.text()).contains("kea-dhcp4-server"));
            assertThat(console.stage().getTitle()).isEqualTo("Gatehouse — connect to Kea");
        } finally {
            go.countDown();
            console.close();
        }
    }
}
