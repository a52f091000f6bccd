package org.gatehouse.ui.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * The Audit screen's state, one view-model per tab: {@link #trail()}, {@link #snapshots()} and
 * {@link #queue()}; here only what the tabs share (loading, daily cache maintenance). Everything
 * works from the cache with Kea down; without a cache the screen says it is not available.
 */
public final class AuditViewModel {
    private final AuditTools tools;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final TrailViewModel trail;
    private final SnapshotsViewModel snapshots;
    private final OfflineQueueViewModel queue;
    private Instant lastMaintenance = Instant.EPOCH;

    /** {@code tools} is empty when this session has no cache to read. */
    public AuditViewModel(Optional<AuditTools> tools, TaskExecutor tasks, Clock clock) {
        this.tools = tools.orElse(null);
        this.tasks = tasks;
        this.clock = clock;
        this.trail = new TrailViewModel(this.tools, tasks);
        this.queue = new OfflineQueueViewModel(this.tools, tasks, trail::refresh);
        this.snapshots = new SnapshotsViewModel(this.tools, tasks, () -> {
            queue.refreshQueue();
            trail.refresh();
        });
    }

    public TrailViewModel trail() {
        return trail;
    }

    public SnapshotsViewModel snapshots() {
        return snapshots;
    }

    public OfflineQueueViewModel queue() {
        return queue;
    }

    /** Where the screen's own work (opening the log folder) runs. */
    public TaskExecutor tasks() {
        return tasks;
    }

    public boolean available() {
        return tools != null;
    }

    /** Loads everything once, and runs cache maintenance if due (prune + weekly VACUUM). */
    public void start() {
        if (tools == null) {
            return;
        }
        trail.refresh();
        snapshots.refreshSnapshots();
        queue.refreshQueue();
        maintainIfDue(clock.instant());
    }

    /** Called every second by the shell; maintenance is checked once a day. */
    public void tick(Instant now) {
        if (tools != null && now.isAfter(lastMaintenance.plusSeconds(86_400))) {
            maintainIfDue(now);
        }
    }

    private void maintainIfDue(Instant now) {
        lastMaintenance = now;
        tasks.run(() -> {
            tools.cache().maintainIfDue();
            return tools.cache().sizeInfo();
        }, info -> trail.cacheInfoProperty().set(info.describe()),
                e -> trail.cacheInfoProperty().set("Cache maintenance failed: " + why(e)));
    }

    static String why(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
