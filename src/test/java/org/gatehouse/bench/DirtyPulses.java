package org.gatehouse.bench;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;

/**
 * Diagnosis only ({@code -Dbench.stallDetail=true}): after each pulse's layout, which nodes the
 * scene is about to copy to the render graph (each one repainted by the renderer) — read from
 * JavaFX's private fields, so it works on the class path only and may break with another JavaFX.
 */
final class DirtyPulses {
    private final Scene scene;
    private final Field dirtyNodes;
    private final Field dirtyNodesSize;
    private final Field nodeDirtyBits;
    private final List<String> pulses = new ArrayList<>();
    private long since;

    DirtyPulses(Scene scene) throws ReflectiveOperationException {
        this.scene = scene;
        dirtyNodes = Scene.class.getDeclaredField("dirtyNodes");
        dirtyNodesSize = Scene.class.getDeclaredField("dirtyNodesSize");
        nodeDirtyBits = Node.class.getDeclaredField("dirtyBits");
        dirtyNodes.setAccessible(true);
        dirtyNodesSize.setAccessible(true);
        nodeDirtyBits.setAccessible(true);
        scene.addPostLayoutPulseListener(this::record);
    }

    /** FX thread: forgets what was recorded, from now on. */
    void reset() {
        pulses.clear();
        since = System.nanoTime();
    }

    /** FX thread: the pulses since {@link #reset} that had anything dirty, one line each. */
    List<String> pulses() {
        return List.copyOf(pulses);
    }

    private void record() {
        try {
            int n = dirtyNodesSize.getInt(scene);
            if (n == 0) {
                return;
            }
            Node[] nodes = (Node[]) dirtyNodes.get(scene);
            Map<String, Integer> kinds = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                Node node = nodes[i];
                Set<?> bits = (Set<?>) nodeDirtyBits.get(node);
                String key = describe(node) + bits;
                kinds.merge(key, 1, Integer::sum);
            }
            StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "+%6.1f ms: %d dirty:", (System.nanoTime() - since) / 1e6, n));
            kinds.entrySet().stream().limit(12).forEach(e -> line.append(' ').append(e.getValue()).append('x').append(e.getKey()));
            pulses.add(line.toString());
        } catch (IllegalAccessException e) {
            pulses.add("unreadable: " + e);
        }
    }

    private static String describe(Node n) {
        StringBuilder s = new StringBuilder(n.getClass().getSimpleName());
        Parent p = n.getParent();
        for (int depth = 0; p != null && depth < 3; depth++, p = p.getParent()) {
            s.append('<').append(p.getClass().getSimpleName());
        }
        return s.toString();
    }
}
