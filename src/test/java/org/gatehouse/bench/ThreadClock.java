package org.gatehouse.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Linux scheduler says about one thread of this JVM ({@code /proc/self/task/TID/schedstat}):
 * the time it ran on a CPU and the time it was runnable but waited for one. Wall time minus both
 * is the time it was blocked (a lock, a latch, a safepoint) or idle.
 */
final class ThreadClock {
    /** One reading, ns since the thread started. */
    record Reading(long atNanos, long cpuNanos, long runQueueNanos) {
    }

    private final Path schedstat;

    private ThreadClock(Path schedstat) {
        this.schedstat = schedstat;
    }

    /**
     * The thread whose name starts with {@code prefix} (the kernel keeps 15 characters of it), or
     * null when there is none or the kernel does not keep scheduler statistics.
     */
    static ThreadClock of(String prefix) {
        String comm = prefix.length() > 15 ? prefix.substring(0, 15) : prefix;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path t : tasks) {
                if (Files.readString(t.resolve("comm")).trim().startsWith(comm) && Files.isReadable(t.resolve("schedstat"))) {
                    return new ThreadClock(t.resolve("schedstat"));
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Null once the thread has ended. */
    Reading read() {
        long at = System.nanoTime();
        try {
            String[] f = Files.readString(schedstat).trim().split(" ");
            return new Reading(at, Long.parseLong(f[0]), Long.parseLong(f[1]));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
