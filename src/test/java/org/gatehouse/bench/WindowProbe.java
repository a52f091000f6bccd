package org.gatehouse.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.gatehouse.app.Main;
import static org.gatehouse.testing.FxProbe.onFx;
import static org.gatehouse.testing.FxProbe.poll;

/**
 * The child side of {@link RealWindow}: runs the real {@link Main} (the console, started as the
 * launcher starts it) in a real X server and reports, on stdout, when its window first showed and
 * when the Leases table held {@code -Dbench.rows} rows. Then it waits for a line on stdin (the
 * parent reads its memory meanwhile) and closes the window, so Main ends as after a user's close.
 */
public final class WindowProbe {
    private WindowProbe() {
    }

    public static void main(String[] args) {
        Thread driver = new Thread(WindowProbe::drive, "window-probe");
        driver.setDaemon(true);
        driver.start();
        Main.main(args);
    }

    private static void drive() {
        try {
            int rows = Integer.getInteger("bench.rows", 0);
            Stage stage = poll(() -> Window.getWindows().stream().filter(Window::isShowing)
                    .filter(Stage.class::isInstance).map(Stage.class::cast).findFirst(), 120, 20);
            // The window is showing; the next pulse has drawn it.
            onFx(() -> null);
            say("shown " + ManagementFactory.getRuntimeMXBean().getUptime());
            poll(() -> Optional.ofNullable(stage.getScene().lookup("#lease-table"))
                    .filter(t -> ((TableView<?>) t).getItems().size() >= rows), 300, 50);
            say("loaded " + ManagementFactory.getRuntimeMXBean().getUptime());
            // Let the first refreshes after the load pass and the heap settle, as a window left open would.
            Thread.sleep(Long.getLong("bench.settleMillis", 8000));
            say("ready");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            onFx(() -> {
                stage.hide();
                return null;
            });
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(70);
        }
    }

    private static void say(String what) {
        System.out.println("probe: " + what);
        System.out.flush();
    }

    /** Polls the FX thread until {@code find} has a value; before JavaFX has started there is no FX thread. */
}
