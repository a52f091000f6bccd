package org.gatehouse.policy;

import java.util.Locale;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Tier;

/**
 * The lease search: partial, case- and separator-insensitive over IP, MAC, hostname and vendor,
 * so that "aabb", "aa:bb", "AA-BB" and "aabb.cc" all find aa:bb:cc:…; plus exact tier and subnet.
 */
public record LeaseFilter(String text, Tier tier, Long subnetId) {

    public static final LeaseFilter ALL = new LeaseFilter(null, null, null);

    public boolean matches(ClassifiedLease cl) {
        if (tier != null && cl.tier() != tier) {
            return false;
        }
        if (subnetId != null && cl.lease().subnetId() != subnetId) {
            return false;
        }
        if (text == null || text.isBlank()) {
            return true;
        }
        String needle = text.trim().toLowerCase(Locale.ROOT);
        if (cl.lease().ip().toString().contains(needle)) {
            return true;
        }
        String hexNeedle = needle.replaceAll("[:.\\-\\s]", "");
        if (!hexNeedle.isEmpty() && hexNeedle.matches("[0-9a-f]+") && cl.lease().mac() != null
                && cl.lease().mac().hex().contains(hexNeedle)) {
            return true;
        }
        if (cl.lease().hostname().toLowerCase(Locale.ROOT).contains(needle)) {
            return true;
        }
        return cl.vendor() != null && cl.vendor().toLowerCase(Locale.ROOT).contains(needle);
    }
}
