package org.gatehouse.sw;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.Mac;

/**
 * Nothing typed into a field reaches the switch unless it is a typed, validated value, and no such
 * value can carry a character that ends, chains or queries a Comware command.
 */
class SwitchInputSafetyProperties {
    static final String FORBIDDEN = ";\n\r%?";

    /** Every way a field's text becomes part of a command line. */
    static final List<Function<String, CliCommand>> FIELDS = List.of(
            s -> CliCommand.interfaceView(SwitchInput.iface(s)),
            s -> CliCommand.ruleDenySourceMac(new RuleId(50000), SwitchInput.mac(s)),
            s -> CliCommand.displayMacAddress(SwitchInput.mac(s)),
            s -> CliCommand.aclMac(SwitchInput.acl(s)),
            s -> CliCommand.undoRule(SwitchInput.rule(s)),
            s -> CliCommand.macAddressBlackhole(Mac.parse("00:11:22:33:44:55"), SwitchInput.vlan(s)),
            s -> CliCommand.packetFilterMacInbound(SwitchInput.acl(s)));

    @Provide
    Arbitrary<String> plausibleFields() {
        Arbitrary<String> valid = Arbitraries.of("GigabitEthernet1/0/3", "GE1/0/3", "BAGG1", "Vlan-interface40", "XGE1/0/47",
                "aa:bb:cc:dd:ee:ff", "aabb.ccdd.eeff", "aabb-ccdd-eeff", "4000", "50000", "40");
        Arbitrary<String> poison = Arbitraries.of(";", "\n", "\r", "%", "?", "é", "\u0000", "\u2028", "；", " ; undo acl mac all", "\nsave force");
        Arbitrary<String> injected = Combinators.combine(valid, poison, Arbitraries.integers().between(0, 40))
                .as((v, p, at) -> v.substring(0, Math.min(at, v.length())) + p + v.substring(Math.min(at, v.length())));
        return Arbitraries.oneOf(valid, injected, Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withChars("GigabitEthernet0123456789/-:;%?\n .aAbBcCfF").ofMaxLength(30));
    }

    @Property(tries = 3000)
    void whateverIsTypedEitherIsRejectedOrMakesASafeCommand(@ForAll("plausibleFields") String text) {
        for (Function<String, CliCommand> field : FIELDS) {
            CliCommand cmd;
            try {
                cmd = field.apply(text);
            } catch (BadInput rejected) {
                assertThat(rejected.exitCode()).isEqualTo(2);
                assertThat(rejected.getMessage()).doesNotContainPattern("[\\n\\r\\u0000]");
                continue;
            }
            assertThat(CliCommand.isSafe(cmd.text())).isTrue();
            assertThat(cmd.text()).matches("[\\x20-\\x7E]+").doesNotContain(";", "%", "?");
        }
    }

    @Property(tries = 2000)
    void aFieldWithAForbiddenCharacterNeverParses(@ForAll("plausibleFields") String text) {
        boolean poisoned = text.chars().anyMatch(c -> FORBIDDEN.indexOf(c) >= 0 || c > 0x7E || c < 0x20);
        if (!poisoned) {
            return;
        }
        for (Function<String, CliCommand> field : FIELDS) {
            boolean parsed;
            try {
                field.apply(text);
                parsed = true;
            } catch (BadInput expected) {
                parsed = false;
            }
            assertThat(parsed).as("%s accepted %s", field, text.replace("\n", "\\n")).isFalse();
        }
    }

    @Property(tries = 2000)
    void theFinalGuardRefusesEveryUnsafeLine(@ForAll("plausibleFields") String text) {
        boolean unsafe = text.isEmpty() || text.chars().anyMatch(c -> FORBIDDEN.indexOf(c) >= 0 || c < 0x20 || c > 0x7E);
        if (unsafe) {
            assertThat(CliCommand.isSafe(text)).isFalse();
        }
    }

    @Property
    void interfaceNamesRoundTripToTheLongForm(@ForAll("interfaces") String name) {
        InterfaceName parsed = InterfaceName.parse(name);
        assertThat(InterfaceName.parse(parsed.toString())).isEqualTo(parsed);
        assertThat(CliCommand.interfaceView(parsed).text()).isEqualTo("interface " + parsed);
    }

    @Provide
    Arbitrary<String> interfaces() {
        Arbitrary<String> type = Arbitraries.of("GigabitEthernet", "GE", "ge", "Ten-GigabitEthernet", "XGE", "FortyGigE", "Twenty-FiveGigE");
        Arbitrary<String> number = Combinators.combine(Arbitraries.integers().between(1, 10), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 52)).as((a, b, c) -> a + "/" + b + "/" + c);
        return Combinators.combine(type, Arbitraries.of("", " "), number).as((t, sp, n) -> t + sp + n);
    }
}
