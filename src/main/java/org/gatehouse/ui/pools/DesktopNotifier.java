package org.gatehouse.ui.pools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.gatehouse.model.SafeText;
import org.gatehouse.policy.Anomalies;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * A desktop notification for a critical anomaly, through the freedesktop {@code notify-send}
 * (libnotify-bin) when it is installed; without it the console's badge and list still show the
 * anomaly. The command gets its arguments directly (no shell) and runs on its own lane.
 */
public final class DesktopNotifier implements Consumer<Anomalies.Anomaly> {
    private final TaskExecutor lane;
    private final Path command;

    public DesktopNotifier(TaskExecutor lane) {
        this(lane, find("notify-send"));
    }

    DesktopNotifier(TaskExecutor lane, Path command) {
        this.lane = lane;
        this.command = command;
    }

    public boolean available() {
        return command != null;
    }

    @Override
    public void accept(Anomalies.Anomaly a) {
        if (command == null) {
            return;
        }
        String body = SafeText.escapeForTerminal(a.detail());
        lane.run(() -> new ProcessBuilder(command.toString(), "--app-name=Gatehouse", "--urgency=critical",
                "Gatehouse: " + a.kind(), body).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(),
                done -> { }, e -> { });
    }

    private static Path find(String name) {
        String path = System.getenv("PATH");
        for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
