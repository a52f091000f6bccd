package org.gatehouse.ui.queue;

import org.gatehouse.ui.FailureKind;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.switchboard.WhereIsIt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.DecisionFlow;
import org.gatehouse.policy.DecisionReport;
import org.gatehouse.policy.QueueService;
import org.gatehouse.ui.shell.ShellViewModel;

/**
 * The Queue screen's state. Refreshes on the task executor; approve and deny run on its switch lane
 * (they may wait on the switch) and a row leaves the queue only when Kea confirmed the decision. Each decision can be undone for
 * {@value #UNDO_SECONDS} s (it puts back the reservations the device had before). A conflict (someone else decided
 * the same device meanwhile, exit 4) is raised for a dialog rather than overwritten; Kea unreachable raises an
 * {@link OfflineOffer} (queue the decisions for replay?) that the view asks through its dialogs.
 */
public final class QueueViewModel {
    public static final int UNDO_SECONDS = 10;

    /**
     * The undo offer after a decision; {@code until} is when it lapses, {@code before} each decided
     * MAC's reservations before the decision, which Undo puts back.
     */
    public record Toast(String text, List<Mac> macs, String action, Instant until, Map<Mac, List<HostReservation>> before) {
    }

    private final QueueAccess context;
    private final ShellViewModel shell;
    private final ObservableList<QueueRow> rows = FXCollections.observableArrayList();
    private final ObservableList<DecidedRow> decided = FXCollections.observableArrayList();
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty conflict = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<Toast> toast = new SimpleObjectProperty<>();
    private final StringProperty toastText = new SimpleStringProperty("");
    private final LongProperty now = new SimpleLongProperty(Instant.now().getEpochSecond());
    private final ObjectProperty<OfflineOffer> offlineOffer = new SimpleObjectProperty<>();
    private final Set<Mac> inFlight = new HashSet<>();
    // queued while Kea was unreachable: kept out of the queue list in this session (the decided list shows them)
    private final Set<Mac> queuedOffline = new HashSet<>();
    private Instant lastFetch = Instant.EPOCH;
    private Instant lastAging = Instant.EPOCH;
    private String lastMissing = "";
    private boolean aging;
    private boolean running;

    /** How often the open console runs an aging pass (as {@code gatehouse sync} does); the age is the site's. */
    public static final Duration AGING_EVERY = Duration.ofSeconds(60);

    public QueueViewModel(QueueAccess context, ShellViewModel shell) {
        this.context = context;
        this.shell = shell;
        if (!context.deciding().isPresent()) {
            message.set("No Kea is configured. Start Gatehouse with --kea URI (or set GATEHOUSE_KEA), or try ./gatehouse demo.");
        }
    }

    public ObservableList<QueueRow> rows() {
        return rows;
    }

