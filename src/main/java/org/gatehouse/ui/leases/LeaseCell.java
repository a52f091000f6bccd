package org.gatehouse.ui.leases;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.TableCell;
import javafx.scene.input.MouseEvent;

/**
 * A cell of the lease table: text from {@link LeaseColumn#text}. Countdown cells also redraw on
 * every clock tick and seen cells when the cache's times move; both listen weakly, so cells the
 * table drops do not stay reachable from the view-model.
 */
final class LeaseCell extends TableCell<LeaseRow, RowData> {
    private static final List<String> TIER_CLASSES = List.of("tier-registered", "tier-newly-unregistered", "tier-old-unregistered", "tier-other");

    private final LeaseColumn column;
    private final LeasesViewModel vm;
    private final InvalidationListener redraw = this::redraw;

    LeaseCell(LeaseColumn column, LeasesViewModel vm, Consumer<LeaseColumn> clicked) {
        this.column = column;
        this.vm = vm;
        if (column == LeaseColumn.EXPIRES) {
            vm.nowProperty().addListener(new WeakInvalidationListener(redraw));
        } else if (column == LeaseColumn.FIRST_SEEN || column == LeaseColumn.LAST_SEEN) {
            vm.seenVersionProperty().addListener(new WeakInvalidationListener(redraw));
        }
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> clicked.accept(column));
    }

    private void redraw(Observable o) {
        RowData d = getItem();
        if (d != null && !isEmpty()) {
            setText(column.text(d, vm.nowProperty().get(), vm.seen(), vm.zone()));
        }
    }

    @Override
    protected void updateItem(RowData d, boolean empty) {
        super.updateItem(d, empty);
        getStyleClass().removeAll(TIER_CLASSES);
        getStyleClass().remove("reserved");
        if (empty || d == null) {
            setText(null);
            return;
        }
        setText(column.text(d, vm.nowProperty().get(), vm.seen(), vm.zone()));
        if (column == LeaseColumn.TIER) {
            getStyleClass().add("tier-" + d.lease().tier().label());
        } else if (column == LeaseColumn.RESERVED && d.reserved()) {
            getStyleClass().add("reserved");
        }
    }
}
