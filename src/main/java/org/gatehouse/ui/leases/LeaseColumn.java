package org.gatehouse.ui.leases;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import org.gatehouse.model.Mac;
import org.gatehouse.model.SafeText;
import org.gatehouse.policy.LeaseService;

/** The lease table's columns: title, how a value reads (copy, export) and how it sorts. */
public enum LeaseColumn {
    IP("IP", 112, 108),
    MAC("MAC", 128, 124),
    VENDOR("Vendor", 120, 70),
    HOSTNAME("Hostname", 120, 70),
    TIER("Tier", 128, 124),
    SUBNET("Subnet", 68, 66),
    STATE("State", 66, 56),
    EXPIRES("Expires in", 88, 84),
    FIRST_SEEN("First seen", 84, 82),
    LAST_SEEN("Last seen", 80, 78),
    RESERVED("Reserved", 82, 80),
    /** Only with several servers: which hold the lease, flagged when they differ. */
    SERVERS("Servers", 150, 96);

    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("d MMM HH:mm", java.util.Locale.ENGLISH);

    private final String title;
    private final double width;
    private final double minWidth;

    LeaseColumn(String title, double width, double minWidth) {
        this.title = title;
        this.width = width;
        this.minWidth = minWidth;
    }

    /** Below this the column's usual values no longer fit. */
    public double minWidth() {
        return minWidth;
    }

    public String title() {
        return title;
    }

    public double width() {
        return width;
    }

    /** The cell's text; {@code now} (epoch s) for the countdown, {@code seen} for the cache's times. */
    public String text(RowData d, long now, Map<Mac, LeaseService.Seen> seen, ZoneId zone) {
        var l = d.lease().lease();
        return switch (this) {
            case IP -> l.ip().toString();
            case MAC -> l.mac() == null ? "" : l.mac().toString();
            case VENDOR -> d.lease().vendor() == null ? "" : d.lease().vendor();
            case HOSTNAME -> SafeText.escapeForTerminal(l.hostname()); // client-chosen: no bidi overrides or line breaks
            case TIER -> d.lease().tier().label();
            case SUBNET -> Long.toString(l.subnetId());
            case STATE -> l.state().label();
            case EXPIRES -> countdown(d.expiresEpoch() - now);
            case FIRST_SEEN -> time(seenOf(d, seen, true), now, zone);
            case LAST_SEEN -> time(seenOf(d, seen, false), now, zone);
            case RESERVED -> d.reserved() ? "yes" : "";
            // the flag first: it stays in sight when a narrow column cuts the text
            case SERVERS -> d.servers() == null ? "" : d.difference() == null ? d.servers() : "⚠ " + d.servers() + " differ";
        };
    }

    /** The columns a table shows: the Servers column only when the session has several servers. */
    public static java.util.List<LeaseColumn> shown(boolean severalServers) {
        return java.util.Arrays.stream(values()).filter(c -> severalServers || c != SERVERS).toList();
    }

    static Instant seenOf(RowData d, Map<Mac, LeaseService.Seen> seen, boolean first) {
        Mac mac = d.lease().lease().mac();
        LeaseService.Seen s = mac == null || seen == null ? null : seen.get(mac);
        return s == null ? null : first ? s.first() : s.last();
    }

    static String time(Instant t, long now, ZoneId zone) {
        if (t == null) {
            return "";
        }
        var local = t.atZone(zone);
        boolean today = local.toLocalDate().equals(Instant.ofEpochSecond(now).atZone(zone).toLocalDate());
        return (today ? TODAY : EARLIER).format(local);
    }

    public static String countdown(long seconds) {
        if (seconds <= 0) {
            return "expired";
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return (seconds / 60) + " min";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }

    /**
     * How the column sorts. The seen columns read {@code seen}, which later refreshes change:
     * callers sort a copy of those times (see {@link LeaseTableModel}), never the live map.
     */
    Comparator<RowData> comparator(Map<Mac, Instant> firstSeen, Map<Mac, Instant> lastSeen) {
        Comparator<String> text = Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER);
        return switch (this) {
            case IP -> Comparator.comparingLong(RowData::ipValue);
            case MAC -> Comparator.comparing(d -> d.lease().lease().mac(), Comparator.nullsFirst(Comparator.naturalOrder()));
            case VENDOR -> Comparator.comparing(d -> d.lease().vendor(), text);
            case HOSTNAME -> Comparator.comparing(d -> d.lease().lease().hostname(), text);
            case TIER -> Comparator.comparing(d -> d.lease().tier());
            case SUBNET -> Comparator.comparingLong(d -> d.lease().lease().subnetId());
            case STATE -> Comparator.comparing(d -> d.lease().lease().state());
            case EXPIRES -> Comparator.comparingLong(RowData::expiresEpoch);
            case FIRST_SEEN -> Comparator.comparing(d -> mapped(firstSeen, d), Comparator.nullsFirst(Comparator.naturalOrder()));
            case LAST_SEEN -> Comparator.comparing(d -> mapped(lastSeen, d), Comparator.nullsFirst(Comparator.naturalOrder()));
            case RESERVED -> Comparator.comparing(RowData::reserved);
            case SERVERS -> Comparator.comparing((RowData d) -> d.servers(), text).thenComparing(d -> d.difference() != null);
        };
    }

    private static Instant mapped(Map<Mac, Instant> m, RowData d) {
        Mac mac = d.lease().lease().mac();
        return mac == null ? null : m.get(mac);
    }

    /** The seen columns are the ones whose order depends on the cache's times. */
    boolean readsSeen() {
        return this == FIRST_SEEN || this == LAST_SEEN;
    }
}
