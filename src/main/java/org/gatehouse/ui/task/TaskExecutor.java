package org.gatehouse.ui.task;

import org.gatehouse.ui.task.FxTaskExecutor;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where the console's work runs. The console's {@link FxTaskExecutor} runs work on background
 * threads and delivers outcomes on the FX thread (which so never waits on I/O); tests use
 * {@link #sameThread()}, which needs no FX toolkit.
 */
public interface TaskExecutor {

    <T> TaskHandle execute(BackgroundTask<T> task);

    /**
     * A single-thread lane of this executor for slow work of one kind (the switch's batches wait
     * for {@code save force}), so it cannot hold up the shared threads; the same name gives the
     * same lane. Executors without threads of their own return themselves.
     */
    TaskExecutor lane(String name);

    /** Shorthand for a task with just a success and a failure callback. */
    default <T> TaskHandle run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        return execute(BackgroundTask.wrap(work).onSuccess(onSuccess).onException(onFailure));
    }

    /** Runs work and callbacks on the calling thread, for tests and screenless use. */
    static TaskExecutor sameThread() {
        return new SameThreadTaskExecutor();
    }
}
