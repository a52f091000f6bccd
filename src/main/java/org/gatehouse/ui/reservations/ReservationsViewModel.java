package org.gatehouse.ui.reservations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import org.gatehouse.policy.PeerPending;
import org.gatehouse.policy.ReservationEditor;
import org.gatehouse.policy.ReservationRequest;
import org.gatehouse.ui.FailureKind;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * The Reservations screen's state: the list, search, and the editor's operations (add/edit,
 * remove, import, export), all run on the task executor. Kea's own error text is shown as it came.
 * An add or remove that fails only because Kea is unreachable becomes an {@link OfflineOffer}: with
 * the user's consent it waits in the offline queue (listed in {@link #queuedEdits}) and is replayed
 * with the conflict check against the reservations this screen showed.
 */
public final class ReservationsViewModel {

    /** What the editor form returns. */
    public record Input(String mac, String cls, String ip, String hostname, String note, Long subnet) {
    }

    /**
     * Edits that failed because Kea was unreachable, waiting for "queue them?": per edit the basis (what
     * the screen showed); {@code done}: what the same action did before Kea went away.
     */
    public record OfflineOffer(List<ReservationRequest> edits, List<String> basis, List<String> done, String why) {
        public String header() {
            return "Kea is unreachable. Queue " + (edits.size() == 1 ? "this edit" : "these " + edits.size() + " edits") + "?";
        }

        public String text() {
            return edits.stream().map(ReservationRequest::describe).collect(java.util.stream.Collectors.joining("\n"))
                    + "\n\nIt is carried out when Kea is back (Audit → Offline queue, or gatehouse offline replay), only if the"
                    + " reservations are still as shown here." + (why == null || why.isBlank() ? "" : "\n\n" + why);
        }
    }

    private final TaskExecutor tasks;
    private final Optional<ReservationEditor> editor;
    private final ObservableList<String> queued = FXCollections.observableArrayList();
    private final ObjectProperty<OfflineOffer> offlineOffer = new SimpleObjectProperty<>();
    private final ObservableList<HostReservation> rows = FXCollections.observableArrayList();
    private final FilteredList<HostReservation> visible = new FilteredList<>(rows);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty error = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ObjectProperty<ReservationRules> rules = new SimpleObjectProperty<>(ReservationRules.beforeFirstRead());

