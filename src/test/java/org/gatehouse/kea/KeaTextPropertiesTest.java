package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Decoding Kea's byte escapes gives back exactly the text that was stored, and touches nothing else. */
class KeaTextPropertiesTest {

    /** What Kea 2.2 answers for a stored string: each UTF-8 byte ≥ 0x80 as its own escape. */
    private static String keaEscaped(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int v = b & 0xFF;
            if (v == '"' || v == '\\') {
                sb.append('\\').append((char) v);
            } else if (v < 0x20 || v >= 0x7F) {
                sb.append(String.format("\\u%04x", v));
            } else {
                sb.append((char) v);
            }
        }
        return sb.append('"').toString();
    }

    @Property(tries = 2000)
    void anyStoredTextComesBackAsItWas(@ForAll String text) throws Exception {
        String reply = "{\"result\":0,\"arguments\":{\"k\":" + keaEscaped(text) + "}}";
        assertThat(KeaText.byteEscaped(reply)).isTrue();
        // Only replies that carry a byte >= 0x80 need the walk (the check may err towards walking, never away).
        if (text.chars().anyMatch(c -> c > 0x7F)) {
            assertThat(KeaText.needsDecoding(reply)).isTrue();
        }
        if (text.chars().allMatch(c -> c < 0x7F && c != '\\')) {
            assertThat(KeaText.needsDecoding(reply)).isFalse();
        }
        JsonNode decoded = KeaText.decodeBytes(new ObjectMapper().readTree(reply));
        // Unpaired surrogates cannot be stored as UTF-8: they come back as '?', as String.getBytes wrote them.
        String stored = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(decoded.path("arguments").path("k").asText()).isEqualTo(stored);
    }

    @Example
    void rawUtf8ValuesMeanAKeaThatWritesUtf8ItselfAndAreLeftAlone() {
        assertThat(KeaText.byteEscaped("{\"note\": \"Ã¼ber\"}")).isFalse();
        // Kea 2.2 writes keys raw and values escaped: raw keys do not count.
        assertThat(KeaText.byteEscaped("{\"geprüft\": \"ja \\u00e2\\u0080\\u0094\"}")).isTrue();
        assertThat(KeaText.byteEscaped("{\"a\": \"x \\\" ü\"}")).isFalse();
    }

    /** The bytes Kea would store for text we send: UTF-8, and each kept raw byte as itself. */
    private static byte[] asKeaStoresIt(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (org.gatehouse.model.SafeText.isRawByte(cp)) {
                out.write(cp - org.gatehouse.model.SafeText.RAW_BYTE_BASE);
            } else {
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
            i += Character.charCount(cp);
        }
        return out.toByteArray();
    }

    @Property(tries = 3000)
    void anyBytesSurviveTheTripThroughText(@ForAll byte[] bytes) {
        assertThat(asKeaStoresIt(KeaText.bytesToText(bytes))).isEqualTo(bytes);
    }

    @Property(tries = 1000)
    void keptRawBytesAreSentAsTheEscapeKeaStoresAsThatByte(@ForAll byte[] bytes) throws Exception {
        String text = KeaText.bytesToText(bytes);
        KeaJson json = new KeaJson();
        String sent = json.writeForKea(json.object().put("k", text));
        assertThat(sent.codePoints().filter(org.gatehouse.model.SafeText::isRawByte)).isEmpty();
        // Jackson escapes only controls below U+0020 itself; every backslash-u-00XX with XX >= 80 is a kept byte.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\\\u00([89a-f][0-9a-f])").matcher(sent);
        String marked = m.replaceAll(r -> String.valueOf((char) (org.gatehouse.model.SafeText.RAW_BYTE_BASE + Integer.parseInt(r.group(1), 16))));
        String got = new ObjectMapper().readTree(marked).path("k").asText();
        StringBuilder asKea = new StringBuilder(got);
        assertThat(asKeaStoresIt(asKea.toString())).isEqualTo(bytes);
    }

    @Example
    void bytesThatAreNotUtf8AreKeptAsBytes() {
        String cafe = KeaText.decode("caf\u00e9"); // a lone 0xE9 is no UTF-8: another tool stored Latin-1
        assertThat(cafe).isEqualTo("caf" + (char) (org.gatehouse.model.SafeText.RAW_BYTE_BASE + 0xE9));
        assertThat(org.gatehouse.model.SafeText.escapeForTerminal(cafe)).isEqualTo("caf\\xe9");
        assertThat(new KeaJson().writeForKea(new KeaJson().object().put("n", cafe))).isEqualTo("{\"n\":\"caf\\u00e9\"}");
        assertThat(KeaText.decode("M\u00c3\u00bcller")).isEqualTo("Müller");
        assertThat(KeaText.decode("東京")).isEqualTo("東京");
        String ascii = "plain";
        assertThat(KeaText.decode(ascii)).isSameAs(ascii);
    }
}
