package org.gatehouse.ui.audit;

import atlantafx.base.theme.Styles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import org.gatehouse.model.SafeText;

/**
 * "Log file: PATH" and a button that opens its folder with the desktop's file manager
 * ({@code xdg-open}, started on its own thread: the FX thread never waits for it).
 */
final class LogLink extends HBox {
    /** The launcher puts the log file it writes here (app/Logging.LOG_FILE_PROPERTY). */
    static final String LOG_FILE_PROPERTY = "gatehouse.log.file";

    private final Label path = new Label();
    private final Button open = new Button("Open log folder");
    /** The desktop's opener, given the folder as its last argument. */
    private final List<String> opener;

    LogLink(String logFile) {
        this(logFile, List.of("xdg-open"));
    }

    LogLink(String logFile, List<String> opener) {
        super(6);
        this.opener = List.copyOf(opener);
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
    static LogLink forThisProcess() {
        return new LogLink(System.getProperty(LOG_FILE_PROPERTY));
    }

    private void openFolder(Path folder) {
        open.setDisable(true);
        Thread worker = new Thread(() -> {
            String failure = null;
            try {
                List<String> command = new ArrayList<>(opener);
                command.add(folder.toString());
                Process p = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor() != 0) {
                    failure = opener.get(0) + " could not open the folder (exit " + p.exitValue() + ")";
                }
            } catch (IOException e) {
                failure = "no desktop opener (xdg-open) on this machine";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String shown = failure;
            Platform.runLater(() -> {
                open.setDisable(false);
                if (shown != null) {
                    open.setTooltip(new Tooltip(shown + "; the folder is " + folder));
                    path.setText(path.getText().replaceFirst(" \\(.*\\)$", "") + " (" + shown + ")");
                }
            });
        }, "open-log-folder");
        worker.setDaemon(true);
        worker.start();
    }
}
