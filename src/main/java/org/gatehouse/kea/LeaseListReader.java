package org.gatehouse.kea;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;

/**
 * Reads the lease list of a {@code lease4-get-page} or {@code lease4-get-all} answer as a stream
 * of tokens, without building a JSON tree, and hands back the lease object of the previous walk
 * when a lease did not change. A console refreshing 50,000 leases every few seconds then allocates
 * little more than the answer's text per refresh, and keeps one object per lease instead of one per
 * lease and refresh (the heap the JVM keeps committed follows that churn).
 *
 * <p>Only the plain shape is read here: result 0 (or 3, "empty"), leases as an array of objects
 * with string addresses and integer numbers; hostnames are un-escaped as the tree reader does
 * ({@link KeaText}). Anything else returns null and goes through the tree reader, which gives the
 * same leases or the same error as before.
 */
final class LeaseListReader {
    private final JsonFactory factory;
    /** The leases of the last complete walk, by address: what an unchanged lease is shared with. */
    private volatile Known known = Known.EMPTY;

    LeaseListReader(JsonFactory factory) {
        this.factory = factory;
    }

    /** Leases of one walk, sorted by address for a binary search. */
    private record Known(long[] ips, Lease[] leases) {
        static final Known EMPTY = new Known(new long[0], new Lease[0]);

        Lease get(long ip) {
            int at = Arrays.binarySearch(ips, ip);
            return at >= 0 ? leases[at] : null;
        }
    }

    /** The leases of {@code reply}, or null when it is not the plain shape (then read it as a tree). */
    List<Lease> read(String reply) {
        if (reply == null) {
            return null;
        }
        // Kea escapes every byte of non-ASCII text on its own (KeaText): then hostnames are decoded one by one.
        boolean decode = KeaText.needsDecoding(reply);
        try {
            return read(factory.createParser(reply), decode);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** As {@link #read(String)}, from an answer's bytes that {@link KeaText#plainAscii} found to be text as they are. */
    List<Lease> read(byte[] plainAscii) {
        try {
            return read(factory.createParser(plainAscii), false);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private List<Lease> read(JsonParser parser, boolean decode) {
        Known prev = known;
        try (JsonParser p = parser) {
            JsonToken t = p.nextToken();
            boolean wrapped = t == JsonToken.START_ARRAY;
            if (wrapped) {
                t = p.nextToken();
            }
            if (t != JsonToken.START_OBJECT) {
                return null;
            }
            List<Lease> leases = answer(p, prev, decode);
            if (leases == null) {
                return null;
            }
            if (wrapped) {
                // Over HTTP one answer per service; the first is ours, as in the tree reader.
                for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t == null) {
                        return null;
                    }
                    p.skipChildren();
                }
            }
            return p.nextToken() == null ? leases : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The top-level answer object, from just after its start; null unless it is a plain success. */
    private List<Lease> answer(JsonParser p, Known prev, boolean decode) throws IOException {
        int result = -1;
        List<Lease> leases = new ArrayList<>();
        boolean sawResult = false;
        boolean sawArguments = false;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("result".equals(name)) {
                if (sawResult || v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                    return null;
                }
                sawResult = true;
                result = p.getIntValue();
            } else if ("arguments".equals(name)) {
                if (sawArguments) {
                    return null;
                }
                sawArguments = true;
                if (v == JsonToken.START_OBJECT) {
                    leases = arguments(p, prev, decode);
                    if (leases == null) {
                        return null;
                    }
                } else if (v != JsonToken.VALUE_NULL) {
                    return null;
                }
            } else {
                p.skipChildren();
            }
        }
        if (result == KeaResponse.EMPTY) {
            return new ArrayList<>();
        }
        return result == KeaResponse.SUCCESS ? leases : null;
    }

    private List<Lease> arguments(JsonParser p, Known prev, boolean decode) throws IOException {
        List<Lease> out = new ArrayList<>();
        boolean sawLeases = false;
        LeaseFields f = new LeaseFields(decode);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (!"leases".equals(name)) {
                p.skipChildren();
                continue;
            }
            if (sawLeases) {
                return null;
            }
            sawLeases = true;
            if (v == JsonToken.VALUE_NULL) {
                continue;
            }
            if (v != JsonToken.START_ARRAY) {
                return null;
            }
            for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                if (e != JsonToken.START_OBJECT || !f.read(p)) {
                    return null;
                }
                out.add(f.lease(prev));
            }
        }
        return out;
    }

    /**
     * Remembers a complete walk's leases (the objects the next walk shares when unchanged). Kept
     * as it is when the walk returned the very objects already known: a quiet site allocates nothing.
     */
    void remember(List<Lease> walk) {
        Known prev = known;
        if (walk.size() == prev.leases().length) {
            boolean same = true;
            for (int i = 0; i < walk.size() && same; i++) {
                same = prev.leases()[i] == walk.get(i);
            }
            if (same) {
                return;
            }
        }
        Lease[] leases = walk.toArray(new Lease[0]);
        Arrays.sort(leases, (a, b) -> Long.compare(a.ip().value(), b.ip().value()));
        long[] ips = new long[leases.length];
        for (int i = 0; i < leases.length; i++) {
            ips[i] = leases[i].ip().value();
        }
        known = new Known(ips, leases);
    }

    /** One lease object's fields as read; the hostname's characters are kept until the address is known. */
    private static final class LeaseFields {
        private final boolean decode;
        private long ip;
        private long mac;
        private String otherMac;
        private char[] host = new char[64];
        private int hostLength;
        private long subnetId;
        private int state;
        private long cltt;
        private long validLifetime;

        LeaseFields(boolean decode) {
            this.decode = decode;
        }

        /** Reads one lease object from just after its start; false when a field is not in the plain form. */
        boolean read(JsonParser p) throws IOException {
            ip = -1;
            mac = -1;
            otherMac = null;
            hostLength = 0;
            subnetId = 0;
            state = 0;
            cltt = 0;
            validLifetime = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                boolean ok = switch (name) {
                    case "ip-address" -> v == JsonToken.VALUE_STRING && (ip = ipv4(p.getTextCharacters(), p.getTextOffset(), p.getTextLength())) >= 0;
                    case "hw-address" -> hwAddress(p, v);
                    case "hostname" -> hostname(p, v);
                    case "subnet-id" -> (subnetId = longValue(p, v)) != Long.MIN_VALUE;
                    case "state" -> state(p, v);
                    case "cltt" -> (cltt = longValue(p, v)) != Long.MIN_VALUE;
                    case "valid-lft" -> (validLifetime = longValue(p, v)) != Long.MIN_VALUE;
                    default -> {
                        p.skipChildren();
                        yield true;
                    }
                };
                if (!ok) {
                    return false;
                }
            }
            return ip >= 0;
        }

        private boolean state(JsonParser p, JsonToken v) throws IOException {
            if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
                return false;
            }
            state = p.getIntValue();
            return true;
        }

        private static long longValue(JsonParser p, JsonToken v) throws IOException {
            if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return Long.MIN_VALUE;
            }
            return p.getLongValue();
        }

