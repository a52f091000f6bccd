package org.gatehouse.ui.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.AuditQuery;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.ConfigDiff;
import org.gatehouse.policy.ConfigService;
import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.policy.Replayers;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.FailureKind;

/**
 * The Audit screen's state: the trail with its filters, chain check and export; a device's
 * timeline; config snapshots with a side-by-side diff and restore; the offline queue. All reads
 * and writes run on the context's task executor; everything works from the cache with Kea down.
 */
public final class AuditViewModel {
    /** The "compare with" choice that means the running configuration rather than a snapshot. */
    public static final long RUNNING = -1;
    public static final List<String> OUTCOMES = List.of("ok", "refused", "queued", "failed", "cancelled");

    private final ConsoleContext context;
    private final AuditTools tools;

    // Trail
    private final ObjectProperty<LocalDate> since = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> until = new SimpleObjectProperty<>();
    private final StringProperty user = new SimpleStringProperty();
    private final StringProperty mac = new SimpleStringProperty("");
    private final StringProperty action = new SimpleStringProperty();
    private final StringProperty result = new SimpleStringProperty();
    private final ObservableList<AuditEntry> rows = FXCollections.observableArrayList();
    private final ObservableList<String> users = FXCollections.observableArrayList();
    private final ObservableList<String> actions = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty chain = new SimpleStringProperty("Chain not checked yet");
    private final BooleanProperty chainBroken = new SimpleBooleanProperty();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty cacheInfo = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final ObservableList<AuditService.TimelineEntry> timeline = FXCollections.observableArrayList();
    private final StringProperty timelineTitle = new SimpleStringProperty("");

    // Snapshots
    private final ObservableList<ConfigService.SnapshotInfo> snapshots = FXCollections.observableArrayList();
    private final ObjectProperty<ConfigService.SnapshotInfo> selectedSnapshot = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> compareWith = new SimpleObjectProperty<>(RUNNING);
    private final ObservableList<ConfigDiff.Row> diffRows = FXCollections.observableArrayList();
    private final ObservableList<ConfigDiff.PathChange> diffChanges = FXCollections.observableArrayList();
    private final StringProperty diffTitle = new SimpleStringProperty("Select a snapshot to compare it");
    private final StringProperty restoreNote = new SimpleStringProperty("");
    private final StringProperty snapshotMessage = new SimpleStringProperty("");
    private final BooleanProperty offerQueue = new SimpleBooleanProperty();
    private String runningBasis;
    private Long comparedSnapshot;

    // Offline queue
    private final ObservableList<QueuedAction> queued = FXCollections.observableArrayList();
    private final BooleanProperty showResolved = new SimpleBooleanProperty();
    private final StringProperty queueMessage = new SimpleStringProperty("");

    private Instant lastMaintenance = Instant.EPOCH;

    public AuditViewModel(ConsoleContext context) {
        this.context = context;
        this.tools = context.auditTools();
        if (tools == null) {
            message.set("The audit trail is not available in this session.");
        }
        showResolved.addListener((o, a, b) -> refreshQueue());
    }

    /** Where the screen's own work (opening the log folder) runs. */
    public org.gatehouse.ui.task.TaskExecutor tasks() {
        return context.tasks();
    }

    public boolean available() {
        return tools != null;
    }

    /** True when restores and replays can reach a Kea now (a connection is configured). */
    public boolean canWrite() {
        return tools != null && tools.configs().online();
    }

    public ObjectProperty<LocalDate> sinceProperty() {
        return since;
    }