    public ReservationsViewModel(TaskExecutor tasks, Optional<ReservationEditor> editor) {
        this.tasks = tasks;
        this.editor = editor;
        search.addListener((o, a, b) -> applyFilter());
        if (editor.isEmpty()) {
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

    /** Edits waiting in the offline queue for Kea, in words (empty when none). */
    public ObservableList<String> queuedEdits() {
        return queued;
    }

    /** Non-null while edits that failed with Kea unreachable wait for the user's answer; see {@link #answerOffline}. */
    public ObjectProperty<OfflineOffer> offlineOfferProperty() {
        return offlineOffer;
    }

    /** The rules of the configuration last read, for the editor form's live checks. */
    public ObjectProperty<ReservationRules> rulesProperty() {
        return rules;
    }

    public void refresh() {
        if (editor.isEmpty() || loading.get()) {
            return;
        }
        ReservationEditor ed = editor.get();
        loading.set(true);
        refreshQueued();
        tasks.run(() -> new Loaded(ed.list(), ed.rules()), loaded -> {
            loading.set(false);
            rows.setAll(loaded.list());
            rules.set(loaded.rules());
            applyFilter();
        }, e -> {
            loading.set(false);
            say("Cannot read reservations: " + text(e), true);
        });
    }

    /** Reads the offline queue (the local cache, so it works with Kea away). */
    private void refreshQueued() {
        editor.ifPresent(ed -> tasks.run(ed::queuedEdits, list -> queued.setAll(list.stream()
                .map(q -> "#" + q.id() + " " + q.describe()).toList()), e -> queued.setAll(List.of("cannot read the offline queue: " + text(e)))));
    }

    private record Loaded(List<HostReservation> list, ReservationRules rules) {
    }

    /** Add or replace, from the editor form (already checked by the form; Kea may still refuse). */
    public void save(Input in) {
        if (editor.isEmpty()) {
            return;
        }
        ReservationRequest r;
        try {
            r = ReservationRequest.add(Mac.parse(in.mac()), in.cls(), in.ip() == null || in.ip().isBlank() ? null : Ipv4.parse(in.ip()),
                    in.hostname(), in.note(), in.subnet());
        } catch (GatehouseException e) {
            say("Not saved: " + text(e), true);
            return;
        }
        edit(List.of(r), "Not saved: ");
    }

    public void remove(List<HostReservation> selected) {
        if (editor.isEmpty() || selected.isEmpty()) {
            return;
        }
        edit(selected.stream().map(h -> ReservationRequest.remove(h.mac(), h.subnetId(), "")).toList(), "Not removed: ");
    }

    /**
     * Carries out the edits in turn; those that fail only because Kea is unreachable are offered for
     * the offline queue, with the reservations this screen shows as their basis.
     */
    private void edit(List<ReservationRequest> edits, String failed) {
        ReservationEditor ed = editor.get();
        List<String> basis = edits.stream().map(r -> r.basis(rows)).toList();
        loading.set(true);
        tasks.run(() -> {
            List<String> done = new ArrayList<>();
            for (int i = 0; i < edits.size(); i++) {
                try {
                    done.add(ed.apply(edits.get(i)));
                } catch (GatehouseException e) {
                    if (FailureKind.of(e) == FailureKind.UNREACHABLE) {
                        return new Edited(done, new OfflineOffer(edits.subList(i, edits.size()), basis.subList(i, basis.size()), done, text(e)), null);
                    }
                    return new Edited(done, null, e);
                }
            }
            return new Edited(done, null, null);
        }, r -> {
            loading.set(false);
            if (r.error() != null) {
                // applied on some servers and pending for the one named: not "not saved"
                String prefix = r.error() instanceof PeerPending ? "" : failed;
                say((r.done().isEmpty() ? "" : String.join("\n", r.done()) + "\n") + prefix + text(r.error()), true);
            } else {
                say(r.done().size() == 1 ? r.done().get(0) : r.done().isEmpty() ? "" : r.done().size() + " edits done", false);
            }
            if (r.offer() == null) {
                refreshNow();
            } else {
                // Kea is away: reading the list again would only replace the question's answer with "cannot read"
                say(r.done().isEmpty() ? "" : String.join("\n", r.done()) + "\n(the list is read again when Kea answers)", false);
            }
            offlineOffer.set(r.offer());
        }, e -> {
            loading.set(false);
            say(failed + text(e), true);
        });
    }

    private record Edited(List<String> done, OfflineOffer offer, Throwable error) {
    }

    /**
     * The user's answer to {@code offer}: yes queues each edit (Kea was just found unreachable, so it
     * is not tried again); no leaves everything as it was. What the same action did before Kea went
     * away is said either way.
     */
    public void answerOffline(OfflineOffer offer, boolean queue) {
        if (offlineOffer.get() == offer) {
            offlineOffer.set(null);
        }
        if (offer == null || editor.isEmpty()) {
            return;
        }
        String before = offer.done().isEmpty() ? "" : String.join("\n", offer.done()) + "\n";
        if (!queue) {
            say(before + "Kea is unreachable; " + (offer.done().isEmpty() ? "nothing was queued or changed" : "the rest was not queued or changed")
                    + (offer.why() == null ? "." : ": " + offer.why()), true);
            return;
        }
        ReservationEditor ed = editor.get();
        loading.set(true);
        tasks.run(() -> {
            List<String> lines = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < offer.edits().size(); i++) {
                ReservationRequest r = offer.edits().get(i);
                try {
                    lines.add("Queued #" + ed.queue(r, offer.basis().get(i)).id() + ": " + r.describe() + " — replayed when Kea is back");
                } catch (GatehouseException e) {
                    failed = true;
                    lines.add("Not queued: " + r.describe() + ": " + text(e));
                }
            }
            return new Queued(lines, failed);
        }, q -> {
            loading.set(false);
            say(before + String.join("\n", q.lines()), q.failed());
            refreshQueued();
        }, e -> {
            loading.set(false);
            say(before + "Not queued: " + text(e), true);
            refreshQueued();
        });
    }

    private record Queued(List<String> lines, boolean failed) {
    }

    /** Reads and imports a CSV/JSON file; all rows are checked first and a single problem rejects the file. */
    public void importFile(Path file) {
        if (editor.isEmpty()) {
            return;
        }
        ReservationEditor ed = editor.get();
        loading.set(true);
        tasks.run(() -> {
            String text = ReservationFiles.read(file);
            List<ReservationFiles.Row> parsed = ReservationFiles.parse(text, file.getFileName().toString());
            return ed.importAndDescribe(parsed, file.getFileName().toString());
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
        tasks.run(() -> ReservationFiles.export(file, all), n -> say("Exported " + n + " reservation(s) to " + file, false),
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
