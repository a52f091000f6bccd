package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gatehouse.model.BadInput;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast readers of Kea's addresses agree with the general parsers, and reject what they reject. */
class KeaJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.168.40.130", "255.255.255.255", "10.100.0.5", "1.2.3.4"})
    void dottedQuadsReadAsTheGeneralParserReadsThem(String ip) {
        assertThat(KeaJson.ipv4(ip)).isEqualTo(Ipv4.parse(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01.2.3.4", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "a.b.c.d", "", "1.2.3.4x"})
    void malformedAddressesAreRefusedAsBefore(String ip) {
        assertThatThrownBy(() -> KeaJson.ipv4(ip)).isInstanceOf(BadInput.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"aa:bb:cc:dd:ee:ff|aa:bb:cc:dd:ee:ff", "AA:BB:CC:DD:EE:FF|aa:bb:cc:dd:ee:ff",
        "aa-bb-cc-dd-ee-ff|aa:bb:cc:dd:ee:ff", "aabb.ccdd.eeff|aa:bb:cc:dd:ee:ff"})
    void macsReadInEverySpelling(String in, String out) {
        assertThat(KeaJson.mac(in)).isEqualTo(Mac.parse(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "aa:bb:cc:dd:ee:gg", "aa:bb:cc:dd:ee", "01:02:03:04:05:06:07", "aa:bb:cc:dd:ee:f٣"})
    void whatIsNotAMacReadsAsNone(String in) {
        assertThat(KeaJson.mac(in)).isNull();
    }
}