    public ObjectProperty<LocalDate> untilProperty() {
        return until;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty macProperty() {
        return mac;
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty resultProperty() {
        return result;
    }

    public ObservableList<AuditEntry> rows() {
        return rows;
    }

    public ObservableList<String> users() {
        return users;
    }

    public ObservableList<String> actions() {
        return actions;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty chainProperty() {
        return chain;
    }

    public BooleanProperty chainBrokenProperty() {
        return chainBroken;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public StringProperty cacheInfoProperty() {
        return cacheInfo;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public ObservableList<AuditService.TimelineEntry> timeline() {
        return timeline;
    }

    public StringProperty timelineTitleProperty() {
        return timelineTitle;
    }

    public ObservableList<ConfigService.SnapshotInfo> snapshots() {
        return snapshots;
    }

    public ObjectProperty<ConfigService.SnapshotInfo> selectedSnapshotProperty() {
        return selectedSnapshot;
    }

    public ObjectProperty<Long> compareWithProperty() {
        return compareWith;
    }

    public ObservableList<ConfigDiff.Row> diffRows() {
        return diffRows;
    }

    public ObservableList<ConfigDiff.PathChange> diffChanges() {
        return diffChanges;
    }

    public StringProperty diffTitleProperty() {
        return diffTitle;
    }

    public StringProperty restoreNoteProperty() {
        return restoreNote;
    }

    public StringProperty snapshotMessageProperty() {
        return snapshotMessage;
    }

    public BooleanProperty offerQueueProperty() {
        return offerQueue;
    }

    public ObservableList<QueuedAction> queued() {
        return queued;
    }

    public BooleanProperty showResolvedProperty() {
        return showResolved;
    }

    public StringProperty queueMessageProperty() {
        return queueMessage;
    }

    /** Loads everything once, and runs cache maintenance if due (prune + weekly VACUUM). */
    public void start() {
        if (tools == null) {
            return;
        }
        refresh();
        refreshSnapshots();
        refreshQueue();
        maintainIfDue(context.clock().instant());
    }

    /** Called every second by the shell; maintenance is checked once a day. */
    public void tick(Instant now) {
        if (tools != null && now.isAfter(lastMaintenance.plusSeconds(86_400))) {
            maintainIfDue(now);
        }
    }

    private void maintainIfDue(Instant now) {
        lastMaintenance = now;
        context.tasks().run(() -> {
            tools.cache().maintainIfDue();
            return tools.cache().sizeInfo();
        }, info -> cacheInfo.set(info.describe()), e -> cacheInfo.set("Cache maintenance failed: " + why(e)));
    }

    /** The filter as a query; a MAC that does not parse is reported, not sent. */
    AuditQuery query() {
        Mac m = null;
        String text = mac.get() == null ? "" : mac.get().trim();
        if (!text.isEmpty()) {
            m = Mac.parse(text);
        }
        Instant from = since.get() == null ? null : since.get().atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = until.get() == null ? null : until.get().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return new AuditQuery(from, to, blankToNull(user.get()), m, blankToNull(action.get()), blankToNull(result.get()), 0);
    }

    public void refresh() {
        if (tools == null) {
            return;
        }
        AuditQuery q;
        try {
            q = query();
        } catch (GatehouseException e) {
            message.set(e.getMessage());
            return;
        }
        loading.set(true);
        context.tasks().run(() -> new Loaded(tools.audit().query(q), tools.audit().users(), tools.audit().actions(),
                tools.cache().sizeInfo().describe()), l -> {
                    loading.set(false);
                    List<AuditEntry> newestFirst = new ArrayList<>(l.rows());
                    java.util.Collections.reverse(newestFirst);
                    rows.setAll(newestFirst);
                    keepSelection(users, l.users(), user);
                    keepSelection(actions, l.actions(), action);
                    cacheInfo.set(l.cacheInfo());
                    message.set("");
                    summary.set(rows.size() == 1 ? "1 row" : rows.size() + " rows");
                }, e -> {
                    loading.set(false);
                    message.set("Cannot read the audit trail: " + why(e));
                });
    }

    private record Loaded(List<AuditEntry> rows, List<String> users, List<String> actions, String cacheInfo) {
    }

    private static void keepSelection(ObservableList<String> list, List<String> values, StringProperty selected) {
        String keep = selected.get();
        List<String> withAny = new ArrayList<>();
        withAny.add(null);
        withAny.addAll(values);
        if (!withAny.equals(list)) {
            list.setAll(withAny);
        }
        selected.set(keep);
    }

    public void clearFilters() {
        since.set(null);
        until.set(null);
        user.set(null);
        mac.set("");
        action.set(null);
        result.set(null);
        refresh();
    }

    public void verify() {
        if (tools == null) {
            return;
        }
        chain.set("Checking the chain …");
        context.tasks().run(() -> tools.audit().verify(), st -> {
            chainBroken.set(!st.ok());
            chain.set(st.ok() ? "Chain intact: " + st.rows() + " rows, head " + st.head().substring(0, 16) + "…"
                    : "Chain BROKEN at row " + st.firstBadId() + ": " + st.problem());
        }, e -> chain.set("Cannot check the chain: " + why(e)));
    }

    /** Writes the rows shown (the current filter) to {@code file}; {@code done} gets a message. */
    public void export(Path file, AuditService.ExportFormat format) {
        List<AuditEntry> shown = new ArrayList<>(rows);
        java.util.Collections.reverse(shown); // files read oldest first
        context.tasks().run(() -> tools.audit().export(shown, format, file),
                n -> message.set("Exported " + n + " rows to " + file), e -> message.set("Export failed: " + why(e)));
    }

    /** Lease history and audit rows of the device of {@code e} (its MAC). */
    public void showTimeline(AuditEntry e) {
        if (e == null || e.mac() == null) {
            timelineTitle.set("This row concerns no device");
            timeline.clear();
            return;
        }
        showTimeline(Mac.parse(e.mac()));
    }

    public void showTimeline(Mac m) {
        timelineTitle.set("Timeline of " + m + " …");
        context.tasks().run(() -> tools.audit().timeline(m), list -> {
            timeline.setAll(list);
            timelineTitle.set("Timeline of " + m + " (" + list.size() + " events)");
        }, e -> timelineTitle.set("Cannot read the timeline: " + why(e)));
    }

    // ---- snapshots

    public void refreshSnapshots() {
        if (tools == null) {
            return;
        }
        context.tasks().run(() -> tools.configs().list(500), list -> {
            // Keep the user's choice across a refresh (a restore adds a snapshot at the top).
            Long keep = selectedSnapshot.get() == null ? null : selectedSnapshot.get().id();
            snapshots.setAll(list);
            selectedSnapshot.set(list.stream().filter(s -> keep != null && s.id() == keep).findFirst()
                    .orElse(list.isEmpty() ? null : list.get(0)));
        }, e -> snapshotMessage.set("Cannot read snapshots: " + why(e)));
    }

    /** Compares the selected snapshot with the running configuration (online) or another snapshot. */
    public void compare() {
        ConfigService.SnapshotInfo left = selectedSnapshot.get();
        if (left == null) {
            return;
        }
        long right = compareWith.get() == null ? RUNNING : compareWith.get();
        offerQueue.set(false);
        diffTitle.set("Comparing …");
        context.tasks().run(() -> {
            ConfigService.Based l = tools.configs().snapshot(left.id());
            ConfigService.Based r = right == RUNNING ? tools.configs().current() : tools.configs().snapshot(right);
            return new Compared(tools.configs().diff(l, r), right == RUNNING ? r.fingerprint() : null);
        }, c -> {
            diffRows.setAll(c.diff().rows());
            diffChanges.setAll(c.diff().changes());
            comparedSnapshot = left.id();
            if (c.runningBasis() != null) {
                runningBasis = c.runningBasis();
            }
            String other = right == RUNNING ? "the running configuration" : "snapshot #" + right;
            diffTitle.set("Snapshot #" + left.id() + " (left) against " + other + " (right): "
                    + (c.diff().identical() ? "identical" : c.diff().changes().size() + " changed value(s)"));
            snapshotMessage.set("");
        }, e -> {
            diffTitle.set("Cannot compare: " + why(e));
            if (isUnreachable(e)) {
                snapshotMessage.set("Kea is unreachable; compare with an earlier snapshot instead.");
            }
        });
    }

    private record Compared(ConfigDiff.Result diff, String runningBasis) {
    }

    /** Restores the compared snapshot if the running config is still the one compared against. */
    public void restore() {
        Long id = comparedSnapshot;
        if (id == null || runningBasis == null) {
            snapshotMessage.set("Compare the snapshot with the running configuration first: the restore is checked against it.");
            return;
        }
        String basis = runningBasis;
        String note = restoreNote.get();
        snapshotMessage.set("Restoring snapshot #" + id + " …");
        context.tasks().run(() -> tools.configs().restore(id, basis, note), r -> {
            snapshotMessage.set("Restored snapshot #" + id + " (config-set + config-write); the replaced configuration is snapshot #"
                    + r.savedBeforeId() + ".");
            runningBasis = r.fingerprintAfter();
            offerQueue.set(false);
            refreshSnapshots();
            refresh();
        }, e -> {
            if (isUnreachable(e)) {
                snapshotMessage.set("Kea is unreachable: nothing was written. Queue the restore for when Kea is back?");
                offerQueue.set(true);
            } else if (FailureKind.of(e) == FailureKind.CONFLICT) {
                snapshotMessage.set("Not restored: " + why(e) + " Compare again to see the current configuration.");
            } else {
                snapshotMessage.set("Not restored: " + why(e));
            }
            refresh();
        });
    }

    /** The user's explicit choice after an unreachable restore. */
    public void queueRestore() {
        Long id = comparedSnapshot;
        if (id == null || runningBasis == null) {
            return;
        }
        String basis = runningBasis;
        String note = restoreNote.get();
        context.tasks().run(() -> tools.offline().enqueue(Replayers.configRestore(id, basis, note)), q -> {
            offerQueue.set(false);
            snapshotMessage.set("Queued as offline action #" + q.id() + "; it is replayed, with the same check, when you replay the queue.");
            refreshQueue();
            refresh();
        }, e -> snapshotMessage.set("Cannot queue: " + why(e)));
    }

    // ---- offline queue

    public void refreshQueue() {
        if (tools == null) {
            return;
        }
        boolean all = showResolved.get();
        context.tasks().run(() -> all ? tools.offline().history(500) : tools.offline().pending(), queued::setAll,
                e -> queueMessage.set("Cannot read the queue: " + why(e)));
    }

    public void replay() {
        if (tools == null || tools.replayers().isEmpty()) {
            queueMessage.set("No Kea is configured in this session: connect with --kea to replay.");
            return;
        }
        queueMessage.set("Replaying …");
        context.tasks().run(() -> tools.offline().replay(tools.replayers()), r -> {
            queueMessage.set(describe(r));
            refreshQueue();
            refresh();
        }, e -> queueMessage.set("Replay failed: " + why(e)));
    }

    static String describe(OfflineQueue.Report r) {
        String s = r.count(QueuedAction.DONE) + " done, " + r.count(QueuedAction.CONFLICT) + " conflict, " + r.count(QueuedAction.FAILED)
                + " failed";
        return r.stoppedBecause() == null ? s : s + "; stopped, Kea is still unreachable (" + r.stoppedBecause() + "): "
                + r.stillPending() + " still queued";
    }

    public void cancel(QueuedAction a) {
        if (a == null || !a.pending()) {
            return;
        }
        context.tasks().run(() -> {
            tools.offline().cancel(a.id(), "cancelled in the console");
            return a.id();
        }, id -> {
            queueMessage.set("Cancelled queued action #" + id);
            refreshQueue();
            refresh();
        }, e -> queueMessage.set("Cannot cancel: " + why(e)));
    }

    private static boolean isUnreachable(Throwable e) {
        return FailureKind.of(e) == FailureKind.UNREACHABLE;
    }

    static String why(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
