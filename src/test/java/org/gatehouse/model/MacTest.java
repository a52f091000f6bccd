package org.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacTest {

    @Provide
    Arbitrary<Long> macs() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFF_FFFFL);
    }

    @Property
    void everyAcceptedSpellingMeansTheSameDevice(@ForAll("macs") long value) {
        Mac mac = new Mac(value);
        String h = mac.hex();
        String colon = mac.toString();
        String dash = colon.replace(':', '-').toUpperCase();
        String dot = h.substring(0, 4) + "." + h.substring(4, 8) + "." + h.substring(8);
        assertThat(Mac.parse(colon)).isEqualTo(mac);
        assertThat(Mac.parse(dash)).isEqualTo(mac);
        assertThat(Mac.parse(dot)).isEqualTo(mac);
        assertThat(Mac.parse(h.toUpperCase())).isEqualTo(mac);
        assertThat(Mac.parse(mac.toComware())).isEqualTo(mac);
        assertThat(colon).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "aa:bb:cc:dd:ee", "aa:bb:cc:dd:ee:ff:00", "gg:bb:cc:dd:ee:ff", "aa:bb-cc:dd:ee:ff",
        "aabb.ccdd.eeff.0011", "aa:bb:cc:dd:ee:ff;reboot", "aa:bb:cc:dd:ee:f\n", "ａａ:bb:cc:dd:ee:ff"})
    void malformedMacsAreBadInput(String text) {
        assertThatThrownBy(() -> Mac.parse(text)).isInstanceOf(BadInput.class)
                .satisfies(e -> assertThat(((BadInput) e).exitCode()).isEqualTo(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"02:00:00:00:00:01", "da:a1:19:00:00:01", "3e:22:fb:00:00:00"})
    void locallyAdministeredMacsAreRecognised(String text) {
        assertThat(Mac.parse(text).isLocallyAdministered()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"f0:18:98:00:00:01", "00:15:5d:00:00:01"})
    void vendorMacsAreNotLocallyAdministered(String text) {
        assertThat(Mac.parse(text).isLocallyAdministered()).isFalse();
    }
}
