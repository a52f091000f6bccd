package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeaseFilterTest {
    private final ClassifiedLease lease = new ClassifiedLease(
            new Lease(Ipv4.parse("192.168.40.130"), Mac.parse("aa:bb:cc:dd:ee:01"), "Anna-iPhone", 40, LeaseState.DEFAULT, 0, 60),
            Tier.NEWLY_UNREGISTERED, "Apple, Inc.");

    @ParameterizedTest(name = "''{0}'' matches: {1}")
    @CsvSource(delimiter = '|', value = {
        "aabb|true", "aa:bb|true", "AA-BB|true", "aabb.cc|true", "dd:ee:01|true", "bbcc|true",
        "40.13|true", "192.168.40.130|true", "iphone|true", "ANNA|true", "apple|true", "inc.|true",
        "aa:bb:cc:dd:ee:02|false", "192.168.41|false", "samsung|false", "zz|false"})
    void searchIsPartialAndSeparatorInsensitive(String text, boolean expected) {
        assertThat(new LeaseFilter(text, null, null).matches(lease)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"newly-unregistered,40,true", "registered,40,false", "newly-unregistered,41,false"})
    void tierAndSubnetFiltersAreExact(String tier, long subnet, boolean expected) {
        assertThat(new LeaseFilter(null, Tier.parse(tier), subnet).matches(lease)).isEqualTo(expected);
    }
}
