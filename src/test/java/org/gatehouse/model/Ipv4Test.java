package org.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {

    @Property
    void printsAndParsesBack(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long v) {
        assertThat(Ipv4.parse(new Ipv4(v).toString()).value()).isEqualTo(v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d", "1.2.3.4 ; x"})
    void malformedAddressesAreBadInput(String text) {
        assertThatThrownBy(() -> Ipv4.parse(text)).isInstanceOf(BadInput.class);
    }

    @Test
    void sortsNumericallyNotAsText() {
        assertThat(Ipv4.parse("192.168.40.9")).isLessThan(Ipv4.parse("192.168.40.10"));
    }

    @Test
    void poolsParseInBothKeaForms() {
        assertThat(Ipv4Range.parse("192.168.40.5 - 192.168.40.127").size()).isEqualTo(123);
        Ipv4Range prefix = Ipv4Range.parse("192.168.40.128/26");
        assertThat(prefix.first()).hasToString("192.168.40.128");
        assertThat(prefix.last()).hasToString("192.168.40.191");
    }
}
