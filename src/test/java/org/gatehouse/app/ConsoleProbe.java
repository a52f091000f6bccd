package org.gatehouse.app;

import static org.gatehouse.testing.FxProbe.onFx;
import static org.gatehouse.testing.FxProbe.poll;

import java.util.List;
import javafx.scene.control.ButtonBase;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.gatehouse.ui.shell.Screen;

/**
 * Runs the real {@link Main} in a child JVM started like the launcher starts it, and drives the
 * console it opens from a side thread: prints the window's title, opens every screen from the
 * sidebar, flips the theme, then closes the window so that Main ends as after a user's close.
 * Used by {@link ModulePathLauncherTest}.
 */
public final class ConsoleProbe {
    private ConsoleProbe() {
    }

    public static void main(String[] args) {
        Thread driver = new Thread(ConsoleProbe::drive, "console-probe");
        driver.setDaemon(true);
        driver.start();
        Main.main(args);
    }

    private static void drive() {
        try {
            // The window shows at once ("starting the demo"); its title names the site once the site's screens are in.
            Stage stage = poll(() -> Window.getWindows().stream().filter(Window::isShowing)
                    .filter(Stage.class::isInstance).map(Stage.class::cast)
                    .filter(s -> String.valueOf(s.getTitle()).contains("unix:")).findFirst(), 90, 200);
            System.out.println("probe: console shown: " + onFx(stage::getTitle));
            for (Screen s : List.of(Screen.values())) {
                String id = "#nav-" + s.name().toLowerCase();
                onFx(() -> {
                    ((ButtonBase) stage.getScene().lookup(id)).fire();
                    return null;
                });
                Thread.sleep(1500);
                System.out.println("probe: opened " + s.title());
            }
            onFx(() -> {
                ((ButtonBase) stage.getScene().lookup("#theme-toggle")).fire();
                return null;
            });
            Thread.sleep(1000);
            System.out.println("probe: closing");
            onFx(() -> {
                stage.hide();
                return null;
            });
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(70);
        }
    }

    /** Polls the FX thread until {@code find} has a value; before JavaFX has started there is no FX thread. */
}
