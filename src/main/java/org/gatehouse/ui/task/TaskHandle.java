package org.gatehouse.ui.task;

import java.util.concurrent.atomic.AtomicBoolean;

/** One run of a {@link BackgroundTask}: cancel it, or ask whether its result will still be delivered. */
public final class TaskHandle {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean done = new AtomicBoolean();

    /**
     * Drops the result: no success/failure callback runs for this run. Work already under way is
     * not interrupted (an interrupted SQLite or SSH call can leave its channel unusable); it can
     * check {@link BackgroundTask.Progress#cancelled()} and stop early.
     */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public boolean isDone() {
        return done.get();
    }

    void finished() {
        done.set(true);
    }
}
