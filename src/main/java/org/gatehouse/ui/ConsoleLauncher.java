package org.gatehouse.ui;

import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.gatehouse.policy.ConsoleLayout;
import org.gatehouse.ui.connect.ConsoleFrame;
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.connect.SiteOpener;
import org.gatehouse.ui.shell.MainWindow;

/**
 * Starts JavaFX without an {@code Application} subclass (the launcher's main class must not be
 * one) and blocks until the console window is closed.
 */
public final class ConsoleLauncher {

    public void showAndWait(ConsoleContext context) {
        showUntilHidden(closed -> {
            Stage stage = new Stage();
            MainWindow window = new MainWindow(context);
            window.install(stage);
            stage.setOnHidden(e -> {
                window.dispose();
                closed.countDown();
            });
            return stage;
        });
    }

    /**
     * The console with profiles: {@code opened} (a Kea from the command line), else the profile
     * {@code profile} or the default one, else the connect page. Blocks until the window is
     * closed; then saves the layout and closes the open site (off the FX thread). {@code problem}: why
     * the profiles could not be read (shown; the console opens anyway), or null.
     */
    public void showAndWait(ConsoleSetup setup, SiteOpener.OpenSite opened, String profile, String problem) {
        showFrameAndWait(setup, frame -> {
            frame.start(opened, profile);
            if (problem != null) {
                frame.warn("Profiles could not be read", problem);
            }
        });
    }

    /**
     * {@code gatehouse demo}: the console window at once, saying the demo is starting; the demo's Kea,
     * devices and switch start in the background and its screens replace the message (ConsoleFrame). Blocks
     * until the window is closed; closing stops the demo.
     */
    public void showDemoAndWait(ConsoleSetup setup) {
        showFrameAndWait(setup, ConsoleFrame::startDemo);
    }

    private void showFrameAndWait(ConsoleSetup setup, java.util.function.Consumer<ConsoleFrame> start) {
        ConsoleLayout.Layout layout = setup.layout().load();
        ConsoleLayout.Layout[] last = new ConsoleLayout.Layout[] {layout};
        ConsoleFrame[] frame = new ConsoleFrame[1];
        showUntilHidden(closed -> {
            Stage stage = new Stage();
            frame[0] = new ConsoleFrame(stage, setup, layout);
            stage.setOnHidden(e -> {
                last[0] = frame[0].closing();
                closed.countDown();
            });
            start.accept(frame[0]);
            return stage;
        });
        setup.layout().save(last[0]);
        SiteOpener.OpenSite site = frame[0] == null ? null : frame[0].openSite();
        if (site != null) {
            site.close().run();
        }
    }

    /**
     * Starts the toolkit, builds the stage on the FX thread ({@code build} counts the latch down when
     * its window is hidden), shows it and blocks until then; the toolkit exits afterwards.
     */
    private static void showUntilHidden(Function<CountDownLatch, Stage> build) {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        try {
            Platform.startup(() -> {
                Stage stage = build.apply(closed);
                FirstFrames.log(stage);
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
