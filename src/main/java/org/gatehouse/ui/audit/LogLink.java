package org.gatehouse.ui.audit;

import atlantafx.base.theme.Styles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.gatehouse.model.SafeText;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * "Log file: PATH" and a button that opens its folder with the desktop's file manager
 * ({@code xdg-open}, on the executor's "desktop" lane: the FX thread never waits for it, nor does
 * the shared pool when the opener hangs).
 */
final class LogLink extends HBox {
    /** The launcher puts the log file it writes here (app/Logging.LOG_FILE_PROPERTY). */
    static final String LOG_FILE_PROPERTY = "gatehouse.log.file";

    private final Label path = new Label();
    private final Button open = new Button("Open log folder");
    /** The desktop's opener, given the folder as its last argument. */
    private final List<String> opener;
    private final TaskExecutor tasks;

    LogLink(String logFile, TaskExecutor tasks) {
        this(logFile, List.of("xdg-open"), tasks);
    }

    LogLink(String logFile, List<String> opener, TaskExecutor tasks) {
        super(6);
        this.opener = List.copyOf(opener);
        this.tasks = tasks.lane("desktop");
        setId("audit-log-link");
        setAlignment(Pos.CENTER_LEFT);
        path.setId("audit-log-path");
        path.getStyleClass().add(Styles.TEXT_MUTED);
        open.setId("audit-open-log-folder");
        open.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        if (logFile == null || logFile.isBlank()) {
            path.setText("No log file in this session");
            open.setDisable(true);
        } else {
            path.setText("Log file: " + SafeText.escapeForTerminal(logFile));
            path.setTooltip(new Tooltip("Each Kea command and switch session, with its duration and outcome (README, \"Logs\")"));
            Path folder = Path.of(logFile).toAbsolutePath().getParent();
            open.setOnAction(e -> openFolder(folder));
        }
        getChildren().addAll(path, open);
    }

    /** The log file the launcher configured, if any. */
    static LogLink forThisProcess(TaskExecutor tasks) {
        return new LogLink(System.getProperty(LOG_FILE_PROPERTY), tasks);
    }

    private void openFolder(Path folder) {
        open.setDisable(true);
        tasks.run(() -> runOpener(folder), failure -> {
            open.setDisable(false);
            failure.ifPresent(shown -> {
                open.setTooltip(new Tooltip(shown + "; the folder is " + folder));
                path.setText(path.getText().replaceFirst(" \\(.*\\)$", "") + " (" + shown + ")");
            });
        }, e -> open.setDisable(false));
    }

    /** Why the opener failed, or empty when it opened the folder. */
    private java.util.Optional<String> runOpener(Path folder) throws InterruptedException {
        List<String> command = new ArrayList<>(opener);
        command.add(folder.toString());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                return java.util.Optional.of(opener.get(0) + " could not open the folder (exit " + p.exitValue() + ")");
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of("no desktop opener (xdg-open) on this machine");
        }
    }
}