    public ObservableList<DecidedRow> decided() {
        return decided;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    /** Non-empty while a conflict waits to be shown; the view clears it after showing. */
    public StringProperty conflictProperty() {
        return conflict;
    }

    /** Non-null while decisions that failed with Kea unreachable wait for the user's "queue them?"; see {@link #answerOffline}. */
    public ObjectProperty<OfflineOffer> offlineOfferProperty() {
        return offlineOffer;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObjectProperty<Toast> toastProperty() {
        return toast;
    }

    public StringProperty toastTextProperty() {
        return toastText;
    }

    public LongProperty nowProperty() {
        return now;
    }

    /** "Where is this device?" on the configured switch (not available without one). */
    public WhereIsIt whereIsIt(DialogService dialogs) {
        return new WhereIsIt(context.switches().orElse(null), context.tasks().lane("switch"), dialogs);
    }

    private QueueAccess.Deciding deciding() {
        return context.deciding().orElseThrow();
    }

    private java.util.Optional<AgingService> aging() {
        return context.deciding().flatMap(QueueAccess.Deciding::aging);
    }

    public boolean canBlock() {
        return context.deciding().isPresent() && deciding().flow().canBlock();
    }

    public void start() {
        running = true;
        refresh();
    }

    public void stop() {
        running = false;
        aging().ifPresent(a -> context.tasks().run(() -> {
            a.release();
            return null;
        }, x -> { }, e -> { }));
    }

    /** One aging pass on the task executor (skipped while another service holds the cache's lock). */
    private void age(Instant at) {
        lastAging = at;
        aging = true;
        // The site's aging age (kept in Kea), the same one the sync service uses.
        AgingService service = aging().orElseThrow();
        context.tasks().run(() -> service.runOnce(AGING_EVERY.multipliedBy(3)), run -> {
            aging = false;
            if (run.heldBy() == null && !run.moved().isEmpty()) {
                message.set("Moved " + run.moved().size() + " device(s) undecided for " + AgingService.format(run.oldAfter())
                        + " to old-unregistered.");
                lastFetch = Instant.EPOCH;
            }
        }, e -> aging = false);
    }

    public void tick(Instant at) {
        now.set(at.getEpochSecond());
        Toast t = toast.get();
        if (t != null) {
            long left = Duration.between(at, t.until()).toSeconds();
            if (left <= 0) {
                toast.set(null);
                toastText.set("");
            } else {
                toastText.set(t.text() + " — undo within " + left + " s");
            }
        }
        if (running && context.deciding().isPresent() && !loading.get()
                && at.isAfter(lastFetch.plusSeconds(Math.max(1, context.refreshSeconds())))) {
            refresh();
        }
        if (running && aging().isPresent() && !aging && at.isAfter(lastAging.plus(AGING_EVERY))) {
            age(at);
        }
    }

    public void refresh() {
        if (!context.deciding().isPresent() || loading.get()) {
            return;
        }
        loading.set(true);
        context.tasks().run(deciding().queue()::refresh, this::show, e -> {
            loading.set(false);
            lastFetch = context.clock().instant();
            message.set("Kea is unreachable: " + text(e));
            shell.reportOffline(text(e), null);
        });
    }

    private void show(QueueService.Snapshot snap) {
        loading.set(false);
        lastFetch = context.clock().instant();
        // Update in place: rows that stay keep their identity (and the user's selection).
        Map<Mac, QueueService.Entry> fresh = new java.util.LinkedHashMap<>();
        snap.entries().stream().filter(e -> !inFlight.contains(e.mac()) && !queuedOffline.contains(e.mac())).forEach(e -> fresh.put(e.mac(), e));
        rows.removeIf(r -> !fresh.containsKey(r.macValue()));
        java.util.Set<Mac> present = new HashSet<>();
        for (QueueRow r : rows) {
            r.entryProperty().set(fresh.get(r.macValue()));
            present.add(r.macValue());
        }
        fresh.values().stream().filter(e -> !present.contains(e.mac())).map(QueueRow::new).forEach(rows::add);
        for (DecidedRow d : decided) {
            if (!d.moved() && d.action().equals("approved") && snap.currentTier().get(d.mac()) == Tier.REGISTERED) {
                d.markMoved("✓ in the registered pool");
            }
        }
        // several servers, one not read: its devices are missing, said until it answers (a decision's own message is not overwritten)
        String missing = snap.unreachable().isEmpty() ? "" : String.join("; ", snap.unreachable()) + "; its devices are missing from the queue.";
        if (message.get().startsWith("Kea is unreachable") || message.get().equals(lastMissing) || message.get().isEmpty()) {
            message.set(missing);
        }
        lastMissing = missing;
        summary.set(rows.size() == 1 ? "1 device waiting" : rows.size() + " devices waiting");
    }

    public void approve(List<QueueRow> selected) {
        decide(selected, "approved");
    }

    public void deny(List<QueueRow> selected) {
        decide(selected, "denied");
    }

    private void decide(List<QueueRow> selected, String action) {
        if (!context.deciding().isPresent() || selected.isEmpty() || busy.get()) {
            return;
        }
        List<QueueRow> chosen = List.copyOf(selected);
        String n = note.get();
        busy.set(true);
        chosen.forEach(r -> inFlight.add(r.entry().mac()));
        List<DecisionFlow.Decision> asked = chosen.stream().map(r -> action.equals("approved")
                ? DecisionFlow.Decision.approve(r.entry().mac(), n, "", r.entry().subnetId())
                : DecisionFlow.Decision.deny(r.entry().mac(), n, false, r.entry().subnetId())).toList();
        // on the switch's lane: a deny (and an approve that unblocks) may wait on the switch, never on the shared pool
        context.tasks().lane("switch").run(() -> deciding().flow().decideAll(asked), d -> finish(chosen, asked, d, action), e -> {
            busy.set(false);
            chosen.forEach(r -> inFlight.remove(r.entry().mac()));
            message.set(text(e));
        });
    }

    private void finish(List<QueueRow> chosen, List<DecisionFlow.Decision> asked, DecisionFlow.Batch outcome, String action) {
        busy.set(false);
        Instant at = context.clock().instant();
        List<Mac> done = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<QueueRow> unreachable = new ArrayList<>();
        List<DecisionFlow.Decision> queueable = new ArrayList<>();
        String why = null;
        for (int i = 0; i < chosen.size(); i++) {
            QueueRow row = chosen.get(i);
            DecisionReport report = outcome.report(row.entry().mac());
            GatehouseException e = outcome.error(row.entry().mac());
            inFlight.remove(row.entry().mac());
            if (report != null) {
                done.add(row.entry().mac());
                rows.remove(row);
                String state = action.equals("approved") ? "approved — moves at its next renewal" : "denied — no address from Kea";
                GatehouseException half = report.firstError();
                if (half != null) {
                    state = action + " — " + half.getMessage();
                    problems.add(row.mac() + ": " + half.getMessage());
                }
                decided.add(0, new DecidedRow(row.entry().mac(), row.hostname(), action, at, state));
            } else if (e != null) {
                if (FailureKind.of(e) == FailureKind.CONFLICT) {
                    conflict.set(row.mac() + ": " + e.getMessage());
                } else if (FailureKind.of(e) == FailureKind.UNREACHABLE) {
                    unreachable.add(row);
                    queueable.add(asked.get(i));
                    why = text(e);
                } else {
                    problems.add(row.mac() + ": " + e.getMessage());
                }
            }
        }
        message.set(problems.isEmpty() ? "" : String.join("\n", problems));
        if (!done.isEmpty()) {
            note.set("");
            String text = (action.equals("approved") ? "Approved " : "Denied ") + (done.size() == 1 ? done.get(0) : done.size() + " devices");
            toast.set(new Toast(text, done, action, at.plusSeconds(UNDO_SECONDS), outcome.before()));
            toastText.set(text + " — undo within " + UNDO_SECONDS + " s");
        }
        if (!unreachable.isEmpty()) {
            offlineOffer.set(new OfflineOffer(unreachable, queueable, action, why));
        }
    }

    /**
     * The user's answer to the offer: yes queues each decision through the one decide-or-queue flow
     * (carried out instead, should Kea be back meanwhile); no leaves everything as it was.
     */
    public void answerOffline(boolean queue) {
        OfflineOffer offer = offlineOffer.get();
        offlineOffer.set(null);
        if (offer == null) {
            return;
        }
        if (!queue) {
            message.set("Kea is unreachable; nothing was queued or changed" + (offer.why() == null ? "." : ": " + offer.why()));
            return;
        }
        busy.set(true);
        offer.rows().forEach(r -> inFlight.add(r.entry().mac()));
        context.tasks().lane("switch").run(() -> offer.queueAll(deciding().flow()), results -> queued(offer, results), e -> {
            busy.set(false);
            offer.rows().forEach(r -> inFlight.remove(r.entry().mac()));
            message.set(text(e));
        });
    }

    private void queued(OfflineOffer offer, Map<Mac, Object> results) {
        busy.set(false);
        Instant at = context.clock().instant();
        List<String> problems = new ArrayList<>();
        for (QueueRow row : offer.rows()) {
            Mac mac = row.entry().mac();
            inFlight.remove(mac);
            if (results.get(mac) instanceof DecisionFlow.Outcome o) {
                rows.remove(row);
                if (o.isQueued()) {
                    queuedOffline.add(mac);
                }
                String state = o.isQueued() ? OfflineOffer.QUEUED_STATE : offer.action() + " (Kea was back)";
                decided.add(0, new DecidedRow(mac, row.hostname(), offer.action(), at, state));
            } else if (results.get(mac) instanceof Throwable e) {
                problems.add(row.mac() + ": " + text(e));
            }
        }
        message.set(problems.isEmpty() ? "" : String.join("\n", problems));
        if (problems.size() < offer.rows().size()) {
            note.set("");
        }
    }

    /** Takes back the last decision (puts back the reservations the devices had before), while its toast shows. */
    public void undo() {
        Toast t = toast.get();
        if (t == null || !context.deciding().isPresent()) {
            return;
        }
        toast.set(null);
        toastText.set("");
        busy.set(true);
        context.tasks().run(() -> {
            List<String> failed = new ArrayList<>();
            for (Mac m : t.macs()) {
                try {
                    deciding().flow().undo(m, t.before().getOrDefault(m, List.of()));
                } catch (GatehouseException e) {
                    failed.add(m + ": " + e.getMessage());
                }
            }
            return failed;
        }, failed -> {
            busy.set(false);
            for (DecidedRow d : decided) {
                if (t.macs().contains(d.mac()) && d.action().equals(t.action())) {
                    d.stateProperty().set(failed.stream().anyMatch(f -> f.startsWith(d.mac().toString())) ? "undo failed" : "undone");
                }
            }
            message.set(failed.isEmpty() ? "" : "Undo failed: " + String.join("; ", failed));
            lastFetch = Instant.EPOCH;
            refresh();
        }, e -> {
            busy.set(false);
            message.set("Undo failed: " + text(e));
        });
    }

    private static String text(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
