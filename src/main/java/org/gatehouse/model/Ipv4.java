package org.gatehouse.model;

/** An IPv4 address, kept as an unsigned 32-bit number so that sorting is numeric. */
public record Ipv4(long value) implements Comparable<Ipv4> {

    public Ipv4 {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new BadInput("IP", "not a 32-bit value");
        }
    }

    public static Ipv4 parse(String text) {
        if (text == null) {
            throw new BadInput("IP", "missing");
        }
        String s = text.trim();
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw notAnAddress(s);
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || (p.length() > 1 && p.startsWith("0"))) {
                throw notAnAddress(s);
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw notAnAddress(s);
            }
            v = (v << 8) | octet;
        }
        return new Ipv4(v);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (BadInput e) {
            return false;
        }
    }

    private static BadInput notAnAddress(String s) {
        return new BadInput("IP", "'" + Mac.printable(s) + "' is not an IPv4 address");
    }

    public Ipv4 plus(long n) {
        return new Ipv4(value + n);
    }

    @Override
    public String toString() {
        return ((value >>> 24) & 0xFF) + "." + ((value >>> 16) & 0xFF) + "." + ((value >>> 8) & 0xFF) + "." + (value & 0xFF);
    }

    @Override
    public int compareTo(Ipv4 other) {
        return Long.compare(value, other.value);
    }
}
