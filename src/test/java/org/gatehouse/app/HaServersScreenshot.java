package org.gatehouse.app;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.cli.GatehouseCli;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.testing.KeaHaPair;
import org.gatehouse.ui.shell.MainWindow;
import org.gatehouse.ui.task.FxTaskExecutor;
import picocli.CommandLine;

/**
 * The README's screenshots of the console on a Kea HA pair: two real kea-dhcp4 2.2 in hot-standby,
 * a few leases (one the peers hold with different MACs); the Leases screen with both peers up
 * ({@code servers-leases.png}); then the standby stopped and a device approved (applied on the
 * primary, pending for the standby): the window ({@code servers.png}) and the server panel, the
 * status bar's tooltip ({@code servers-panel.png}). Needs a display (Xvfb):
 * {@code DISPLAY=:95 java -cp … org.gatehouse.app.HaServersScreenshot docs/screenshots}.
 */
public final class HaServersScreenshot {
    private HaServersScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Path db = java.nio.file.Files.createTempDirectory("gh-ha-shot-").resolve("c.db");
        AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (KeaHaPair pair = KeaHaPair.start()) {
            List<String> reach = List.of("--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint(), "--db", db.toString());
            long now = Instant.now().getEpochSecond();
            Thread.sleep(6000); // the pair settles in hot-standby (about 2 s); leases added later stay where they are added
            String[][] devices = {{"130", "f0:18:98:16:00:01", "annas-iphone"}, {"131", "b8:27:eb:16:00:02", "raspberrypi"},
                    {"140", "da:a1:19:16:00:03", "galaxy-s23"}, {"141", "3c:22:fb:16:00:04", "macbook-air"}};
            for (String[] d : devices) {
                pair.addLease(pair.primary(), "192.168.40." + d[0], d[1], d[2], now, 60);
                pair.addLease(pair.standby(), "192.168.40." + d[0], d[1], d[2], now, 60);
            }
            // a lease the peers hold differently (the standby has another device at that address): flagged on the Leases screen
            pair.addLease(pair.primary(), "192.168.40.150", "a4:83:e7:16:00:05", "gäste-tablet", now, 3600);
            pair.addLease(pair.standby(), "192.168.40.150", "a4:83:e7:16:00:99", "drucker-flur", now, 3600);
            run(reach, "approve", "f0:18:98:16:00:01", "--note", "Anna, Empfang");
            ConnectionOptions options = new ConnectionOptions(n -> null);
            new CommandLine(options).parseArgs(java.util.stream.Stream.concat(reach.stream(), java.util.stream.Stream.of("--refresh", "2"))
                    .toArray(String[]::new));
            try (FxTaskExecutor tasks = new FxTaskExecutor(); org.gatehouse.cli.Backend.Session session = backend.connect(options)) {
                Stage[] stage = new Stage[1];
                Platform.startup(() -> {
                    stage[0] = new Stage();
                    MainWindow window = new MainWindow(backend.context(options, session, tasks));
                    window.install(stage[0]);
                    stage[0].setWidth(1440); // room for the Servers column's names
                    stage[0].show();
                });
                Thread.sleep(8000);
                // both peers up: the Leases screen names the servers of each lease and flags the one that differs
                org.gatehouse.testing.ScenePng.write(stage[0].getScene(), dir.resolve("servers-leases.png"));
                pair.standby().stop();
                Thread.sleep(5000); // the primary notices: partner-down
                run(reach, "approve", "b8:27:eb:16:00:02", "--note", "Türschild Flur 2");
                Thread.sleep(6000);
                org.gatehouse.testing.ScenePng.write(stage[0].getScene(), dir.resolve("servers.png"));
                Label bar = (Label) stage[0].getScene().lookup("#status-servers");
                Platform.runLater(() -> bar.getTooltip().show(stage[0], stage[0].getX() + 40, stage[0].getY() + 200));
                Thread.sleep(1500);
                org.gatehouse.testing.ScenePng.write(bar.getTooltip().getScene(), dir.resolve("servers-panel.png"));
            } finally {
                Platform.exit();
            }
        }
        System.exit(0);
    }

    private static void run(List<String> reach, String... args) {
        PrintWriter sink = new PrintWriter(new StringWriter(), true);
        String[] all = java.util.stream.Stream.concat(reach.stream(), java.util.Arrays.stream(args)).toArray(String[]::new);
        AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int code = GatehouseCli.create(backend, n -> null, sink, sink).execute(all);
        System.out.println("gatehouse " + String.join(" ", args) + " → exit " + code);
    }
}
