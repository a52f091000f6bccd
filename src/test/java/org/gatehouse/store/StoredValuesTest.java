package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;

/** The cache's fast readers give what the model's parsers give, and refuse what they refuse. */
class StoredValuesTest {

    @Property(tries = 2000)
    void macsAndAddressesReadBackAsWritten(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFFFFFL) long mac,
                                           @ForAll @LongRange(min = 0, max = 0xFFFFFFFFL) long ip) {
        assertThat(StoredValues.mac(new Mac(mac).toString())).isEqualTo(new Mac(mac));
        assertThat(StoredValues.ip(new Ipv4(ip).toString())).isEqualTo(new Ipv4(ip));
    }

    @Example
    void otherSpellingsGoToTheModelsParsers() {
        assertThat(StoredValues.mac("F0:18:98:00:00:01")).isEqualTo(Mac.parse("f0:18:98:00:00:01"));
        assertThat(StoredValues.mac("f018.9800.0001")).isEqualTo(Mac.parse("f0:18:98:00:00:01"));
        assertThat(StoredValues.ip(" 10.0.0.1")).isEqualTo(Ipv4.parse("10.0.0.1"));
        assertThat(StoredValues.tier("old-unregistered")).isEqualTo(Tier.OLD_UNREGISTERED);
        for (String bad : new String[] {"10.0.0.01", "10.0.0.256", "10.0.0", "10.0.0.1.2", "1234567890.1", "10..0.1", "1e.0.0.1", ""}) {
            assertThatThrownBy(() -> StoredValues.ip(bad)).as(bad).isInstanceOf(BadInput.class);
        }
        for (String bad : new String[] {"f0:18:98:00:00:0g", "f0-18-98-00-00-0", "f0:18:98:00:00:01:02", "ä0:18:98:00:00:01", "\uff10\uff10:18:98:00:00:01"}) {
            assertThatThrownBy(() -> StoredValues.mac(bad)).as(bad).isInstanceOf(BadInput.class);
        }
    }
}
