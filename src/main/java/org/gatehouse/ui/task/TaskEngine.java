package org.gatehouse.ui.task;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The bookkeeping every executor shares: runs the work on {@code work}, delivers the outcome on
 * {@code deliver}, and keeps the newest run of each latest-wins key.
 */
final class TaskEngine {
    private final Map<Object, TaskHandle> latest = new ConcurrentHashMap<>();

    <T> TaskHandle start(BackgroundTask<T> task, Executor work, Executor deliver) {
        TaskHandle handle = new TaskHandle();
        Object key = task.key();
        if (key != null) {
            TaskHandle older = latest.put(key, handle);
            if (older != null) {
                older.cancel();
            }
        }
        deliver.execute(task::started);
        BackgroundTask.Progress progress = new BackgroundTask.Progress() {
            @Override
            public void update(String message, double fraction) {
                deliver.execute(() -> {
                    if (!handle.isCancelled()) {
                        task.progressed(message, fraction);
                    }
                });
            }

            @Override
            public boolean cancelled() {
                return handle.isCancelled();
            }
        };
        Runnable run = () -> {
            T result = null;
            Throwable failure = null;
            if (!handle.isCancelled()) {
                try {
                    result = task.call(progress);
                } catch (Throwable e) {
                    failure = e;
                }
            }
            T r = result;
            Throwable f = failure;
            deliver.execute(() -> finish(task, handle, r, f));
        };
        try {
            work.execute(run);
        } catch (RejectedExecutionException closed) {
            // The window closed while an outcome was being delivered (which may start a follow-up
            // refresh): the work is dropped, not thrown at the FX thread.
            handle.cancel();
            deliver.execute(() -> finish(task, handle, null, null));
        }
        return handle;
    }

    private <T> void finish(BackgroundTask<T> task, TaskHandle handle, T result, Throwable failure) {
        if (task.key() != null) {
            latest.remove(task.key(), handle);
        }
        handle.finished();
        if (handle.isCancelled()) {
            task.dropped();
        } else if (failure != null) {
            task.failed(failure);
        } else {
            task.succeeded(result);
        }
    }
}
