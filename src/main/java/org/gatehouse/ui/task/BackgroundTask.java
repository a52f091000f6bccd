package org.gatehouse.ui.task;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One piece of console work: what runs off the FX thread ({@link Work}) and what happens with its
 * outcome. The callbacks, the running flag and the progress are updated only on the thread the
 * {@link TaskExecutor} delivers on (the FX thread in the console, the caller's in tests), so a
 * view-model can bind to them. A task with a {@link #latestWins key} is superseded by the next run
 * with the same key: the older run is cancelled and its result dropped, so a slow older query
 * never replaces a newer one's rows.
 */
public final class BackgroundTask<T> {

    /** The work itself; it may report progress and should stop early once cancelled. */
    @FunctionalInterface
    public interface Work<T> {
        T call(Progress progress) throws Exception;
    }

    /** Handed to the work: progress to show and whether anybody still wants the result. */
    public interface Progress {
        void update(String message, double fraction);

        boolean cancelled();
    }

    private final Work<T> work;
    private Object key;
    private Runnable onRunning = () -> { };
    private Consumer<? super T> onSuccess = r -> { };
    private Consumer<? super Throwable> onException = e -> { };
    private Runnable onFinished = () -> { };
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> wrap(Callable<T> work) {
        Objects.requireNonNull(work);
        return new BackgroundTask<>(p -> work.call());
    }

    public static <T> BackgroundTask<T> withProgress(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    /** A newer run with an equal key cancels this one and drops its result. */
    public BackgroundTask<T> latestWins(Object key) {
        this.key = key;
        return this;
    }

    public BackgroundTask<T> onRunning(Runnable r) {
        this.onRunning = Objects.requireNonNull(r);
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> c) {
        this.onSuccess = Objects.requireNonNull(c);
        return this;
    }

    public BackgroundTask<T> onException(Consumer<? super Throwable> c) {
        this.onException = Objects.requireNonNull(c);
        return this;
    }

    /** After success or failure, not after a cancellation (a newer run owns the screen then). */
    public BackgroundTask<T> onFinished(Runnable r) {
        this.onFinished = Objects.requireNonNull(r);
        return this;
    }

    public Object key() {
        return key;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** 0..1, or -1 while the work has not said how far it is. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    // ---- called by TaskEngine on the delivery thread (and call() on the worker)

    T call(Progress p) throws Exception {
        return work.call(p);
    }

    void started() {
        running.set(true);
        onRunning.run();
    }

    void progressed(String text, double fraction) {
        message.set(text == null ? "" : text);
        progress.set(fraction);
    }

    void succeeded(T result) {
        running.set(false);
        onSuccess.accept(result);
        onFinished.run();
    }

    void failed(Throwable e) {
        running.set(false);
        onException.accept(e);
        onFinished.run();
    }

    void dropped() {
        running.set(false);
    }
}
