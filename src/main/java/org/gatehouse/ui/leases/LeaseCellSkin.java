package org.gatehouse.ui.leases;

import javafx.geometry.Bounds;
import javafx.scene.control.TableCell;
import javafx.scene.control.skin.TableCellSkin;
import javafx.scene.text.Font;
import javafx.scene.text.FontSmoothingType;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;

/**
 * TableView's cell skin (its mouse selection, clip and column-width tracking stay), with the text
 * drawn by one {@link Text} node measured once per change. Labeled's own text handling measures the
 * text again for its ellipsis on every layout of a cell whose text changed and lays the cell (and so
 * its row) out again: for a search keystroke that is 300 cells. Here a new text is drawn at once,
 * and only text wider than the column is cut to fit with the cell's ellipsis, where Labeled cuts it.
 * Colour and font follow the cell's (its CSS: tier colours, selection); the look is the theme's
 * {@code .text} (grey anti-aliasing, logical vertical-centre bounds).
 */
final class LeaseCellSkin extends TableCellSkin<LeaseRow, LeaseRow> {
    /** Measures the cut-down candidates of a text that does not fit; FX thread only. */
    private static final Text MEASURE = new Text();

    private final Text text = new Text();
    private String shownFor;
    private double shownWidth = -1;

    LeaseCellSkin(LeaseCell cell) {
        super(cell);
        // Labeled's text handling off (LabeledSkinBase's listeners and its text node); this skin draws the text.
        unregisterChangeListeners(cell.textProperty());
        unregisterChangeListeners(cell.fontProperty());
        unregisterChangeListeners(cell.ellipsisStringProperty());
        unregisterChangeListeners(cell.widthProperty());
        unregisterChangeListeners(cell.heightProperty());
        text.setManaged(false);
        text.setFontSmoothingType(FontSmoothingType.GRAY);
        text.setBoundsType(TextBoundsType.LOGICAL_VERTICAL_CENTER);
        text.fillProperty().bind(cell.textFillProperty());
        text.fontProperty().bind(cell.fontProperty());
        getChildren().setAll(text);
        // A new text or font is drawn at once, without a layout of the cell (and so of its row): the
        // cell's size has not changed. Only a cell that was never laid out waits for its layout.
        registerInvalidationListener(cell.textProperty(), o -> refit());
        registerInvalidationListener(cell.fontProperty(), o -> {
            shownFor = null;
            refit();
        });
    }

    private void refit() {
        TableCell<LeaseRow, LeaseRow> c = getSkinnable();
        if (shownWidth < 0) {
            c.requestLayout();
            return;
        }
        double top = c.snappedTopInset();
        double left = c.snappedLeftInset();
        show(left, top, c.getWidth() - left - c.snappedRightInset(), c.getHeight() - top - c.snappedBottomInset());
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        show(x, y, w, h);
    }

    private void show(double x, double y, double w, double h) {
        String full = getSkinnable().getText();
        if (full == null) {
            full = "";
        }
        if (!full.equals(shownFor) || w != shownWidth) {
            shownFor = full;
            shownWidth = w;
            text.setText(full);
            if (text.getLayoutBounds().getWidth() > w) {
                text.setText(fitted(full, text.getFont(), w, getSkinnable().getEllipsisString()));
            }
        }
        Bounds b = text.getLayoutBounds();
        // unchanged positions are not set again: moving an unmanaged child asks the row for a layout
        double tx = snapPositionX(x) - b.getMinX();
        double ty = snapPositionY(y + (h - b.getHeight()) / 2) - b.getMinY();
        if (text.getLayoutX() != tx) {
            text.setLayoutX(tx);
        }
        if (text.getLayoutY() != ty) {
            text.setLayoutY(ty);
        }
    }

    /** The longest start of {@code full} that fits in {@code width} with the ellipsis after it ("" if not even that fits). */
    static String fitted(String full, Font font, double width, String ellipsis) {
        MEASURE.setFont(font);
        // the start and the ellipsis measured apart, with Labeled's 2 px to spare: the same cut as before
        double room = width - widthOf(ellipsis) - 2;
        if (room < 0) {
            return "";
        }
        int lo = 0;
        int hi = full.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (widthOf(full.substring(0, mid)) <= room) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // never split a surrogate pair
        if (lo > 0 && Character.isHighSurrogate(full.charAt(lo - 1))) {
            lo--;
        }
        return full.substring(0, lo) + ellipsis;
    }

    private static double widthOf(String s) {
        MEASURE.setText(s);
        return MEASURE.getLayoutBounds().getWidth();
    }

    /**
     * The column's width, as TableView's cell skin answers, except when the column header sizes the
     * column to fit its content ("deferToParentPrefWidth"): then the text's width.
     */
    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        TableCell<LeaseRow, LeaseRow> c = getSkinnable();
        if (c.getTableColumn() != null && !c.getProperties().containsKey("deferToParentPrefWidth")) {
            return snapSizeX(c.getTableColumn().getWidth());
        }
        MEASURE.setFont(text.getFont());
        String full = getSkinnable().getText();
        return left + (full == null || full.isEmpty() ? 0 : widthOf(full)) + right;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return top + text.getLayoutBounds().getHeight() + bottom;
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return left + right;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return computePrefHeight(width, top, right, bottom, left);
    }
}
