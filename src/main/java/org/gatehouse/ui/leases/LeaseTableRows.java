package org.gatehouse.ui.leases;

import javafx.beans.InvalidationListener;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** How the lease table's rows behave while the leases change under them: selection, scroll position, flashing. */
final class LeaseTableRows {
    private LeaseTableRows() {
    }

    /**
     * The selection follows its lease, not its index: after every change of the rows, the lease
     * that was selected is selected again if it is still shown (and scrolled to after a
     * wholesale change such as a search), and nothing is selected once it is gone. JavaFX's
     * own selection model shifts indices, which goes wrong for many scattered changes at once.
     */
    static void keepSelection(TableView<LeaseRow> t, LeasesViewModel vm) {
        long[] selectedKey = {-1};
        t.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (!vm.model().applying()) {
                selectedKey[0] = b == null ? -1 : b.key();
            }
        });
        vm.visibleRows().addListener((javafx.collections.ListChangeListener<LeaseRow>) c -> {
            boolean wholesale = false;
            while (c.next()) {
                wholesale |= c.getFrom() == 0 && c.getAddedSize() == c.getList().size();
            }
            if (!wholesale) {
                keepTopRow(t);
            }
            LeaseRow now = t.getSelectionModel().getSelectedItem();
            if (selectedKey[0] < 0 || (now != null && now.key() == selectedKey[0])) {
                return;
            }
            for (int i = 0; i < t.getItems().size(); i++) {
                if (t.getItems().get(i).key() == selectedKey[0]) {
                    int index = i;
                    t.getSelectionModel().clearAndSelect(index);
                    if (wholesale) {
                        javafx.application.Platform.runLater(() -> t.scrollTo(Math.max(0, index - 3)));
                    }
                    return;
                }
            }
            t.getSelectionModel().clearSelection();
        });
    }

    /**
     * Rows that come or go above the viewport would shift what the user is reading; the row at
     * the top before the change (the cells still show it) stays at the top.
     */
    private static void keepTopRow(TableView<LeaseRow> t) {
        if (!(t.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)) {
            return;
        }
        javafx.scene.control.IndexedCell<?> first = flow.getFirstVisibleCell();
        if (first == null || first.getIndex() <= 0 || !(first.getItem() instanceof LeaseRow top)) {
            return;
        }
        int at = t.getItems().indexOf(top);
        if (at >= 0 && at != first.getIndex()) {
            flow.scrollToTop(at);
        }
    }

    /**
     * A row that shows the :changed pseudo-class while its lease is flashing (checked when the model's
     * revision moves). A new item does not ask for a layout of the row: TableView's row skin asks for one
     * whenever the item changes, and VirtualFlow then applies CSS to the whole row (the row and its
     * twelve cells with their text) before placing it — most of what a search keystroke cost. The cells
     * are the same size for any lease and draw their new text themselves ({@link LeaseCellSkin}); a
     * row is still laid out when its size, its columns or its cells' sizes change.
     */
    static final class FlashingRow extends TableRow<LeaseRow> {
        private final InvalidationListener listener = o -> showFlash();
        private boolean changingItem;

        FlashingRow(LeaseTableModel model) {
            model.revisionProperty().addListener(new WeakInvalidationListener(listener));
        }

        private void showFlash() {
            LeaseRow item = getItem();
            pseudoClassStateChanged(LeasesView.CHANGED, !isEmpty() && item != null && item.flashing());
        }

        @Override
        protected void updateItem(LeaseRow item, boolean empty) {
            boolean wasEmpty = isEmpty();
            // from or to an empty row the row skin changes which cells it shows: let it lay them out
            changingItem = wasEmpty == empty;
            try {
                super.updateItem(item, empty);
            } finally {
                changingItem = false;
            }
            showFlash();
        }

        @Override
        public void requestLayout() {
            if (!changingItem) {
                super.requestLayout();
            }
        }
    }
}
