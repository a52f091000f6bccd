package org.gatehouse.ui.audit;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.gatehouse.app.Logging;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The Audit screen's link to the log: it shows where the log is, and "Open log folder" hands the
 * folder to the desktop's opener without the screen waiting for it (a stand-in opener that takes
 * two seconds records what it was given).
 */
@Tag("gui")
class LogLinkGuiTest {
    @TempDir
    Path dir;

    final FxRobot robot = new FxRobot();
    final FxTaskExecutor tasks = new FxTaskExecutor();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void hide() throws Exception {
        tasks.close();
        FxToolkit.setupStage(javafx.stage.Stage::hide);
    }

    private void show(LogLink link) throws Exception {
        FxToolkit.setupSceneRoot(() -> new StackPane(link));
        FxToolkit.showStage();
    }

    @Test
    void showsTheLogFileAndOpensItsFolderWithoutFreezingTheScreen() throws Exception {
        Path logDir = Files.createDirectories(dir.resolve("state/gatehouse"));
        Path received = dir.resolve("opened.txt");
        Path opener = dir.resolve("slow-opener");
        Files.writeString(opener, "#!/bin/sh\nsleep 2\nprintf '%s' \"$1\" > '" + received + "'\n");
        Files.setPosixFilePermissions(opener, PosixFilePermissions.fromString("rwx------"));
        show(new LogLink(logDir.resolve("gatehouse.log").toString(), List.of(opener.toString()), tasks));

        assertThat(robot.lookup("#audit-log-path").queryAs(Label.class).getText()).isEqualTo("Log file: " + logDir.resolve("gatehouse.log"));
        robot.clickOn("#audit-open-log-folder");
        long start = System.nanoTime();
        CompletableFuture<Boolean> fxAnswered = new CompletableFuture<>();
        Platform.runLater(() -> fxAnswered.complete(true));
        assertThat(fxAnswered.get(1, TimeUnit.SECONDS)).as("the FX thread answers while the opener runs").isTrue();
        assertThat(Files.exists(received)).as("the opener is still running").isFalse();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(received) && !Files.readString(received).isEmpty());
        assertThat(Files.readString(received)).isEqualTo(logDir.toString());
        await().atMost(Duration.ofSeconds(5)).until(() -> !robot.lookup("#audit-open-log-folder").queryAs(Button.class).isDisabled());
    }

    @Test
    void aFailingOpenerIsShownNotThrown() throws Exception {
        show(new LogLink(dir.resolve("gatehouse.log").toString(), List.of(dir.resolve("no-such-opener").toString()), tasks));
        robot.clickOn("#audit-open-log-folder");
        await().atMost(Duration.ofSeconds(10)).until(() -> robot.lookup("#audit-log-path").queryAs(Label.class).getText()
                .contains("no desktop opener"));
    }

    @Test
    void theScreenShowsTheFileTheLauncherConfigured() throws Exception {
        String before = System.getProperty(Logging.LOG_FILE_PROPERTY);
        System.setProperty(Logging.LOG_FILE_PROPERTY, dir.resolve("from-launcher/gatehouse.log").toString());
        try {
            show(LogLink.forThisProcess(tasks));
        } finally {
            if (before == null) {
                System.clearProperty(Logging.LOG_FILE_PROPERTY);
            } else {
                System.setProperty(Logging.LOG_FILE_PROPERTY, before);
            }
        }
        assertThat(robot.lookup("#audit-log-path").queryAs(Label.class).getText())
                .isEqualTo("Log file: " + dir.resolve("from-launcher/gatehouse.log"));
    }

    @Test
    void withoutALogFileTheButtonIsOff() throws Exception {
        show(new LogLink(null, tasks));
        assertThat(robot.lookup("#audit-log-path").queryAs(Label.class).getText()).isEqualTo("No log file in this session");
        assertThat(robot.lookup("#audit-open-log-folder").queryAs(Button.class).isDisabled()).isTrue();
    }
}
