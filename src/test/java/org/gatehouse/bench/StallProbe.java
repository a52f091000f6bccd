package org.gatehouse.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;

/**
 * How late runLater tasks posted every millisecond ran: the longest time the FX thread was busy with other work.
 * With {@code -Dbench.stallDetail=true} it also reads the scheduler's clocks of the FX and renderer threads
 * every millisecond ({@link ThreadClock}) and says what the longest stall was made of.
 */
final class StallProbe {
    private static final boolean DETAIL = Boolean.getBoolean("bench.stallDetail");
    private static ThreadClock fxClock;
    private static ThreadClock renderClock;
    /** nanoTime's offset from the epoch, to find the longest stall in a JFR recording. */
    private static final long EPOCH_OFFSET = epochNanos() - System.nanoTime();

    private volatile boolean running = true;
    private final Thread thread;
    /** Written on the FX thread only; read after {@link #stop} has been through it. */
    private long max;
    private long maxPosted;
    private long maxRan;
    /** When the longest stall's task had been posted: the probe's own thread may be preempted before it posts. */
    private long[] maxQueued;
    private final List<long[]> clocks = new ArrayList<>();
    /** This probe's own thread (a new one per probe, so looked up by each). */
    private volatile ThreadClock probeClock;

    private StallProbe() {
        thread = new Thread(() -> {
            if (DETAIL) {
                probeClock = ThreadClock.of("fx-stall-probe");
            }
            while (running) {
                if (DETAIL) {
                    sampleClocks();
                }
                long posted = System.nanoTime();
                long[] queued = new long[1];
                Platform.runLater(() -> {
                    long ran = System.nanoTime();
                    if (ran - posted > max) {
                        max = ran - posted;
                        maxPosted = posted;
                        maxRan = ran;
                        maxQueued = queued;
                    }
                });
                synchronized (queued) {
                    queued[0] = System.nanoTime();
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-stall-probe");
        thread.setDaemon(true);
    }

    static StallProbe start() {
        if (DETAIL && fxClock == null) {
            fxClock = ThreadClock.of("JavaFX Application Thread");
            renderClock = ThreadClock.of("QuantumRenderer");
        }
        StallProbe p = new StallProbe();
        p.thread.start();
        return p;
    }

    double stop() throws Exception {
        LeaseBench.fx(() -> null);
        running = false;
        thread.join();
        if (DETAIL) {
            sampleClocks();
        }
        LeaseBench.fx(() -> null);
        return LeaseBench.fx(() -> max) / 1e6;
    }

    private void sampleClocks() {
        if (fxClock == null || renderClock == null || probeClock == null) {
            return;
        }
        ThreadClock.Reading f = fxClock.read();
        ThreadClock.Reading r = renderClock.read();
        ThreadClock.Reading p = probeClock.read();
        synchronized (clocks) {
            // The probe's thread has ended by the last reading: its last value then.
            long probeQueue = p != null ? p.runQueueNanos() : clocks.isEmpty() ? 0 : clocks.get(clocks.size() - 1)[5];
            if (f != null && r != null) {
                clocks.add(new long[] {f.atNanos(), f.cpuNanos(), f.runQueueNanos(), r.cpuNanos(), r.runQueueNanos(), probeQueue});
            }
        }
    }

    /**
     * After {@link #stop}, with detail on: the longest stall's window (from the clock reading before
     * it was posted to the first after it ran) split into the FX thread's CPU time, its time waiting
     * for a CPU, the rest (blocked or idle), and the renderer's CPU and run-queue time.
     */
    String breakdown() {
        long[] before = null;
        long[] after = null;
        synchronized (clocks) {
            for (long[] c : clocks) {
                if (c[0] <= maxPosted) {
                    before = c;
                } else if (c[0] >= maxRan && after == null) {
                    after = c;
                }
            }
        }
        if (before == null || after == null) {
            return String.format(Locale.ROOT, "stall %.1f ms (no clock readings around it)", max / 1e6);
        }
        double wall = (after[0] - before[0]) / 1e6;
        double fxCpu = (after[1] - before[1]) / 1e6;
        double fxQueue = (after[2] - before[2]) / 1e6;
        return String.format(Locale.ROOT,
                "%s stall %5.1f ms; window %5.1f ms: FX cpu %5.1f, FX waiting for a CPU %5.1f, FX blocked/idle %5.1f;"
                        + " renderer cpu %5.1f, renderer waiting for a CPU %5.1f; probe waiting for a CPU %5.1f, posting took %4.1f",
                worstAt(), max / 1e6, wall, fxCpu, fxQueue, wall - fxCpu - fxQueue, (after[3] - before[3]) / 1e6,
                (after[4] - before[4]) / 1e6, (after[5] - before[5]) / 1e6, postingMs());
    }

    /** How long the probe took to post the longest stall's task (-1: unknown); part of that stall, not the FX thread's. */
    private double postingMs() {
        long[] q = maxQueued;
        if (q == null) {
            return -1;
        }
        synchronized (q) {
            return q[0] == 0 ? -1 : (q[0] - maxPosted) / 1e6;
        }
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** When the longest stall began (its task was posted), as an instant. */
    java.time.Instant worstAt() {
        long at = maxPosted + EPOCH_OFFSET;
        return java.time.Instant.ofEpochSecond(Math.floorDiv(at, 1_000_000_000L), Math.floorMod(at, 1_000_000_000L));
    }

    static boolean detail() {
        return DETAIL;
    }
}
