package org.gatehouse.testing;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;

/** For probes that drive a real console from a side thread: run on the FX thread and wait, or poll until something shows. */
public final class FxProbe {
    private FxProbe() {
    }

    /** Polls {@code find} on the FX thread every {@code everyMillis} until it finds something (JavaFX may not have started yet). */
    public static <T> T poll(Supplier<Optional<T>> find, int seconds, long everyMillis) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            try {
                Optional<T> found = onFx(find::get);
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IllegalStateException toolkitNotStarted) {
                // JavaFX not started yet (the demo may still be filling its Kea).
            }
            Thread.sleep(everyMillis);
        }
        throw new AssertionError("not within " + seconds + " s");
    }

    /** Runs {@code action} on the FX thread and returns its result (30 s at most). */
    public static <T> T onFx(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(30, TimeUnit.SECONDS);
    }
}
