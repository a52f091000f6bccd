package org.gatehouse.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.InputFiles;
import org.gatehouse.model.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's remembered layout, per user: window place, theme, and each table's column order,
 * widths and sort. One small JSON file in the user's state directory, 0600, written atomically.
 * A missing or broken file gives the default layout (the console must open whatever it holds).
 */
public final class ConsoleLayout {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLayout.class);
    private static final int MAX_BYTES = 1024 * 1024;

    public record Window(double x, double y, double width, double height, boolean maximized) {
    }

    public record Column(String id, double width) {
    }

    public record Sort(String id, boolean ascending) {
    }

    public record Table(List<Column> columns, List<Sort> sort) {
        public Table {
            columns = columns == null ? List.of() : List.copyOf(columns);
            sort = sort == null ? List.of() : List.copyOf(sort);
        }
    }

    /** @param theme "light" or "dark" (null: default) */
    public record Layout(Window window, String theme, Map<String, Table> tables) {
        public Layout {
            tables = tables == null ? Map.of() : Map.copyOf(tables);
        }

        public static Layout empty() {
            return new Layout(null, null, Map.of());
        }

        public Layout withWindow(Window w) {
            return new Layout(w, theme, tables);
        }

        public Layout withTheme(String t) {
            return new Layout(window, t, tables);
        }

        public Layout withTable(String id, Table t) {
            Map<String, Table> m = new LinkedHashMap<>(tables);
            m.put(id, t);
            return new Layout(window, theme, m);
        }
    }

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private String problem;

    public ConsoleLayout(Path file) {
        this.file = file;
    }

    /** {@code $XDG_STATE_HOME/gatehouse/layout.json}, else {@code ~/.local/state/gatehouse/layout.json}. */
    public static Path defaultFile(String xdgStateHome, String home) {
        Path base = xdgStateHome != null && !xdgStateHome.isBlank() ? Path.of(xdgStateHome) : Path.of(home, ".local", "state");
        return base.resolve("gatehouse").resolve("layout.json");
    }

    public Path file() {
        return file;
    }

    /** Why the last {@link #load} fell back to the default layout, or null. */
    public String problem() {
        return problem;
    }

    public Layout load() {
        problem = null;
        if (!Files.exists(file)) {
            return Layout.empty();
        }
        try {
            Layout l = mapper.readValue(InputFiles.readText(file, MAX_BYTES, "layout"), Layout.class);
            return l == null ? Layout.empty() : l;
        } catch (IOException | RuntimeException e) {
            problem = file + " is not a layout Gatehouse can read (" + e.getClass().getSimpleName() + "); the default layout is used";
            LOG.warn("{}", problem);
            return Layout.empty();
        }
    }

    public void save(Layout layout) {
        try {
            PrivateFiles.createDirectories(file.getParent());
            PrivateFiles.writeAtomically(file, out -> mapper.writeValue(out, layout));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot save the console layout to {}: {}", file, e.getMessage());
        }
    }
}
