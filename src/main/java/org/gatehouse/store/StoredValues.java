package org.gatehouse.store;

import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;

/**
 * Reads back the MACs, addresses and tiers the cache itself wrote, in their canonical spelling,
 * without the validating parsers' regular expressions: {@code devices()} and the offline lease
 * list read 50,000 of each. Anything not in canonical form goes to the model's parser.
 */
final class StoredValues {
    private static final Tier[] TIERS = Tier.values();

    private StoredValues() {
    }

    /** {@code aa:bb:cc:dd:ee:ff} in lower case, as {@link Mac#toString()} writes it. */
    static Mac mac(String s) {
        if (s == null || s.length() != 17) {
            return Mac.parse(s);
        }
        long v = 0;
        for (int i = 0; i < 17; i++) {
            char ch = s.charAt(i);
            if (i % 3 == 2) {
                if (ch != ':') {
                    return Mac.parse(s);
                }
                continue;
            }
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
            if (d < 0) {
                return Mac.parse(s);
            }
            v = (v << 4) | d;
        }
        return new Mac(v);
    }

    /** Dotted quad as {@link Ipv4#toString()} writes it. */
    static Ipv4 ip(String s) {
        if (s == null || s.isEmpty() || s.length() > 15) {
            return Ipv4.parse(s);
        }
        long v = 0;
        int octet = 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i <= s.length(); i++) {
            char ch = i == s.length() ? '.' : s.charAt(i);
            if (ch == '.') {
                if (digits == 0 || octet > 255 || ++dots > 4) {
                    return Ipv4.parse(s);
                }
                v = (v << 8) | octet;
                octet = 0;
                digits = 0;
            } else if (ch >= '0' && ch <= '9' && digits < 3 && !(digits == 1 && octet == 0)) {
                octet = octet * 10 + (ch - '0');
                digits++;
            } else {
                return Ipv4.parse(s);
            }
        }
        return dots == 4 ? new Ipv4(v) : Ipv4.parse(s);
    }

    static Tier tier(String s) {
        for (Tier t : TIERS) {
            if (t.label().equals(s)) {
                return t;
            }
        }
        return Tier.parse(s);
    }
}
