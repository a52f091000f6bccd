package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The JSON list's "expires", written by hand, is what Instant writes, for every second a lease can end at and beyond. */
class IsoSecondsTest {
    @Property(tries = 2000)
    void sameAsInstantAcrossTheCenturies(@ForAll @LongRange(min = -40_000_000_000L, max = 300_000_000_000L) long second) {
        assertThat(LeaseExport.isoSeconds(second)).isEqualTo(Instant.ofEpochSecond(second).toString());
    }

    @Test
    void theEdgesAndAnInfiniteLifetime() {
        for (long s : new long[] {0, -1, 1_796_673_755L, 1_796_673_755L + 0xFFFF_FFFFL, -30_610_224_000L, -30_610_224_001L,
                253_402_300_799L, 253_402_300_800L, Instant.MAX.getEpochSecond(), Instant.MIN.getEpochSecond()}) {
            assertThat(LeaseExport.isoSeconds(s)).as("second %d", s).isEqualTo(Instant.ofEpochSecond(s).toString());
        }
    }
}
