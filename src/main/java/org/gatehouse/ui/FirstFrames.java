package org.gatehouse.ui;

import java.time.Duration;
import java.time.Instant;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.gatehouse.model.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs when the console window has drawn each scene it shows for the first time (the "Opening"
 * placeholder, the connect page, a site's screens): how long a user waited, counted from the
 * process's start. {@code ./gatehouse bench startup} reads these lines (README, "Performance").
 */
final class FirstFrames {
    private static final Logger LOG = LoggerFactory.getLogger(FirstFrames.class);

    private FirstFrames() {
    }

    /** Call on the FX thread before {@code stage.show()}. */
    static void log(Stage stage) {
        whenDrawn(stage, stage.getScene());
        stage.sceneProperty().addListener((o, old, scene) -> whenDrawn(stage, scene));
    }

    private static void whenDrawn(Stage stage, Scene scene) {
        if (scene == null) {
            return;
        }
        Runnable[] once = new Runnable[1];
        // After the pulse that laid the scene out: the renderer has its frame; what runs next on the FX thread runs after it.
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> LOG.info("console: first frame of \"{}\" drawn {} ms after the process started",
                    SafeText.escapeForTerminal(String.valueOf(stage.getTitle())), sinceStart()));
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private static long sinceStart() {
        return ProcessHandle.current().info().startInstant().map(s -> Duration.between(s, Instant.now()).toMillis()).orElse(-1L);
    }
}
