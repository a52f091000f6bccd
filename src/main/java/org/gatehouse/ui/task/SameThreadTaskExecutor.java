package org.gatehouse.ui.task;

/** Work and callbacks on the caller's thread: a view-model test needs no FX toolkit and no waiting. */
final class SameThreadTaskExecutor implements TaskExecutor {
    private final TaskEngine engine = new TaskEngine();

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        return engine.start(task, Runnable::run, Runnable::run);
    }

    @Override
    public TaskExecutor lane(String name) {
        return this;
    }
}
