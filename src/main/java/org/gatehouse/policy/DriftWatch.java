package org.gatehouse.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.gatehouse.model.SafeText;

/**
 * The console's view of {@link PeerDrift}: each difference between the servers as one line of
 * sanitised text (reservations can carry client-chosen hostnames). Comparing costs a
 * {@code config-get} and a reservation read per server, so the result is kept and the servers
 * are compared again at most once per {@code every}; called from a background task, never the
 * FX thread.
 */
public final class DriftWatch {
    /** How often the console compares the peers at most. */
    public static final Duration EVERY = Duration.ofMinutes(1);

    private final Supplier<List<SiteCheck.Finding>> compare;
    private final Clock clock;
    private final Duration every;
    private List<String> last = List.of();
    private Instant comparedAt;
    private String failure;

    public DriftWatch(Supplier<List<SiteCheck.Finding>> compare, Clock clock, Duration every) {
        this.compare = compare;
        this.clock = clock;
        this.every = every;
    }

    /** Compares the reachable servers of {@code servers} (unreachable ones are the status's own warning). */
    public static DriftWatch of(KeaServers servers, Clock clock) {
        return new DriftWatch(() -> PeerDrift.differences(servers), clock, EVERY);
    }

    /**
     * The differences found by the last comparison, comparing again first when none was made in
     * the last {@code every}. A comparison that fails keeps the previous result until the next
     * one, and {@link #failure()} says why.
     */
    public synchronized List<String> differences() {
        Instant now = clock.instant();
        if (comparedAt == null || !now.isBefore(comparedAt.plus(every))) {
            comparedAt = now;
            try {
                last = compare.get().stream().map(f -> SafeText.escapeForTerminal(f.where() + ": " + f.what())).toList();
                failure = null;
            } catch (RuntimeException e) {
                failure = SafeText.escapeForTerminal(String.valueOf(e.getMessage()));
            }
        }
        return last;
    }

    /** Why the last comparison failed (sanitised), or null when it did not. */
    public synchronized String failure() {
        return failure;
    }
}
