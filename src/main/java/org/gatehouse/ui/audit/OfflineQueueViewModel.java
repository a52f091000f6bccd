package org.gatehouse.ui.audit;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.ui.task.BackgroundTask;
import org.gatehouse.ui.task.TaskExecutor;

import static org.gatehouse.ui.audit.AuditViewModel.why;

/** The Audit screen's Offline queue tab: what is queued (or was), replay in order, cancel one. */
public final class OfflineQueueViewModel {
    private final AuditTools tools;
    private final TaskExecutor tasks;
    /** Run after a replay or cancel: the trail shows it. */
    private final Runnable written;
    private final Object listKey = new Object();

    private final ObservableList<QueuedAction> queued = FXCollections.observableArrayList();
    private final BooleanProperty showResolved = new SimpleBooleanProperty();
    private final StringProperty queueMessage = new SimpleStringProperty("");

    OfflineQueueViewModel(AuditTools tools, TaskExecutor tasks, Runnable written) {
        this.tools = tools;
        this.tasks = tasks;
        this.written = written;
        showResolved.addListener((o, a, b) -> refreshQueue());
    }

    /** True when replays can reach a Kea now (a connection is configured). */
    public boolean canWrite() {
        return tools != null && tools.configs().online();
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

    public void refreshQueue() {
        if (tools == null) {
            return;
        }
        boolean all = showResolved.get();
        tasks.execute(BackgroundTask.wrap(() -> all ? tools.offline().history(500) : tools.offline().pending()).latestWins(listKey)
                .onSuccess(queued::setAll).onException(e -> queueMessage.set("Cannot read the queue: " + why(e))));
    }

    public void replay() {
        if (tools == null || tools.replayers().isEmpty()) {
            queueMessage.set("No Kea is configured in this session: connect with --kea to replay.");
            return;
        }
        queueMessage.set("Replaying …");
        tasks.run(() -> tools.offline().replay(tools.replayers()), r -> {
            queueMessage.set(describe(r));
            refreshQueue();
            written.run();
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
        tasks.run(() -> {
            tools.offline().cancel(a.id(), "cancelled in the console");
            return a.id();
        }, id -> {
            queueMessage.set("Cancelled queued action #" + id);
            refreshQueue();
            written.run();
        }, e -> queueMessage.set("Cannot cancel: " + why(e)));
    }
}
