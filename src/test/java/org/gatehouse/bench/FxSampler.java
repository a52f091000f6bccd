package org.gatehouse.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Diagnosis only ({@code -Dbench.stallDetail=true}): samples one thread's stack every half
 * millisecond while running and counts, per method, the samples it was on the stack in (a poor
 * man's profiler; JFR samples a busy thread only every 10-20 ms).
 */
final class FxSampler {
    private final Thread target;
    private final Map<String, Integer> inclusive = new HashMap<>();
    private final Map<String, Integer> self = new HashMap<>();
    private volatile boolean running;
    private Thread sampler;
    private int samples;

    FxSampler(Thread target) {
        this.target = target;
    }

    synchronized void start() {
        running = true;
        sampler = new Thread(() -> {
            while (running) {
                StackTraceElement[] stack = target.getStackTrace();
                if (stack.length > 0 && !idle(stack)) {
                    Set<String> seen = new HashSet<>();
                    for (StackTraceElement e : stack) {
                        String m = e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName();
                        if (seen.add(m)) {
                            synchronized (inclusive) {
                                inclusive.merge(m, 1, Integer::sum);
                            }
                        }
                    }
                    synchronized (inclusive) {
                        samples++;
                        self.merge(name(stack[0]) + " < " + (stack.length > 1 ? name(stack[1]) : ""), 1, Integer::sum);
                    }
                }
                try {
                    Thread.sleep(0, 500_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    void stop() throws InterruptedException {
        running = false;
        sampler.join();
    }

    private static String name(StackTraceElement e) {
        return e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName();
    }

    /** Waiting for work (the event queue) is not time spent. */
    private static boolean idle(StackTraceElement[] stack) {
        return stack[0].getMethodName().equals("wait") || stack[0].getMethodName().equals("park")
                && stack.length > 5 && stack[5].getMethodName().contains("getNextRunnable");
    }

    /** The methods on the stack in at least {@code share} of the busy samples, most first. */
    String report(double share) {
        StringBuilder out = new StringBuilder();
        synchronized (inclusive) {
            out.append(samples).append(" busy samples\n");
            inclusive.entrySet().stream().filter(e -> e.getValue() >= share * samples)
                    .sorted((a, b) -> b.getValue() - a.getValue())
                    .forEach(e -> out.append(String.format(java.util.Locale.ROOT, "  %5.1f%% %s%n", 100.0 * e.getValue() / samples, e.getKey())));
            out.append("top of the stack:\n");
            self.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                    .forEach(e -> out.append(String.format(java.util.Locale.ROOT, "  %5.1f%% %s%n", 100.0 * e.getValue() / samples, e.getKey())));
        }
        return out.toString();
    }
}
