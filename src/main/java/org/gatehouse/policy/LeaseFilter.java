package org.gatehouse.policy;

import java.util.Locale;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Tier;

/**
 * The lease search: partial and case-insensitive over IP, MAC, hostname and vendor, so that
 * "aabb", "aa:bb", "AA-BB" and "aabb.cc" all find aa:bb:cc:…; with separators a MAC search is
 * octet-aligned ("0a:1b" never finds …1 0:a1:b…), without them any run of hex digits matches;
 * plus exact tier, subnet and state (each null for "any").
 */
public record LeaseFilter(String text, Tier tier, Long subnetId, LeaseState state) {

    public static final LeaseFilter ALL = new LeaseFilter(null, null, null, null);

    public LeaseFilter(String text, Tier tier, Long subnetId) {
        this(text, tier, subnetId, null);
    }

    public boolean matches(ClassifiedLease cl) {
        return compile().matches(cl, Haystack.of(cl));
    }

    /** True when the filter lets every lease through. */
    public boolean isAll() {
        return (text == null || text.isBlank()) && tier == null && subnetId == null && state == null;
    }

    /** The filter prepared once for a pass over many leases. */
    public Compiled compile() {
        String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String[] parts = needle.split("[:.\\-\\s]+", -1);
        if (parts.length == 1) {
            // No separators: any run of hex digits, wherever it falls.
            return new Compiled(this, needle, !needle.isEmpty() && needle.matches("[0-9a-f]+") ? needle : null, -1);
        }
        // With separators the admin means octets: a group between two separators is a whole octet
        // (one digit is an octet without its leading zero, as macOS prints them), the first group
        // ends an octet and the last one starts one. "0a:1b" finds ..:0a:1b:.. but not ..:10:a1:b6:..
        boolean leading = parts[0].isEmpty();
        boolean trailing = parts[parts.length - 1].isEmpty();
        java.util.List<String> groups = new java.util.ArrayList<>();
        for (String p : parts) {
            if (!p.isEmpty()) {
                groups.add(p);
            }
        }
        StringBuilder hex = new StringBuilder();
        int firstEnds = -1;
        for (int i = 0; i < groups.size(); i++) {
            String g = groups.get(i);
            boolean whole = (i > 0 || leading) && (i < groups.size() - 1 || trailing);
            hex.append(whole && g.length() % 2 == 1 ? "0" + g : g);
            if (i == 0) {
                firstEnds = hex.length();
            }
        }
        String h = hex.toString();
        int alignAt = leading ? 0 : groups.size() > 1 ? firstEnds : trailing ? h.length() : -1;
        return new Compiled(this, needle, !h.isEmpty() && h.matches("[0-9a-f]+") ? h : null, alignAt);
    }

    /**
     * The lower-cased text of one lease that the search looks in; built once per lease (when it
     * arrives), not once per keystroke, so that a search over 50,000 leases allocates nothing.
     */
    public record Haystack(String ip, String macHex, String hostname, String vendor) {
        public static Haystack of(ClassifiedLease cl) {
            return of(cl, null);
        }

        /** As {@link #of(ClassifiedLease)}; {@code lowerCase} (may be null) shares the lower-cased vendor names between leases. */
        public static Haystack of(ClassifiedLease cl, java.util.Map<String, String> lowerCase) {
            var l = cl.lease();
            String hex = l.mac() == null ? null : Long.toHexString(l.mac().value());
            if (hex != null && hex.length() < 12) {
                hex = "0".repeat(12 - hex.length()) + hex;
            }
            return new Haystack(l.ip().toString(), hex, l.hostname().toLowerCase(Locale.ROOT),
                    cl.vendor() == null ? null : lowerCase == null ? cl.vendor().toLowerCase(Locale.ROOT)
                            : lowerCase.computeIfAbsent(cl.vendor(), v -> v.toLowerCase(Locale.ROOT)));
        }
    }

    /**
     * A compiled filter: {@code needle} is the lower-cased text, {@code hexNeedle} its hex digits
     * when it could be part of a MAC, and {@code alignAt} the offset in {@code hexNeedle} that must
     * fall on an octet boundary of the MAC (-1: anywhere).
     */
    public record Compiled(LeaseFilter filter, String needle, String hexNeedle, int alignAt) {

        private boolean macMatches(String macHex) {
            for (int at = macHex.indexOf(hexNeedle); at >= 0; at = macHex.indexOf(hexNeedle, at + 1)) {
                if (alignAt < 0 || (at + alignAt) % 2 == 0) {
                    return true;
                }
            }
            return false;
        }

        public boolean matches(ClassifiedLease cl, Haystack h) {
            if (filter.tier != null && cl.tier() != filter.tier) {
                return false;
            }
            if (filter.subnetId != null && cl.lease().subnetId() != filter.subnetId) {
                return false;
            }
            if (filter.state != null && cl.lease().state() != filter.state) {
                return false;
            }
            if (needle.isEmpty()) {
                return true;
            }
            return h.ip().contains(needle)
                    || (hexNeedle != null && h.macHex() != null && macMatches(h.macHex()))
                    || h.hostname().contains(needle)
                    || (h.vendor() != null && h.vendor().contains(needle));
        }
    }
}
