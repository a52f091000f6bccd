package org.gatehouse.model;

/** An inclusive address range: a Kea pool ({@code a-b} or {@code a/len}) or a subnet. */
public record Ipv4Range(Ipv4 first, Ipv4 last) {

    public Ipv4Range {
        if (first.compareTo(last) > 0) {
            throw new BadInput("range", first + " is after " + last);
        }
    }

    /** Parses both forms Kea's config-get prints: {@code 192.168.40.5-192.168.40.127} and {@code 192.168.40.128/26}. */
    public static Ipv4Range parse(String text) {
        String s = text.replace(" ", "");
        int dash = s.indexOf('-');
        if (dash > 0) {
            return new Ipv4Range(Ipv4.parse(s.substring(0, dash)), Ipv4.parse(s.substring(dash + 1)));
        }
        int slash = s.indexOf('/');
        if (slash > 0) {
            Ipv4 base = Ipv4.parse(s.substring(0, slash));
            int len;
            try {
                len = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new BadInput("prefix", "'" + Mac.printable(text) + "' has no prefix length");
            }
            if (len < 0 || len > 32) {
                throw new BadInput("prefix", "prefix length " + len + " is not 0-32");
            }
            long size = 1L << (32 - len);
            long start = base.value() & ~(size - 1) & 0xFFFF_FFFFL;
            return new Ipv4Range(new Ipv4(start), new Ipv4(start + size - 1));
        }
        Ipv4 single = Ipv4.parse(s);
        return new Ipv4Range(single, single);
    }

    public boolean contains(Ipv4 ip) {
        return ip.compareTo(first) >= 0 && ip.compareTo(last) <= 0;
    }

    public long size() {
        return last.value() - first.value() + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
