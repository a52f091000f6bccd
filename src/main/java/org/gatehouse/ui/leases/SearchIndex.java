package org.gatehouse.ui.leases;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Lease;
import org.gatehouse.policy.LeaseFilter;

/**
 * The search's view of the rows, built once per refresh (or re-sort) on a background thread, in
 * display order: the searchable text of every row (address, lower-cased hostname and vendor) in
 * one string, the MACs as one string of 12 hex digits per row, and tier, state and subnet as
 * arrays. A keystroke is then a few {@code indexOf} scans over two strings instead of a walk over
 * 50,000 row objects, and finds exactly what {@link LeaseFilter.Compiled#matches} finds.
 */
final class SearchIndex {
    static final SearchIndex EMPTY = build(List.of(), new java.util.HashMap<>());
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int FIELDS = 3;

    private final String text;
    /** Where field {@code k} (row k / 3: address, hostname, vendor) starts in {@link #text}; one more at the end. */
    private final int[] fieldStart;
    private final String macs;
    private final byte[] tier;
    private final byte[] state;
    private final long[] subnet;

    private SearchIndex(String text, int[] fieldStart, String macs, byte[] tier, byte[] state, long[] subnet) {
        this.text = text;
        this.fieldStart = fieldStart;
        this.macs = macs;
        this.tier = tier;
        this.state = state;
        this.subnet = subnet;
    }

    /** Background: the index of {@code order}; {@code lowerCase} shares lower-cased vendor names between rows and refreshes. */
    static SearchIndex build(List<LeaseTableModel.Entry> order, Map<String, String> lowerCase) {
        int n = order.size();
        StringBuilder text = new StringBuilder(n * 40);
        StringBuilder macs = new StringBuilder(n * 12);
        int[] starts = new int[n * FIELDS + 1];
        byte[] tier = new byte[n];
        byte[] state = new byte[n];
        long[] subnet = new long[n];
        for (int i = 0; i < n; i++) {
            ClassifiedLease cl = order.get(i).data().lease();
            Lease l = cl.lease();
            starts[i * FIELDS] = text.length();
            long ip = l.ip().value();
            text.append((ip >>> 24) & 0xFF).append('.').append((ip >>> 16) & 0xFF).append('.')
                    .append((ip >>> 8) & 0xFF).append('.').append(ip & 0xFF).append('\n');
            starts[i * FIELDS + 1] = text.length();
            text.append(l.hostname().toLowerCase(Locale.ROOT)).append('\n');
            starts[i * FIELDS + 2] = text.length();
            if (cl.vendor() != null) {
                text.append(lowerCase.computeIfAbsent(cl.vendor(), v -> v.toLowerCase(Locale.ROOT)));
            }
            text.append('\n');
            if (l.mac() == null) {
                macs.append("------------");
            } else {
                long v = l.mac().value();
                for (int shift = 44; shift >= 0; shift -= 4) {
                    macs.append(HEX[(int) (v >>> shift) & 0xF]);
                }
            }
            tier[i] = (byte) cl.tier().ordinal();
            state[i] = (byte) l.state().ordinal();
            subnet[i] = l.subnetId();
        }
        starts[n * FIELDS] = text.length();
        return new SearchIndex(text.toString(), starts, macs.toString(), tier, state, subnet);
    }

    int size() {
        return tier.length;
    }

    /**
     * Background: which rows (positions in the indexed order) the filter lets through. Throws
     * {@link CancellationException} once {@code cancelled} turns true.
     */
    boolean[] matches(LeaseFilter filter, BooleanSupplier cancelled) {
        int n = size();
        LeaseFilter.Compiled c = filter.compile();
        boolean[] hit = new boolean[n];
        if (c.needle().isEmpty()) {
            java.util.Arrays.fill(hit, true);
        } else {
            findText(c.needle(), hit, cancelled);
            if (c.hexNeedle() != null) {
                findMac(c.hexNeedle(), c.alignAt(), hit, cancelled);
            }
        }
        LeaseFilter f = c.filter();
        if (f.tier() != null || f.state() != null || f.subnetId() != null) {
            int t = f.tier() == null ? -1 : f.tier().ordinal();
            int s = f.state() == null ? -1 : f.state().ordinal();
            for (int i = 0; i < n; i++) {
                hit[i] &= (t < 0 || tier[i] == t) && (s < 0 || state[i] == s) && (f.subnetId() == null || subnet[i] == f.subnetId());
            }
        }
        return hit;
    }

    /** Rows with the needle inside one of their fields (a hit across two fields does not count). */
    private void findText(String needle, boolean[] hit, BooleanSupplier cancelled) {
        int len = needle.length();
        int scans = 0;
        for (int at = text.indexOf(needle); at >= 0; ) {
            if ((++scans & 1023) == 0 && cancelled.getAsBoolean()) {
                throw new CancellationException("superseded");
            }
            int field = fieldOf(at);
            int row = field / FIELDS;
            if (at + len < fieldStart[field + 1]) {
                hit[row] = true;
                at = text.indexOf(needle, fieldStart[(row + 1) * FIELDS]);
            } else {
                at = text.indexOf(needle, at + 1);
            }
        }
    }

    /** Rows whose MAC holds the hex digits, starting at an octet boundary shifted by {@code alignAt} when that is ≥ 0. */
    private void findMac(String hex, int alignAt, boolean[] hit, BooleanSupplier cancelled) {
        int len = hex.length();
        int scans = 0;
        for (int at = macs.indexOf(hex); at >= 0; ) {
            if ((++scans & 1023) == 0 && cancelled.getAsBoolean()) {
                throw new CancellationException("superseded");
            }
            int row = at / 12;
            int offset = at % 12;
            if (offset + len <= 12 && (alignAt < 0 || (offset + alignAt) % 2 == 0)) {
                hit[row] = true;
                at = macs.indexOf(hex, (row + 1) * 12);
            } else {
                at = macs.indexOf(hex, at + 1);
            }
        }
    }

    /** The field holding text position {@code at}: the last one starting at or before it. */
    private int fieldOf(int at) {
        int lo = 0;
        int hi = fieldStart.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fieldStart[mid] <= at) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
