package org.gatehouse.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.gatehouse.cli.CliRun;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.cli.GatehouseCli;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.gatehouse.ui.shell.MainWindow;
import org.gatehouse.ui.shell.Screen;
import picocli.CommandLine;

/**
 * The README's screenshot of the Switch screen on the demo: starts {@code gatehouse demo --no-gui},
 * blocks three demo devices and installs the ACL through the real command line, opens the console
 * on the demo, shows the Switch screen, locates a device and writes the window as a PNG. Needs a
 * display (Xvfb): {@code DISPLAY=:95 java -cp … org.gatehouse.app.DemoSwitchScreenshot docs/screenshots/switch-demo.png}.
 */
public final class DemoSwitchScreenshot {
    private DemoSwitchScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots/switch-demo.png");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        PrintWriter sink = new PrintWriter(new StringWriter(), true);
        Thread demo = new Thread(() -> GatehouseCli.create(backend, n -> null, sink, sink).execute("demo", "--no-gui", "--seconds", "600"));
        demo.start();
        String line;
        while ((line = console.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Try: ")).findFirst().orElse(null)) == null) {
            Thread.sleep(200);
        }
        List<String> reach = List.of(line.substring("Try: ./gatehouse ".length(), line.length() - " switch blocked".length()).split(" "));
        List<Mac> devices = new DemoSite(40, 90, 40, 55).devices().stream().map(DemoSite.Device::mac).toList();
        run(reach, "switch", "install-acl", "--interface", "GE1/0/1", "--interface", "GE1/0/2", "--interface", "GE1/0/3");
        run(reach, "switch", "block", devices.get(4).toString(), "--note", "lost badge, reported by front desk");
        run(reach, "switch", "block", devices.get(11).toString(), "--note", "rogue access point on a guest port");
        run(reach, "switch", "block", devices.get(17).toString(), "--note", "flooding DHCP");
        ConnectionOptions options = new ConnectionOptions(n -> null);
        new CommandLine(options).parseArgs(reach.toArray(String[]::new));
        CompletableFuture<Void> shot = new CompletableFuture<>();
        try (FxTaskExecutor tasks = new FxTaskExecutor(); org.gatehouse.cli.Backend.Session session = backend.connect(options)) {
            MainWindow[] window = new MainWindow[1];
            Stage[] stage = new Stage[1];
            Platform.startup(() -> {
                stage[0] = new Stage();
                window[0] = new MainWindow(backend.context(options, session, tasks));
                window[0].install(stage[0]);
                stage[0].show();
                // as a user would: the sidebar's Switch button
                ((javafx.scene.control.ButtonBase) stage[0].getScene().lookup("#nav-" + Screen.SWITCH.name().toLowerCase())).fire();
                window[0].switchboard().refresh();
                window[0].switchboard().locate(devices.get(23).toString());
            });
            Thread.sleep(8000);
            org.gatehouse.testing.ScenePng.write(stage[0].getScene(), out);
        } finally {
            Platform.exit();
            demo.interrupt();
            demo.join(30_000);
        }
        System.exit(0);
    }

    private static void run(List<String> reach, String... command) {
        List<String> args = new ArrayList<>(reach);
        args.addAll(Arrays.asList(command));
        CliRun r = CliRun.run(Map.of(), args.toArray(String[]::new));
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + r.err());
        }
    }
}
