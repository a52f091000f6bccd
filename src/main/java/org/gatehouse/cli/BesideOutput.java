package org.gatehouse.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Work a command runs on a second thread while it prints, such as recording the lease list in the
 * cache (issue 13: the two together take the longer of the two, not their sum on a machine with
 * two cores). The command waits for it before it closes the cache or ends: {@link #finish} passes
 * its failure on as the command's own; {@link #close} (the command failed first) only waits.
 */
final class BesideOutput implements AutoCloseable {
    private final CompletableFuture<Void> work;

    private BesideOutput(CompletableFuture<Void> work) {
        this.work = work;
    }

    static BesideOutput start(String threadName, Runnable work) {
        return new BesideOutput(CompletableFuture.runAsync(work, r -> new Thread(r, threadName).start()));
    }

    /** Waits for the work to end; its exception is thrown here, as if the command had run it itself. */
    void finish() {
        try {
            work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Waits for the work to end, whatever its outcome: nothing closes the cache under it. */
    @Override
    public void close() {
        try {
            work.join();
        } catch (CompletionException | java.util.concurrent.CancellationException ignored) {
            // the command is failing already; its own error is the one reported
        }
    }
}
