package org.gatehouse.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.gatehouse.model.TaskRunner;

/**
 * Runs work on background threads and hands results to the FX thread, so the UI never waits on I/O.
 * Slow work of one kind (a switch batch waiting for {@code save force}) gets its own {@link #lane}, so
 * that it cannot hold up the lease refresh on the shared threads.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {
    private final ExecutorService pool;
    private final List<FxTaskRunner> lanes = new ArrayList<>();

    public FxTaskRunner() {
        this(2, "gatehouse-io-");
    }

    private FxTaskRunner(int threads, String prefix) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** A dedicated single-thread runner named {@code gatehouse-<name>-N}, closed with this one. */
    public synchronized FxTaskRunner lane(String name) {
        FxTaskRunner lane = new FxTaskRunner(1, "gatehouse-" + name + "-");
        lanes.add(lane);
        return lane;
    }

    /**
     * The switch's lane when {@code tasks} is the GUI runner; any other runner (same-thread in tests)
     * is used as it is.
     */
    public static TaskRunner laneOf(TaskRunner tasks, String name) {
        return tasks instanceof FxTaskRunner fx ? fx.lane(name) : tasks;
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        pool.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable e) {
                Platform.runLater(() -> onFailure.accept(e));
            }
        });
    }

    @Override
    public synchronized void close() {
        lanes.forEach(FxTaskRunner::close);
        pool.shutdownNow();
    }
}
