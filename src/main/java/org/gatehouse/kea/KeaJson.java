package org.gatehouse.kea;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.SafeText;

/** Jackson set up for Kea's JSON, and the readers of the objects Kea sends back. */
public final class KeaJson {
    private final ObjectMapper mapper;

    private final ObjectMapper toKea;

    public KeaJson() {
        this.mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        this.toKea = mapper.copy();
        toKea.getFactory().setCharacterEscapes(new RawBytesAsEscapes());
    }

    /**
     * A request as Kea must receive it: text as UTF-8, and each kept raw byte (see
     * {@link KeaText#bytesToText}) as the backslash-u-00XX escape Kea stores as that single byte.
     * Only requests to Kea use this: elsewhere (snapshots, output) the kept bytes stay as they are.
     */
    public String writeForKea(JsonNode node) {
        try {
            return toKea.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static final class RawBytesAsEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return SafeText.isRawByte(ch) ? new SerializedString(String.format("\\u%04x", ch - SafeText.RAW_BYTE_BASE)) : null;
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public ArrayNode array() {
        return mapper.createArrayNode();
    }

    public String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    public JsonNode read(String text) throws JsonProcessingException {
        return mapper.readTree(text);
    }

    /** Reads one lease object of lease4-get*, tolerating fields newer Kea versions add. */
    public Lease lease(JsonNode n) {
        String ip = n.path("ip-address").asText();
        String hw = n.path("hw-address").asText("");
        return new Lease(ipv4(ip), mac(hw), n.path("hostname").asText(""), n.path("subnet-id").asLong(),
                LeaseState.ofCode(n.path("state").asInt(0)), n.path("cltt").asLong(), n.path("valid-lft").asLong());
    }

    /**
     * Kea always writes dotted quads; this reads them without the general parser's regular
     * expressions (a 50,000-lease refresh parses 50,000 of them), and falls back to it otherwise.
     */
    static Ipv4 ipv4(String s) {
        long value = 0;
        int octet = 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' && digits < 3 && !(digits == 1 && octet == 0)) {
                octet = octet * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && dots < 3 && octet <= 255) {
                value = (value << 8) | octet;
                octet = 0;
                digits = 0;
                dots++;
            } else {
                return Ipv4.parse(s);
            }
        }
        if (dots != 3 || digits == 0 || octet > 255) {
            return Ipv4.parse(s);
        }
        return new Ipv4((value << 8) | octet);
    }

    /** Kea's "aa:bb:cc:dd:ee:ff", read directly; anything else through {@link Mac}; not a MAC: null. */
    static Mac mac(String s) {
        if (s.length() == 17) {
            long value = 0;
            for (int i = 0; i < 17; i++) {
                char c = s.charAt(i);
                if (i % 3 == 2) {
                    if (c != ':') {
                        return Mac.isValid(s) ? Mac.parse(s) : null;
                    }
                    continue;
                }
                int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) {
                    return Mac.isValid(s) ? Mac.parse(s) : null;
                }
                value = (value << 4) | d;
            }
            return new Mac(value);
        }
        return Mac.isValid(s) ? Mac.parse(s) : null;
    }
}
