package org.gatehouse.bench;

import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/** How late runLater tasks posted every millisecond ran: the longest time the FX thread was busy with other work. */
final class StallProbe {
    private final AtomicLong max = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    private StallProbe() {
        thread = new Thread(() -> {
            while (running) {
                long posted = System.nanoTime();
                Platform.runLater(() -> max.accumulateAndGet(System.nanoTime() - posted, Math::max));
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
        StallProbe p = new StallProbe();
        p.thread.start();
        return p;
    }

    double stop() throws Exception {
        LeaseBench.fx(() -> null);
        running = false;
        thread.join();
        LeaseBench.fx(() -> null);
        return max.get() / 1e6;
    }
}
