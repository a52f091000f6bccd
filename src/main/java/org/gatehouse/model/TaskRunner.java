package org.gatehouse.model;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where network and disk work runs. The GUI's implementation runs work on a background thread and
 * delivers results on the FX thread; tests and the CLI use {@link #sameThread()}.
 */
public interface TaskRunner {

    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    static TaskRunner sameThread() {
        return new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }
        };
    }
}
