package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The console compares the peers at most once a minute, keeps the last result, and shows it sanitised. */
class DriftWatchTest {
    private static SiteCheck.Finding drift(String where, String what) {
        return new SiteCheck.Finding(SiteCheck.Severity.ERROR, where, what, "make the peers agree");
    }

    @Test
    void comparesAtMostOnceAMinuteAndKeepsTheLastResult() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T20:00:00Z"));
        AtomicInteger comparisons = new AtomicInteger();
        List<SiteCheck.Finding> found = new ArrayList<>();
        DriftWatch watch = new DriftWatch(() -> {
            comparisons.incrementAndGet();
            return List.copyOf(found);
        }, clock, DriftWatch.EVERY);

        assertThat(watch.differences()).isEmpty();
        assertThat(comparisons).hasValue(1);

        found.add(drift("server2 subnet 40 reservation 02:00:00:16:00:09", "reservation (registered) only on server2"));
        clock.advance(Duration.ofSeconds(59));
        assertThat(watch.differences()).as("within the minute: the cached result, no new reads").isEmpty();
        assertThat(comparisons).hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(watch.differences()).containsExactly("server2 subnet 40 reservation 02:00:00:16:00:09: reservation (registered) only on server2");
        assertThat(comparisons).hasValue(2);
        assertThat(watch.differences()).hasSize(1);
        assertThat(comparisons).hasValue(2);
    }

    @Test
    void aFailedComparisonKeepsThePreviousResultSaysWhyAndWaitsTheMinute() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T20:00:00Z"));
        AtomicInteger comparisons = new AtomicInteger();
        DriftWatch watch = new DriftWatch(() -> {
            if (comparisons.incrementAndGet() == 2) {
                throw new IllegalStateException("config-get refused\u001b[31m");
            }
            return List.of(drift("server2 class Drucker", "client class only on server2"));
        }, clock, DriftWatch.EVERY);

        assertThat(watch.differences()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(watch.differences()).as("the previous result stays").hasSize(1);
        assertThat(watch.failure()).isEqualTo("config-get refused\\x1b[31m");
        assertThat(watch.differences()).hasSize(1);
        assertThat(comparisons).as("a failure is not retried within the minute").hasValue(2);
        clock.advance(Duration.ofMinutes(1));
        watch.differences();
        assertThat(watch.failure()).isNull();
    }

    @Test
    void eachDifferenceIsOneSanitisedLine() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-07T20:00:00Z"));
        DriftWatch watch = new DriftWatch(() -> List.of(drift("server2 subnet 40 reservation 02:00:00:16:00:09",
                "reservation (registered 192.168.40.9 evil\n⚠ all fine\u202eoof) only on server2")), clock, DriftWatch.EVERY);

        assertThat(watch.differences()).singleElement().asString()
                .doesNotContain("\n").doesNotContain("\u202e").contains("evil\\n⚠ all fine\\u202eoof");
    }
}
