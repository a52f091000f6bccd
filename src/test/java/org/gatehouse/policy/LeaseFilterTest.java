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

    @ParameterizedTest(name = "''{0}'' finds 02:19:10:a1:b6:26: {1}")
    @CsvSource(delimiter = '|', value = {
        "0a:1b|false", "0a-1b|false", "10:a1|true", "10:a1:b6|true", "a1b6|true", "0a1b|true", "1:b6|true",
        "0:a1|true", "19:1|true", ":a1:|true", ":1:|false", "a:1b|false", "2:19:10|true", "0219.10a1.b626|true",
        "021.910|false", "b626|true", "b6:26:|true", ":b6:2|true", ":6:26|false"})
    void withSeparatorsAMacSearchIsOctetAligned(String text, boolean expected) {
        ClassifiedLease l = new ClassifiedLease(new Lease(Ipv4.parse("192.168.40.131"), Mac.parse("02:19:10:a1:b6:26"), "", 40,
                LeaseState.DEFAULT, 0, 60), Tier.NEWLY_UNREGISTERED, null);
        assertThat(new LeaseFilter(text, null, null).matches(l)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' on a lease without MAC matches: {1}")
    @CsvSource(delimiter = '|', value = {"40.130|true", "printer|true", "aabb|false", "130|true", "-|false", "abc|false"})
    void aLeaseWithoutMacIsSearchedByItsOtherFields(String text, boolean expected) {
        ClassifiedLease noMac = new ClassifiedLease(new Lease(Ipv4.parse("192.168.40.130"), null, "printer", 40, LeaseState.DEFAULT, 0, 60),
                Tier.OTHER, null);
        assertThat(new LeaseFilter(text, null, null).matches(noMac)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "state {0} matches: {1}")
    @CsvSource({"DEFAULT,true", "DECLINED,false", "EXPIRED_RECLAIMED,false"})
    void stateFilterIsExact(LeaseState state, boolean expected) {
        assertThat(new LeaseFilter("anna", null, null, state).matches(lease)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {"aabb", "AA:BB:CC", "anna", "192.168", "apple", "x", "''"})
    void theCompiledSearchOverAPreparedHaystackAgreesWithMatches(String text) {
        LeaseFilter f = new LeaseFilter(text, null, null);
        LeaseFilter.Compiled c = f.compile();
        assertThat(c.matches(lease, LeaseFilter.Haystack.of(lease, new java.util.HashMap<>()))).isEqualTo(f.matches(lease));
        assertThat(LeaseFilter.Haystack.of(lease).macHex()).isEqualTo("aabbccddee01");
    }

    @ParameterizedTest
    @CsvSource({"newly-unregistered,40,true", "registered,40,false", "newly-unregistered,41,false"})
    void tierAndSubnetFiltersAreExact(String tier, long subnet, boolean expected) {
        assertThat(new LeaseFilter(null, Tier.parse(tier), subnet).matches(lease)).isEqualTo(expected);
    }
}
