package org.gatehouse.ui.task;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * Runs work on background threads and delivers outcomes on the FX thread, so the UI never waits on
 * I/O. Slow work of one kind (a switch batch waiting for {@code save force}) gets its own
 * {@link #lane}, so that it cannot hold up the lease refresh on the shared threads.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    private final ExecutorService pool;
    private final TaskEngine engine;
    private final Map<String, FxTaskExecutor> lanes = new HashMap<>();

    public FxTaskExecutor() {
        this(2, "gatehouse-io-", new TaskEngine());
    }

    private FxTaskExecutor(int threads, String prefix, TaskEngine engine) {
        AtomicInteger n = new AtomicInteger();
        this.engine = engine;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        return engine.start(task, pool, Platform::runLater);
    }

    /** A single thread named {@code gatehouse-<name>-1}, shared by every caller of that name and closed with this executor. */
    @Override
    public synchronized TaskExecutor lane(String name) {
        return lanes.computeIfAbsent(name, n -> new FxTaskExecutor(1, "gatehouse-" + n + "-", engine));
    }

    @Override
    public synchronized void close() {
        lanes.values().forEach(FxTaskExecutor::close);
        pool.shutdownNow();
    }
}