        private boolean hwAddress(JsonParser p, JsonToken v) throws IOException {
            mac = -1;
            otherMac = null;
            if (v != JsonToken.VALUE_STRING) {
                return false;
            }
            mac = colonMac(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (mac < 0) {
                // Another spelling, or no MAC at all (then the lease has none), as the tree reader decides.
                otherMac = p.getText();
            }
            return true;
        }

        private boolean hostname(JsonParser p, JsonToken v) throws IOException {
            if (v != JsonToken.VALUE_STRING) {
                return false;
            }
            int len = p.getTextLength();
            if (host.length < len) {
                host = new char[Math.max(len, host.length * 2)];
            }
            System.arraycopy(p.getTextCharacters(), p.getTextOffset(), host, 0, len);
            hostLength = len;
            return true;
        }

        /** The lease read, or the previous walk's object for the address when nothing changed (parts shared where they did not). */
        Lease lease(Known prev) {
            Lease old = prev.get(ip);
            Mac m = otherMac != null ? KeaJson.mac(otherMac) : mac < 0 ? null
                    : old != null && old.mac() != null && old.mac().value() == mac ? old.mac() : new Mac(mac);
            String h;
            if (decode) {
                h = KeaText.decode(new String(host, 0, hostLength));
                h = old != null && old.hostname().equals(h) ? old.hostname() : h;
            } else {
                h = old != null && sameText(old.hostname()) ? old.hostname() : new String(host, 0, hostLength);
            }
            LeaseState s = LeaseState.ofCode(state);
            if (old != null && java.util.Objects.equals(old.mac(), m) && old.hostname() == h && old.subnetId() == subnetId
                    && old.state() == s && old.cltt() == cltt && old.validLifetime() == validLifetime) {
                return old;
            }
            return new Lease(old != null ? old.ip() : new Ipv4(ip), m, h, subnetId, s, cltt, validLifetime);
        }

        private boolean sameText(String s) {
            if (s.length() != hostLength) {
                return false;
            }
            for (int i = 0; i < hostLength; i++) {
                if (s.charAt(i) != host[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A dotted quad as Kea writes it, or -1 (then the tree reader and its general parser decide). */
    static long ipv4(char[] c, int off, int len) {
        long value = 0;
        int octet = 0;
        int digits = 0;
        int dots = 0;
        for (int i = off; i < off + len; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9' && digits < 3 && !(digits == 1 && octet == 0)) {
                octet = octet * 10 + (ch - '0');
                digits++;
            } else if (ch == '.' && digits > 0 && dots < 3 && octet <= 255) {
                value = (value << 8) | octet;
                octet = 0;
                digits = 0;
                dots++;
            } else {
                return -1;
            }
        }
        return dots == 3 && digits > 0 && octet <= 255 ? (value << 8) | octet : -1;
    }

    /** Kea's "aa:bb:cc:dd:ee:ff" as a number, or -1 for any other text. */
    static long colonMac(char[] c, int off, int len) {
        if (len != 17) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < 17; i++) {
            char ch = c[off + i];
            if (i % 3 == 2) {
                if (ch != ':') {
                    return -1;
                }
                continue;
            }
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
            if (d < 0) {
                return -1;
            }
            value = (value << 4) | d;
        }
        return value;
    }
}
