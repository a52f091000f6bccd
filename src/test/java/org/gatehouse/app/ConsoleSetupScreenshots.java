package org.gatehouse.app;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.ConsoleLayout;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.Profiles;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.connect.ConsoleFrame;
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.task.FxTaskExecutor;
import picocli.CommandLine;

/**
 * The README's screenshots of the first run: the connect page after <b>Test</b> on a private
 * kea-dhcp4, and the Settings screen after <b>Save</b>. Needs a display (Xvfb):
 * {@code DISPLAY=:95 java -cp … org.gatehouse.app.ConsoleSetupScreenshots docs/screenshots}.
 */
public final class ConsoleSetupScreenshots {
    private ConsoleSetupScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Path dir = Files.createTempDirectory("gatehouse-shots-");
        KeaServer kea = new KeaServer();
        kea.start();
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
        kea.addLease(140, "da:a1:19:00:00:8c", "guest-phone", 60);
        AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        Map<String, String> env = Map.of("HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString(), "XDG_DATA_HOME",
                dir.resolve("data").toString(), "GATEHOUSE_KEYRING", "off");
        Profiles store = AppProfiles.open(env::get, new ProfileProbes(backend), creating -> "screenshot".toCharArray());
        ConnectionOptions options = new ConnectionOptions(n -> null);
        new CommandLine(options).parseArgs("--db", dir.resolve("cache.db").toString(), "--known-hosts", dir.resolve("known_hosts").toString());
        Stage[] stage = new Stage[1];
        try (FxTaskExecutor tasks = new FxTaskExecutor()) {
            ProfileBookAdapter book = new ProfileBookAdapter(store, options.knownHosts(), Duration.ofSeconds(10));
            ConsoleSetup setup = backend.consoleSetup(options, tasks, book, backend.sites(store, book, options),
                    new ConsoleLayout(dir.resolve("layout.json")), () -> List.of(kea.socket(), Path.of("/run/kea/kea4-ctrl-socket")), null);
            Platform.startup(() -> {
                stage[0] = new Stage();
                stage[0].setWidth(1280);
                stage[0].setHeight(800);
                ConsoleFrame frame = new ConsoleFrame(stage[0], setup, ConsoleLayout.Layout.empty());
                frame.start(null, null);
                stage[0].show();
            });
            Thread.sleep(3000);
            Platform.runLater(() -> {
                ((TextField) stage[0].getScene().lookup("#connect-name")).setText("Gästehaus");
                ((ButtonBase) stage[0].getScene().lookup("#connect-test")).fire();
            });
            Thread.sleep(5000);
            shoot(stage[0], out.resolve("connect.png"));
            Platform.runLater(() -> ((ButtonBase) stage[0].getScene().lookup("#connect-save")).fire());
            Thread.sleep(5000);
            Platform.runLater(() -> ((ButtonBase) stage[0].getScene().lookup("#nav-settings")).fire());
            Thread.sleep(2000);
            Platform.runLater(() -> ((ButtonBase) stage[0].getScene().lookup("#settings-test")).fire());
            Thread.sleep(4000);
            shoot(stage[0], out.resolve("settings.png"));
        } finally {
            Platform.exit();
            kea.afterAll(null);
        }
        System.exit(0);
    }

    private static void shoot(Stage stage, Path file) throws Exception {
        org.gatehouse.testing.ScenePng.write(stage.getScene(), file);
    }
}
