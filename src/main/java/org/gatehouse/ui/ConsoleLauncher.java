package org.gatehouse.ui;

import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.gatehouse.ui.shell.MainWindow;

/**
 * Starts JavaFX without an {@code Application} subclass (the launcher's main class must not be
 * one) and blocks until the console window is closed.
 */
public final class ConsoleLauncher {

    public void showAndWait(ConsoleContext context) {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        try {
            Platform.startup(() -> {
                Stage stage = new Stage();
                MainWindow window = new MainWindow(context);
                window.install(stage);
                stage.setOnHidden(e -> {
                    window.dispose();
                    closed.countDown();
                });
            stage.show();
            });
        } catch (RuntimeException | LinkageError e) {
            throw new DisplayUnavailable(e);
        }
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Platform.exit();
        }
    }
}
