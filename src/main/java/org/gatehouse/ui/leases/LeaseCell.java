package org.gatehouse.ui.leases;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.WeakInvalidationListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Skin;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A cell of the lease table: text from {@link LeaseColumn#text}. The cell's item is the row; a
 * cell redraws when the model's revision moves and its row's data is not the data it drew (a
 * refresh changed the lease in place). Countdown cells also redraw on every clock tick and seen
 * cells when the cache's times move; all listen weakly, so cells the table drops do not stay
 * reachable from the view-model. Tier colour and "reserved" are
 * pseudo-classes ({@code :tier-registered}, {@code :reserved}, {@code :differs}): switching those is far cheaper for
 * CSS than editing style classes on every scrolled row. The text is drawn by {@link LeaseCellSkin} (one Text node,
 * measured once); a Servers cell keeps one tooltip for its "differs" note and only changes its text.
 */
final class LeaseCell extends TableCell<LeaseRow, LeaseRow> {
    private static final Map<org.gatehouse.model.Tier, PseudoClass> TIERS = new EnumMap<>(org.gatehouse.model.Tier.class);
    private static final PseudoClass RESERVED = PseudoClass.getPseudoClass("reserved");
    private static final PseudoClass DIFFERS = PseudoClass.getPseudoClass("differs");

    static {
        for (org.gatehouse.model.Tier t : org.gatehouse.model.Tier.values()) {
            TIERS.put(t, PseudoClass.getPseudoClass("tier-" + t.label()));
        }
    }

    private PseudoClass tier;

    private final LeaseColumn column;
    private final LeasesViewModel vm;
    private final InvalidationListener redraw = this::redraw;
    private final InvalidationListener changed = this::changed;
    private RowData drawn;
    private Tooltip differsTip;

    LeaseCell(LeaseColumn column, LeasesViewModel vm, Consumer<LeaseColumn> clicked) {
        this.column = column;
        this.vm = vm;
        if (column == LeaseColumn.EXPIRES) {
            vm.nowProperty().addListener(new WeakInvalidationListener(redraw));
        } else if (column == LeaseColumn.FIRST_SEEN || column == LeaseColumn.LAST_SEEN) {
            vm.seenVersionProperty().addListener(new WeakInvalidationListener(redraw));
        }
        vm.model().revisionProperty().addListener(new WeakInvalidationListener(changed));
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> clicked.accept(column));
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new LeaseCellSkin(this);
    }

    private void redraw(Observable o) {
        LeaseRow r = getItem();
        if (r != null && !isEmpty()) {
            setText(column.text(r.data(), vm.nowProperty().get(), vm.seen(), vm.zone()));
        }
    }

    private void changed(Observable o) {
        LeaseRow r = getItem();
        if (r != null && !isEmpty() && r.data() != drawn) {
            updateItem(r, false);
        }
    }

    @Override
    protected void updateItem(LeaseRow r, boolean empty) {
        super.updateItem(r, empty);
        boolean blank = empty || r == null;
        RowData d = blank ? null : r.data();
        drawn = d;
        setText(blank ? null : column.text(d, vm.nowProperty().get(), vm.seen(), vm.zone()));
        if (column == LeaseColumn.TIER) {
            PseudoClass next = blank ? null : TIERS.get(d.lease().tier());
            if (next != tier) {
                if (tier != null) {
                    pseudoClassStateChanged(tier, false);
                }
                if (next != null) {
                    pseudoClassStateChanged(next, true);
                }
                tier = next;
            }
        } else if (column == LeaseColumn.RESERVED) {
            pseudoClassStateChanged(RESERVED, !blank && d.reserved());
        } else if (column == LeaseColumn.SERVERS) {
            boolean differs = !blank && d.difference() != null;
            pseudoClassStateChanged(DIFFERS, differs);
            if (differs) {
                if (differsTip == null) {
                    differsTip = new Tooltip();
                }
                differsTip.setText("Differs between the servers: " + d.difference());
            }
            setTooltip(differs ? differsTip : null);
        }
    }
}
