package org.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What a terminal or table shows of client-chosen text: never a control, bidi or invisible character; real text unchanged. */
class SafeTextTest {
    /** Independent of SafeText's own test: Unicode's control, format, separator and surrogate categories. */
    static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]");

    static final String ATTACKS = "\u001b\u0007\u0000\r\n\t\u007f\u0085\u009b\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
            + "\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff\u00ad\u2028\u2029\ud800\udc00";

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> attack = Arbitraries.of(ATTACKS.chars().mapToObj(c -> String.valueOf((char) c)).toList())
                .map(String::valueOf);
        Arbitrary<String> tag = Arbitraries.integers().between(0xE0000, 0xE007F).map(Character::toString);
        Arbitrary<String> text = Arbitraries.of("Müller", "東京", "anna-iphone", "ESC[31m", "\\x1b", "שלום", "🙂", " ");
        return Arbitraries.oneOf(attack, tag, text, Arbitraries.strings().ofMaxLength(4)).list().ofMaxSize(12).map(l -> String.join("", l));
    }

    /** Text as people write it: ASCII, accents, CJK, Hebrew and Arabic letters, emoji, spaces. */
    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~'),
                Arbitraries.strings().withChars("äöüßéèçñøåÄÖÜ東京大阪日本語한국어שלוםمرحبا ΑΒΓабв-_.'\"\\"),
                Arbitraries.of("Müller", "Zoë's iPad", "山田の電話", "🙂 phone", "👍🏽", "anna-iphone")).list().ofMaxSize(6)
                .map(l -> String.join("", l));
    }

    @Property(tries = 2000)
    void theEscapedFormHoldsNoControlBidiOrInvisibleCharacter(@ForAll("hostile") String s) {
        String shown = SafeText.escapeForTerminal(s);
        assertThat(UNSAFE.matcher(shown).find()).as("%s", shown).isFalse();
        assertThat(SafeText.escapeForTerminal(shown)).as("escaping is done once").isEqualTo(shown);
    }

    @Property(tries = 1000)
    void keepingLinesLetsOnlyLineFeedsAndTabsThrough(@ForAll("hostile") String s) {
        String shown = SafeText.escapeKeepingLines(s).replace("\n", "").replace("\t", "");
        assertThat(UNSAFE.matcher(shown).find()).as("%s", shown).isFalse();
    }

    @Property(tries = 2000)
    void printableTextIncludingNonAsciiPassesUnchanged(@ForAll("printable") String s) {
        assertThat(SafeText.escapeForTerminal(s)).isSameAs(s);
    }

    @Example
    void escapesAreReadable() {
        assertThat(SafeText.escapeForTerminal("a\u001b[31mred")).isEqualTo("a\\x1b[31mred");
        assertThat(SafeText.escapeForTerminal("exe.\u202etxt")).isEqualTo("exe.\\u202etxt");
        assertThat(SafeText.escapeForTerminal("line\r\nfake\tx")).isEqualTo("line\\r\\nfake\\tx");
        assertThat(SafeText.escapeForTerminal("nel\u0085 del\u007f")).isEqualTo("nel\\u0085 del\\u007f");
        assertThat(SafeText.escapeForTerminal("zw\u200bj\u2066")).isEqualTo("zw\\u200bj\\u2066");
        assertThat(SafeText.escapeForTerminal("tag" + Character.toString(0xE0041))).isEqualTo("tag\\udb40\\udc41");
        assertThat(SafeText.escapeForTerminal(null)).isEmpty();
        assertThat(SafeText.escapeKeepingLines("a\nb\u001b")).isEqualTo("a\nb\\x1b");
    }
}
