package org.gatehouse.ui.leases;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The list edits the lease table applies: from the rows shown to the rows a pass computed. */
final class RowEdits {
    private RowEdits() {
    }

    /** The edit between two subsequences of {@code order}, in one pass and without hashing. */
    static RowList.Edit along(List<LeaseTableModel.Entry> order, List<LeaseRow> base, List<LeaseRow> next) {
        boolean[] removed = new boolean[base.size()];
        boolean[] added = new boolean[next.size()];
        int i = 0;
        int j = 0;
        int removedCount = 0;
        int addedCount = 0;
        for (LeaseTableModel.Entry e : order) {
            boolean inBase = i < base.size() && base.get(i) == e.row();
            boolean inNext = j < next.size() && next.get(j) == e.row();
            if (inBase && !inNext) {
                removed[i] = true;
                removedCount++;
            } else if (inNext && !inBase) {
                added[j] = true;
                addedCount++;
            }
            i += inBase ? 1 : 0;
            j += inNext ? 1 : 0;
        }
        return new RowList.Edit(base, next, removed, added, removedCount, addedCount);
    }

    /**
     * The list edit from {@code base} to {@code next}: rows in both stay unless their relative
     * order changed (then they move: removed and re-added); the longest run that kept its order
     * stays put, so a re-sort of one row moves only that row.
     */
    static RowList.Edit between(List<LeaseRow> base, List<LeaseRow> next) {
        if (base.size() == next.size()) {
            boolean same = true;
            for (int i = 0; i < base.size() && same; i++) {
                same = base.get(i) == next.get(i);
            }
            if (same) {
                return new RowList.Edit(base, next, new boolean[base.size()], new boolean[next.size()], 0, 0);
            }
        }
        Map<LeaseRow, Integer> pos = new HashMap<>(base.size() * 2);
        for (int i = 0; i < base.size(); i++) {
            pos.put(base.get(i), i);
        }
        int[] oldIndex = new int[next.size()];
        boolean ordered = true;
        int last = -1;
        for (int j = 0; j < next.size(); j++) {
            Integer p = pos.get(next.get(j));
            oldIndex[j] = p == null ? -1 : p;
            if (p != null) {
                ordered &= p > last;
                last = p;
            }
        }
        boolean[] keep = ordered ? null : longestIncreasing(oldIndex);
        boolean[] removed = new boolean[base.size()];
        Arrays.fill(removed, true);
        boolean[] added = new boolean[next.size()];
        int kept = 0;
        for (int j = 0; j < next.size(); j++) {
            boolean k = oldIndex[j] >= 0 && (keep == null || keep[j]);
            if (k) {
                removed[oldIndex[j]] = false;
                kept++;
            } else {
                added[j] = true;
            }
        }
        return new RowList.Edit(base, next, removed, added, base.size() - kept, next.size() - kept);
    }

    /** Marks the entries (ignoring -1s) that form a longest strictly increasing subsequence. */
    private static boolean[] longestIncreasing(int[] a) {
        int[] tailIndex = new int[a.length];
        int[] prev = new int[a.length];
        int len = 0;
        for (int j = 0; j < a.length; j++) {
            if (a[j] < 0) {
                continue;
            }
            int lo = 0;
            int hi = len;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[tailIndex[mid]] < a[j]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            prev[j] = lo > 0 ? tailIndex[lo - 1] : -1;
            tailIndex[lo] = j;
            if (lo == len) {
                len++;
            }
        }
        boolean[] keep = new boolean[a.length];
        for (int j = len == 0 ? -1 : tailIndex[len - 1]; j >= 0; j = prev[j]) {
            keep[j] = true;
        }
        return keep;
    }
}
