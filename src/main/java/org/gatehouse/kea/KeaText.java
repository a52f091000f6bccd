package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.gatehouse.model.SafeText;

/**
 * Undoes Kea's byte-wise string escaping. Kea stores strings as the UTF-8 bytes it was sent, but
 * answers every byte ≥ 0x80 as its own <code>\\u00XX</code> escape: "Müller" comes back as
 * <code>"M\\u00c3\\u00bcller"</code>, which a JSON reader takes for the four characters "MÃ¼ller".
 * Object keys come back raw (UTF-8). Written back unchanged, each write doubles the damage (measured on Kea 2.2: a 27-character note
 * grew to 8.9 M characters in 43 writes). So every string of such an answer whose characters are
 * all below U+0100 is read as bytes and decoded as UTF-8; a string whose bytes are not valid UTF-8
 * is left as it came.
 *
 * <p>Kea's own config-write files use the same escapes; read them through {@link #decodeBytes} too.
 *
 * <p>An answer that carries raw non-ASCII (a Kea that writes UTF-8 itself) is left alone: there
 * a character above U+007F is a character, not a byte. Bytes that are not UTF-8 (another tool
 * stored Latin-1) are kept as one private-use character each and written back as the same byte.
 */
public final class KeaText {
    private KeaText() {
    }

    /** True when {@code bytes} are all ASCII and hold no {@code \\u0080}–{@code \\u00ff} escape: text as they are. */
    static boolean plainAscii(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b < 0) {
                return false;
            }
            if (b == '\\' && i + 4 < bytes.length && bytes[i + 1] == 'u' && bytes[i + 2] == '0' && bytes[i + 3] == '0'
                    && escapesHighByte(bytes[i + 4])) {
                return false;
            }
        }
        return true;
    }

    /** The first hex digit after {@code \\u00} of an escape of a byte 0x80–0xFF. */
    private static boolean escapesHighByte(int digit) {
        int c = Character.toLowerCase(digit);
        return c == '8' || c == '9' || (c >= 'a' && c <= 'f');
    }

    /**
     * True when the text has a value byte to decode: an escape of a byte 0x80–0xFF whose values
     * carry no raw non-ASCII. Most answers (a 50,000-lease list of ASCII hostnames) have none, and
     * then no tree walk is needed.
     */
    public static boolean needsDecoding(String text) {
        for (int at = text.indexOf("\\u00"); at >= 0; at = text.indexOf("\\u00", at + 4)) {
            if (at + 4 < text.length() && escapesHighByte(text.charAt(at + 4))) {
                return byteEscaped(text);
            }
        }
        return false;
    }

    /**
     * True when the reply's string values can only hold byte escapes: no raw character above
     * U+007F in any value. (Kea 2.2 writes object keys raw and values escaped, so keys do not count.)
     */
    public static boolean byteEscaped(String reply) {
        boolean inString = false;
        boolean escaped = false;
        boolean raw = false;
        for (int i = 0; i < reply.length(); i++) {
            char c = reply.charAt(i);
            if (!inString) {
                if (c == '"') {
                    inString = true;
                    raw = false;
                }
                continue;
            }
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                inString = false;
                if (raw && !isKey(reply, i + 1)) {
                    return false;
                }
            } else if (c > 0x7F) {
                raw = true;
            }
        }
        return true;
    }

    private static boolean isKey(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == ':';
            }
        }
        return false;
    }

    /** Decodes byte-escaped string values in place; returns the node to use. */
    public static JsonNode decodeBytes(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String s = node.textValue();
            String d = decode(s);
            return d == s ? node : TextNode.valueOf(d);
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                JsonNode fixed = decodeBytes(child);
                if (fixed != child) {
                    array.set(i, fixed);
                }
            }
            return node;
        }
        if (node instanceof ObjectNode object) {
            // Keys are left alone: Kea writes them as raw UTF-8, which the transport already decoded.
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode fixed = decodeBytes(e.getValue());
                if (fixed != e.getValue()) {
                    e.setValue(fixed);
                }
            }
        }
        return node;
    }

    /** The UTF-8 text behind a byte-escaped string; the same instance when there is nothing to decode. */
    public static String decode(String s) {
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            high |= c > 0x7F;
        }
        if (!high) {
            return s;
        }
        return bytesToText(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * UTF-8 bytes as text, losing nothing: a byte that is not part of a valid UTF-8 character
     * becomes the private-use character {@code SafeText.RAW_BYTE_BASE + byte}, which
     * {@link KeaJson#writeForKea} sends back as the escape that makes Kea store that byte again.
     * (Kea writes object keys as raw bytes, and another tool may have stored Latin-1.)
     */
    /** As {@link #bytesToText(byte[])} for the first {@code length} bytes (a reused buffer). */
    static String bytesToText(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return bytesToText(java.util.Arrays.copyOf(bytes, length));
            }
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    public static String bytesToText(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && bytes[i] >= 0) {
            i++;
        }
        if (i == bytes.length) {
            return new String(bytes, StandardCharsets.ISO_8859_1); // all ASCII: the common case
        }
        StringBuilder out = new StringBuilder(bytes.length).append(new String(bytes, 0, i, StandardCharsets.ISO_8859_1));
        while (i < bytes.length) {
            int b0 = bytes[i] & 0xFF;
            if (b0 < 0x80) {
                out.append((char) b0);
                i++;
                continue;
            }
            int n = b0 >= 0xF0 && b0 <= 0xF4 ? 4 : b0 >= 0xE0 ? (b0 <= 0xEF ? 3 : 0) : b0 >= 0xC2 ? 2 : 0;
            int cp = n == 0 ? -1 : sequence(bytes, i, n);
            if (cp < 0 || SafeText.isRawByte(cp)) {
                // Not UTF-8 here, or text that looks like our own marks: keep the byte(s) themselves.
                int keep = cp < 0 ? 1 : n;
                for (int k = 0; k < keep; k++) {
                    out.append((char) (SafeText.RAW_BYTE_BASE + (bytes[i + k] & 0xFF)));
                }
                i += keep;
            } else {
                out.appendCodePoint(cp);
                i += n;
            }
        }
        return out.toString();
    }

    /** The code point of the n-byte UTF-8 sequence at {@code at}; -1 if it is not a valid, shortest one. */
    private static int sequence(byte[] bytes, int at, int n) {
        if (at + n > bytes.length) {
            return -1;
        }
        int cp = bytes[at] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
        for (int k = 1; k < n; k++) {
            int b = bytes[at + k] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        boolean shortest = n == 2 || (n == 3 && cp >= 0x800) || (n == 4 && cp >= 0x10000);
        return shortest && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF) ? cp : -1;
    }
}
