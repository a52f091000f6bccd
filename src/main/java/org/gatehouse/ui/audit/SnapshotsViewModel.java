package org.gatehouse.ui.audit;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.ConfigDiff;
import org.gatehouse.policy.ConfigService;
import org.gatehouse.policy.Replayers;
import org.gatehouse.ui.FailureKind;
import org.gatehouse.ui.task.BackgroundTask;
import org.gatehouse.ui.task.TaskExecutor;

import static org.gatehouse.ui.audit.AuditViewModel.why;

/**
 * The Audit screen's Config snapshots tab: the list, a side-by-side diff with the running
 * configuration or another snapshot, and a checked restore (queued when Kea is unreachable, if
 * the user chooses so).
 */
public final class SnapshotsViewModel {
    /** The "compare with" choice that means the running configuration rather than a snapshot. */
    public static final long RUNNING = -1;

    private final AuditTools tools;
    private final TaskExecutor tasks;
    /** Run after a restore or queued restore: the trail and the queue show it. */
    private final Runnable written;
    private final Object listKey = new Object();
    private final Object compareKey = new Object();

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

    SnapshotsViewModel(AuditTools tools, TaskExecutor tasks, Runnable written) {
        this.tools = tools;
        this.tasks = tasks;
        this.written = written;
    }

    /** True when restores can reach a Kea now (a connection is configured). */
    public boolean canWrite() {
        return tools != null && tools.configs().online();
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

    public void refreshSnapshots() {
        if (tools == null) {
            return;
        }
        tasks.execute(BackgroundTask.wrap(() -> tools.configs().list(500)).latestWins(listKey).onSuccess(list -> {
            // Keep the user's choice across a refresh (a restore adds a snapshot at the top).
            Long keep = selectedSnapshot.get() == null ? null : selectedSnapshot.get().id();
            snapshots.setAll(list);
            selectedSnapshot.set(list.stream().filter(s -> keep != null && s.id() == keep).findFirst()
                    .orElse(list.isEmpty() ? null : list.get(0)));
        }).onException(e -> snapshotMessage.set("Cannot read snapshots: " + why(e))));
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
        // latest wins: the diff shown is always that of the last Compare pressed
        tasks.execute(BackgroundTask.wrap(() -> {
            ConfigService.Based l = tools.configs().snapshot(left.id());
            ConfigService.Based r = right == RUNNING ? tools.configs().current() : tools.configs().snapshot(right);
            return new Compared(tools.configs().diff(l, r), right == RUNNING ? r.fingerprint() : null);
        }).latestWins(compareKey).onSuccess(c -> {
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
        }).onException(e -> {
            diffTitle.set("Cannot compare: " + why(e));
            if (FailureKind.of(e) == FailureKind.UNREACHABLE) {
                snapshotMessage.set("Kea is unreachable; compare with an earlier snapshot instead.");
            }
        }));
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
        tasks.run(() -> tools.configs().restore(id, basis, note), r -> {
            snapshotMessage.set("Restored snapshot #" + id + " (config-set + config-write); the replaced configuration is snapshot #"
                    + r.savedBeforeId() + ".");
            runningBasis = r.fingerprintAfter();
            offerQueue.set(false);
            refreshSnapshots();
            written.run();
        }, e -> {
            if (FailureKind.of(e) == FailureKind.UNREACHABLE) {
                snapshotMessage.set("Kea is unreachable: nothing was written. Queue the restore for when Kea is back?");
                offerQueue.set(true);
            } else if (FailureKind.of(e) == FailureKind.CONFLICT) {
                snapshotMessage.set("Not restored: " + why(e) + " Compare again to see the current configuration.");
            } else {
                snapshotMessage.set("Not restored: " + why(e));
            }
            written.run();
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
        tasks.run(() -> tools.offline().enqueue(Replayers.configRestore(id, basis, note)), q -> {
            offerQueue.set(false);
            snapshotMessage.set("Queued as offline action #" + q.id() + "; it is replayed, with the same check, when you replay the queue.");
            written.run();
        }, e -> snapshotMessage.set("Cannot queue: " + why(e)));
    }
}
