package org.gatehouse.ui.leases;

import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;
import javafx.scene.control.skin.VirtualFlow;

/**
 * The lease table's skin: TableView's own, except that a change of the rows shown reuses the row
 * cells where they are. JavaFX answers a list change that removes every row (a search keystroke, which
 * swaps the whole list) by "rebuilding" its cells: each row is first emptied (index -1), then given its
 * index again, so every row and its twelve cells flip {@code :empty}/{@code :filled} and odd/even twice
 * and CSS works through all of them. Reconfiguring instead keeps each row at its index; only the cells
 * whose lease changed update their text. That is safe here because a row's item is its lease's
 * {@link LeaseRow}, compared by identity, and a lease changed in place redraws through the model's revision.
 */
final class LeaseTableSkin extends TableViewSkin<LeaseRow> {
    private final RowList rows;

    LeaseTableSkin(TableView<LeaseRow> table, RowList rows) {
        super(table);
        this.rows = rows;
    }

    @Override
    protected VirtualFlow<TableRow<LeaseRow>> createVirtualFlow() {
        return new VirtualFlow<>() {
            @Override
            protected void rebuildCells() {
                // null while the superclass constructor runs
                if (rows != null && rows.changedSinceLayout()) {
                    reconfigureCells();
                } else {
                    super.rebuildCells();
                }
            }
        };
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        super.layoutChildren(x, y, w, h);
        rows.laidOut();
    }
}
