package org.gatehouse.ui.reservations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.PrivateFiles;
import org.gatehouse.policy.ReservationFiles;
import org.gatehouse.policy.ReservationRules;
import org.gatehouse.ui.ConsoleContext;

/**
 * The Reservations screen's state: the list, search, and the editor's operations (add/edit,
 * remove, import, export), all run on the task executor. Kea's own error text is shown as it came.
 */
public final class ReservationsViewModel {

    /** What the editor form returns. */
    public record Input(String mac, String cls, String ip, String hostname, String note, Long subnet) {
    }

    private final ConsoleContext context;
    private final ObservableList<HostReservation> rows = FXCollections.observableArrayList();
    private final FilteredList<HostReservation> visible = new FilteredList<>(rows);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ObjectProperty<ReservationRules> rules = new SimpleObjectProperty<>(ReservationRules.beforeFirstRead());

    public ReservationsViewModel(ConsoleContext context) {
        this.context = context;
        search.addListener((o, a, b) -> applyFilter());
        if (!context.canDecide()) {
            say("No Kea is configured. Start Gatehouse with --kea URI (or set GATEHOUSE_KEA), or try ./gatehouse demo.", true);
        }
    }

    public ObservableList<HostReservation> visibleRows() {
        return visible;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty errorProperty() {
        return error;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** The rules of the configuration last read, for the editor form's live checks. */
    public ObjectProperty<ReservationRules> rulesProperty() {
        return rules;
    }

    public void refresh() {
        if (!context.canDecide() || loading.get()) {
            return;
        }
        loading.set(true);
        context.tasks().run(() -> {
            List<HostReservation> list = context.decisions().editor().list();
            return new Loaded(list, context.decisions().editor().rules());
        }, loaded -> {
            loading.set(false);
            rows.setAll(loaded.list());
            rules.set(loaded.rules());
            applyFilter();
        }, e -> {
            loading.set(false);
            say("Cannot read reservations: " + text(e), true);
        });
    }

    private record Loaded(List<HostReservation> list, ReservationRules rules) {
    }

    /** Add or replace, from the editor form (already checked by the form; Kea may still refuse). */
    public void save(Input in) {
        if (!context.canDecide()) {
            return;
        }
        loading.set(true);
        context.tasks().run(() -> context.decisions().editor().reserveAndDescribe(Mac.parse(in.mac()), in.cls(), in.ip() == null || in.ip().isBlank()
                ? null : Ipv4.parse(in.ip()), in.hostname(), in.note(), in.subnet()), text -> {
            loading.set(false);
            say(text, false);
            refreshNow();
        }, e -> {
            loading.set(false);
            say("Not saved: " + text(e), true);
        });
    }

    public void remove(List<HostReservation> selected) {
        if (!context.canDecide() || selected.isEmpty()) {
            return;
        }
        List<HostReservation> chosen = List.copyOf(selected);
        loading.set(true);
        context.tasks().run(() -> {
            for (HostReservation r : chosen) {
                context.decisions().editor().remove(r.mac(), r.subnetId());
            }
            return chosen.size();
        }, n -> {
            loading.set(false);
            say("Removed " + n + " reservation(s)", false);
            refreshNow();
        }, e -> {
            loading.set(false);
            say("Not removed: " + text(e), true);
        });
    }

    /** Reads and imports a CSV/JSON file; all rows are checked first and a single problem rejects the file. */
    public void importFile(Path file) {
        if (!context.canDecide()) {
            return;
        }
        loading.set(true);
        context.tasks().run(() -> {
            String text = ReservationFiles.read(file);
            List<ReservationFiles.Row> parsed = ReservationFiles.parse(text, file.getFileName().toString());
            return context.decisions().editor().importAndDescribe(parsed, file.getFileName().toString());
        }, text -> {
            loading.set(false);
            say(text, false);
            refreshNow();
        }, e -> {
            loading.set(false);
            say("Import refused: " + text(e).replace("; ", "\n"), true);
        });
    }

    /** Writes every reservation (not only the filtered ones) as CSV, or JSON when the name ends in .json. */
    public void exportTo(Path file) {
        List<HostReservation> all = List.copyOf(rows);
        context.tasks().run(() -> ReservationFiles.export(file, all), n -> say("Exported " + n + " reservation(s) to " + file, false),
                e -> say("Export failed: " + text(e), true));
    }

    private void refreshNow() {
        loading.set(false);
        refresh();
    }

    private void say(String text, boolean isError) {
        message.set(text);
        error.set(isError);
    }

    private void applyFilter() {
        String q = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
        String hex = q.replaceAll("[:.\\-\\s]", "");
        visible.setPredicate(r -> q.isEmpty() || (hex.matches("[0-9a-f]+") && r.mac().hex().contains(hex))
                || r.hostname().toLowerCase(Locale.ROOT).contains(q) || String.join(",", r.clientClasses()).contains(q)
                || (r.ip() != null && r.ip().toString().contains(q))
                || (r.stamp() != null && (r.stamp().note().toLowerCase(Locale.ROOT).contains(q) || r.stamp().by().toLowerCase(Locale.ROOT).contains(q))));
        summary.set(visible.size() == rows.size() ? rows.size() + " reservations" : visible.size() + " of " + rows.size() + " reservations");
    }

    private static String text(Throwable e) {
        if (e instanceof GatehouseException ge) {
            return ge.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
