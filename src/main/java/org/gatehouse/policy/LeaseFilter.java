package org.gatehouse.policy;

import java.util.Locale;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Tier;

/**
 * The lease search: partial, case- and separator-insensitive over IP, MAC, hostname and vendor,
 * so that "aabb", "aa:bb", "AA-BB" and "aabb.cc" all find aa:bb:cc:…; plus exact tier, subnet
 * and state (each null for "any").
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
        String hex = needle.replaceAll("[:.\\-\\s]", "");
        return new Compiled(this, needle, !hex.isEmpty() && hex.matches("[0-9a-f]+") ? hex : null);
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

    /** A compiled filter: {@code needle} is the lower-cased text, {@code hexNeedle} its hex digits when it could be part of a MAC. */
    public record Compiled(LeaseFilter filter, String needle, String hexNeedle) {

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
                    || (hexNeedle != null && h.macHex() != null && h.macHex().contains(hexNeedle))
                    || h.hostname().contains(needle)
                    || (h.vendor() != null && h.vendor().contains(needle));
        }
    }
}
