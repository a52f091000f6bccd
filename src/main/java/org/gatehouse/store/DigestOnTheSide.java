package org.gatehouse.store;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.gatehouse.model.ClassifiedLease;

/** {@link LeaseListDigest} of a list, hashed on a daemon thread of its own until {@link #get} needs it. */
final class DigestOnTheSide {
    private final FutureTask<String> task;

    private DigestOnTheSide(FutureTask<String> task) {
        this.task = task;
    }

    static DigestOnTheSide start(List<ClassifiedLease> leases) {
        FutureTask<String> task = new FutureTask<>(() -> LeaseListDigest.of(leases));
        Thread t = new Thread(task, "gatehouse-lease-digest");
        t.setDaemon(true);
        t.start();
        return new DigestOnTheSide(task);
    }

    String get() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while hashing the lease list", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
