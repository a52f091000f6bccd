package org.gatehouse.ui.leases;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ModifiableObservableListBase;

/**
 * The table's item list. {@link #apply} swaps in a new content computed elsewhere and tells the
 * listeners (the TableView, its selection model) exactly which rows left and which arrived, as
 * one change: rows that stayed are neither removed nor re-added, so selection, focus and scroll
 * position survive a refresh.
 */
final class RowList extends ModifiableObservableListBase<LeaseRow> {
    /**
     * Beyond this many scattered changes one "replace everything" is cheaper for the table than
     * thousands of small ones (a search that hides 45,000 rows); the view then restores the selection.
     */
    static final int WHOLESALE = 2000;

    private List<LeaseRow> rows = new ArrayList<>();
    private boolean applying;
    /** Set by {@link #apply}, cleared by the table's next layout ({@link LeaseTableSkin}). */
    private boolean changedSinceLayout;

    @Override
    public LeaseRow get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    protected void doAdd(int index, LeaseRow element) {
        rows.add(index, element);
    }

    @Override
    protected LeaseRow doSet(int index, LeaseRow element) {
        return rows.set(index, element);
    }

    @Override
    protected LeaseRow doRemove(int index) {
        return rows.remove(index);
    }

    /** A copy of the current content (safe to hand to a background thread). */
    List<LeaseRow> snapshot() {
        return List.copyOf(rows);
    }

    /**
     * Replaces the content with {@code edit.next()}, which must be {@code edit.base()} (the content
     * now) minus the rows flagged removed plus the rows flagged added, the kept rows in the same
     * order. O(rows) time, one change event with only the real differences.
     */
    void apply(Edit edit) {
        if (edit.isEmpty()) {
            return;
        }
        List<LeaseRow> old = rows;
        List<LeaseRow> next = edit.next();
        applying = true;
        changedSinceLayout = true;
        beginChange();
        try {
            rows = new ArrayList<>(next);
            if (edit.removedCount() + edit.addedCount() > WHOLESALE) {
                nextRemove(0, old);
                nextAdd(0, next.size());
                return;
            }
            int i = 0;
            int j = 0;
            int at = 0;
            while (i < old.size() || j < next.size()) {
                if (i < old.size() && edit.removed()[i]) {
                    nextRemove(at, old.get(i));
                    i++;
                } else if (j < next.size() && edit.added()[j]) {
                    nextAdd(at, at + 1);
                    at++;
                    j++;
                } else {
                    i++;
                    j++;
                    at++;
                }
            }
        } finally {
            endChange();
            applying = false;
        }
    }

    /**
     * True if {@link #apply} changed the rows since the table's last layout: the table's request to
     * rebuild its cells then comes from that change (see {@link LeaseTableSkin}).
     */
    boolean changedSinceLayout() {
        return changedSinceLayout;
    }

    void laidOut() {
        changedSinceLayout = false;
    }

    /** True while {@link #apply} notifies listeners (selection changes then are not the user's). */
    boolean applying() {
        return applying;
    }

    /**
     * From {@code base} to {@code next}: {@code removed[i]} for base rows that go (or move),
     * {@code added[j]} for next rows that arrive (or moved there).
     */
    record Edit(List<LeaseRow> base, List<LeaseRow> next, boolean[] removed, boolean[] added, int removedCount, int addedCount) {
        boolean isEmpty() {
            return removedCount == 0 && addedCount == 0;
        }
    }
}
