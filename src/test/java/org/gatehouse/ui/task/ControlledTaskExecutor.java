package org.gatehouse.ui.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A test executor whose work waits until the test runs it, in any order: this is how a test makes
 * an older query finish after a newer one. Outcomes are delivered on the thread that runs the work.
 */
public final class ControlledTaskExecutor implements TaskExecutor {
    private final TaskEngine engine = new TaskEngine();
    private final List<Runnable> waiting = new ArrayList<>();
    private final Executor queue = waiting::add;

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        return engine.start(task, queue, Runnable::run);
    }

    @Override
    public TaskExecutor lane(String name) {
        return this;
    }

    public int waiting() {
        return waiting.size();
    }

    /** Runs the work started {@code index}-th among those still waiting (0 = oldest). */
    public void runWaiting(int index) {
        waiting.remove(index).run();
    }

    public void runAll() {
        while (!waiting.isEmpty()) {
            runWaiting(0);
        }
    }
}
