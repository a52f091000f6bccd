package org.gatehouse.model;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Kea host reservation by hardware address, as Gatehouse manages it: the client classes that
 * choose the device's pool, optionally a fixed address and a hostname, and who decided it, when
 * and why (kept in the reservation's {@code user-context} so that every workstation sees it).
 */
public record HostReservation(Mac mac, long subnetId, List<String> clientClasses, Ipv4 ip, String hostname, Stamp stamp) {

    /** The class of approved devices: the registered pool. */
    public static final String REGISTERED = "registered";
    /** The class the aging service gives to devices nobody decided on: the old-unregistered pool. */
    public static final String OLD_UNREGISTERED = "old-unregistered";
    /** The class of denied devices: no pool admits it, so Kea gives them no address. */
    public static final String DENIED = "denied";

    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** Who decided, when, and the note they gave; {@code at} may be null when Kea holds something unreadable. */
    public record Stamp(String by, Instant at, String note) {
        public Stamp {
            by = by == null ? "" : by;
            note = note == null ? "" : note;
        }
    }

    public HostReservation {
        if (mac == null) {
            throw new BadInput("MAC", "missing");
        }
        clientClasses = List.copyOf(clientClasses == null ? List.of() : clientClasses);
        hostname = hostname == null ? "" : hostname;
    }

    /** The class that decides the guest tier, if the reservation has one of the three; else its first class, or "". */
    public String decisionClass() {
        for (String c : List.of(DENIED, REGISTERED, OLD_UNREGISTERED)) {
            if (clientClasses.contains(c)) {
                return c;
            }
        }
        return clientClasses.isEmpty() ? "" : clientClasses.get(0);
    }

    /** Approved or denied: a decision a human made (old-unregistered is the aging service's, not a decision). */
    public boolean isDecision() {
        return clientClasses.contains(REGISTERED) || clientClasses.contains(DENIED);
    }

    public HostReservation withStamp(Stamp s) {
        return new HostReservation(mac, subnetId, clientClasses, ip, hostname, s);
    }

    /** Checks a hostname as Kea and DNS accept it: dot-separated labels of letters, digits and inner hyphens. */
    public static String validHostname(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String h = text.trim();
        if (h.length() > 253 || !h.chars().allMatch(c -> c < 128)) {
            throw new BadInput("hostname", "'" + Mac.printable(h) + "' is not a valid hostname");
        }
        for (String label : h.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(label).matches()) {
                throw new BadInput("hostname", "'" + Mac.printable(h)
                        + "' is not a valid hostname (letters, digits and inner hyphens, labels of 1-63 joined by dots)");
            }
        }
        return h;
    }

    /** Checks a client class name: a plain token, never something that could smuggle JSON or an expression. */
    public static String validClass(String text) {
        String c = text == null ? "" : text.trim();
        if (!CLASS_NAME.matcher(c).matches()) {
            throw new BadInput("class", "'" + Mac.printable(c) + "' is not a client class name");
        }
        return c;
    }

    /** A note is free text, but one line and bounded, as it is stored in Kea's configuration. */
    public static String validNote(String text) {
        if (text == null) {
            return "";
        }
        String n = text.strip();
        if (n.length() > 500) {
            throw new BadInput("note", "is longer than 500 characters");
        }
        if (n.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new BadInput("note", "must be one line without control characters");
        }
        return n;
    }
}
