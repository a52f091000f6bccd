package org.gatehouse.ui.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.gatehouse.policy.ConsoleLayout;

/**
 * Remembers each table's column order, widths and sort, by the table's id and each column's id
 * (or title). Tables are picked up as their screens are first shown; a stored column the table
 * no longer has is ignored, a new column keeps its place at the end.
 */
final class TableLayouts {
    private final Map<String, ConsoleLayout.Table> stored;
    private final Map<String, TableView<?>> seen = new LinkedHashMap<>();

    TableLayouts(Map<String, ConsoleLayout.Table> stored) {
        this.stored = new LinkedHashMap<>(stored);
    }

    /** Applies the stored layout to every table under {@code root} not met before. */
    void scan(Parent root) {
        for (Node n : root.lookupAll(".table-view")) {
            if (n instanceof TableView<?> t && t.getId() != null && !seen.containsKey(t.getId())) {
                seen.put(t.getId(), t);
                ConsoleLayout.Table layout = stored.get(t.getId());
                if (layout != null) {
                    apply(t, layout);
                }
            }
        }
    }

    /** The layout of every table seen, over what was stored (tables of screens not opened this time stay as they were). */
    Map<String, ConsoleLayout.Table> capture() {
        Map<String, ConsoleLayout.Table> out = new LinkedHashMap<>(stored);
        seen.forEach((id, t) -> out.put(id, capture(t)));
        return out;
    }

    static String columnId(TableColumn<?, ?> c) {
        return c.getId() != null ? c.getId() : c.getText();
    }

    private static <S> ConsoleLayout.Table capture(TableView<S> t) {
        List<ConsoleLayout.Column> columns = new ArrayList<>();
        for (TableColumn<S, ?> c : t.getColumns()) {
            columns.add(new ConsoleLayout.Column(columnId(c), c.getWidth()));
        }
        List<ConsoleLayout.Sort> sort = new ArrayList<>();
        for (TableColumn<S, ?> c : t.getSortOrder()) {
            sort.add(new ConsoleLayout.Sort(columnId(c), c.getSortType() == TableColumn.SortType.ASCENDING));
        }
        return new ConsoleLayout.Table(columns, sort);
    }

    private static <S> void apply(TableView<S> t, ConsoleLayout.Table layout) {
        Map<String, TableColumn<S, ?>> byId = new LinkedHashMap<>();
        for (TableColumn<S, ?> c : t.getColumns()) {
            byId.put(columnId(c), c);
        }
        List<TableColumn<S, ?>> ordered = new ArrayList<>();
        for (ConsoleLayout.Column col : layout.columns()) {
            TableColumn<S, ?> c = byId.remove(col.id());
            if (c != null) {
                ordered.add(c);
                if (col.width() > 0) {
                    c.setPrefWidth(Math.max(c.getMinWidth(), col.width()));
                }
            }
        }
        ordered.addAll(byId.values());
        t.getColumns().setAll(ordered);
        List<TableColumn<S, ?>> sort = new ArrayList<>();
        for (ConsoleLayout.Sort s : layout.sort()) {
            for (TableColumn<S, ?> c : ordered) {
                if (columnId(c).equals(s.id()) && c.isSortable()) {
                    c.setSortType(s.ascending() ? TableColumn.SortType.ASCENDING : TableColumn.SortType.DESCENDING);
                    sort.add(c);
                }
            }
        }
        if (!layout.columns().isEmpty()) {
            t.getSortOrder().setAll(sort);
        }
    }
}
