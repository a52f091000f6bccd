package org.gatehouse.bench;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * When the table shows a change: the view-model has applied it (the rows are in the list), the
 * next pulse has laid the table out with them, and the renderer has drawn that frame. Without
 * the last two a measurement ends before the FX thread does the work a keystroke costs it (CSS
 * and layout of every row that changed, one pulse later) — that work then lands in the next
 * measurement, or in none.
 */
final class Frames {
    private final Method waitForRendering;
    private final Object paintCollector;
    /** Completed by the next pulse's layout; FX thread only. */
    private CompletableFuture<Void> nextLayout;

    /** FX thread. */
    Frames(Scene scene) {
        scene.addPostLayoutPulseListener(() -> {
            if (nextLayout != null) {
                nextLayout.complete(null);
                nextLayout = null;
            }
        });
        Method m = null;
        Object collector = null;
        try {
            // JavaFX's own wait (its next pulse waits the same way); on the class path, so reachable.
            Class<?> c = Class.forName("com.sun.javafx.tk.quantum.PaintCollector");
            Method instance = c.getDeclaredMethod("getInstance");
            instance.setAccessible(true);
            collector = instance.invoke(null);
            m = c.getDeclaredMethod("waitForRenderingToComplete");
            m.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("(bench: cannot wait for the renderer, " + e + "; figures end when the frame is handed to it)");
            m = null;
        }
        waitForRendering = m;
        paintCollector = collector;
    }

    /** Not on the FX thread: waits until a pulse has laid out what was applied so far and its frame is drawn. */
    void awaitShown() throws Exception {
        CompletableFuture<Void> laidOut = LeaseBench.fx(() -> {
            nextLayout = new CompletableFuture<>();
            Platform.requestNextPulse();
            return nextLayout;
        });
        laidOut.get(120, TimeUnit.SECONDS);
        // The rest of that pulse (copying to the render graph, handing the frame to the renderer).
        LeaseBench.fx(() -> null);
        if (waitForRendering != null) {
            waitForRendering.invoke(paintCollector);
        }
    }
}
