package org.gatehouse.ui.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.gatehouse.model.AuditEntry;

/** What the Audit screen's tabs share: UTC times, tooltip columns, "any" choosers, warning lines, row texts. */
final class AuditWidgets {
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private AuditWidgets() {
    }

    static String time(Instant at) {
        return at == null ? "" : UTC.format(at);
    }

    static StringConverter<String> anyConverter(String any) {
        return new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? any : s;
            }

            @Override
            public String fromString(String s) {
                return s == null || s.isBlank() || s.equals(any) ? null : s;
            }
        };
    }

    /** A text column whose cells show their full text as a tooltip (long results, notes, hashes). */
    static <T> TableColumn<T, String> text(String name, Function<T, String> f, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }

    static <T extends Region> T fixed(T node, double width) {
        node.setPrefWidth(width);
        node.setMinWidth(Region.USE_PREF_SIZE);
        return node;
    }

    static Label warning(javafx.beans.property.StringProperty text, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.setWrapText(true);
        return l;
    }

    static String details(AuditEntry e) {
        StringBuilder sb = new StringBuilder("#" + e.id() + " · " + time(e.at()) + " · " + nz(e.osUser()) + " on " + nz(e.host()) + " · "
                + e.action() + " " + nz(e.target()));
        if (e.mac() != null && !e.mac().equals(e.target())) {
            sb.append(" (device ").append(e.mac()).append(')');
        }
        if (e.before() != null || e.after() != null) {
            sb.append(" · ").append(shortValue(e.before())).append(" → ").append(shortValue(e.after()));
        }
        if (e.note() != null && !e.note().isBlank()) {
            sb.append(" · note: “").append(e.note()).append('”');
        }
        if (e.detail() != null && !e.detail().isBlank()) {
            sb.append(" · ").append(e.detail());
        }
        sb.append(" · ").append(e.result());
        return sb.toString();
    }

    static String change(AuditEntry e) {
        if (e.before() == null && e.after() == null) {
            return "";
        }
        return shortValue(e.before()) + " → " + shortValue(e.after());
    }

    static String shortValue(String s) {
        if (s == null) {
            return "—";
        }
        return s.matches("[0-9A-Fa-f]{64}") ? s.substring(0, 10) + "…" : s;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
