package org.gatehouse.policy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.gatehouse.kea.HaStatus;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaException;

/**
 * Waits for a server's HA state machine to settle after a configuration reload: a config-set
 * reloads the hooks and Kea 2.2's HA service starts again in {@code waiting}, then syncs with its
 * partner. Writing the partner while this one is syncing would reload both at once.
 */
public final class HaSettle {
    /** States a pair passes through after a (re)start; every other state is where it stays. */
    static final Set<String> TRANSITIONAL = Set.of("waiting", "syncing", "ready", "communication-recovery");

    private HaSettle() {
    }

    /** How the wait ended: {@code state} the last one seen, {@code settled} false after {@code timeout}. */
    public record Settled(String state, boolean settled, long millis) {
    }

    /** Null when the server has no HA hook (nothing to wait for). */
    public static Settled await(KeaClient kea, Duration timeout) {
        long start = System.nanoTime();
        try {
            if (!kea.capabilities().hookFamilies().contains("ha")) {
                return null;
            }
        } catch (KeaException e) {
            return null;
        }
        long deadline = start + timeout.toNanos();
        String state = "";
        while (true) {
            try {
                List<HaStatus> ha = kea.execute(new KeaCommands.HaStatusGet());
                if (ha.isEmpty()) {
                    return null;
                }
                state = ha.get(0).localState();
                if (!state.isEmpty() && !TRANSITIONAL.contains(state)) {
                    return new Settled(state, true, (System.nanoTime() - start) / 1_000_000);
                }
            } catch (KeaException e) {
                state = "unknown (" + e.getMessage() + ")";
            }
            if (System.nanoTime() > deadline) {
                return new Settled(state, false, (System.nanoTime() - start) / 1_000_000);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Settled(state, false, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
