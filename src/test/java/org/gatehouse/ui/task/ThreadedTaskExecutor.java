package org.gatehouse.ui.task;

import java.util.concurrent.Executor;

/**
 * A test executor with real threads and no FX toolkit: work on {@code work}, outcomes on
 * {@code deliver} (a single thread standing in for the FX thread).
 */
public final class ThreadedTaskExecutor implements TaskExecutor {
    private final TaskEngine engine = new TaskEngine();
    private final Executor work;
    private final Executor deliver;

    public ThreadedTaskExecutor(Executor work, Executor deliver) {
        this.work = work;
        this.deliver = deliver;
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        return engine.start(task, work, deliver);
    }

    @Override
    public TaskExecutor lane(String name) {
        return this;
    }
}
