package org.gatehouse.ui.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Window;

/** The list of every keyboard shortcut ({@link Shortcuts#ALL}), grouped by screen; F1 or ? opens it, Esc or Enter closes it. */
final class ShortcutList extends Dialog<Void> {

    ShortcutList(Window owner) {
        if (owner != null) {
            initOwner(owner);
        }
        initModality(Modality.WINDOW_MODAL);
        setTitle("Keyboard shortcuts");
        setHeaderText("Keyboard shortcuts (Esc closes this list)");
        getDialogPane().setId("shortcut-list");
        GridPane grid = new GridPane();
        grid.setId("shortcut-grid");
        grid.setHgap(16);
        grid.setVgap(3);
        grid.setPadding(new Insets(4, 12, 4, 4));
        int row = 0;
        String where = null;
        for (Shortcuts.Shortcut s : Shortcuts.ALL) {
            if (!s.where().equals(where)) {
                where = s.where();
                Label section = new Label(where);
                section.getStyleClass().addAll(Styles.TEXT_BOLD, "shortcut-section");
                section.setPadding(new Insets(row == 0 ? 0 : 8, 0, 2, 0));
                grid.add(section, 0, row++, 2, 1);
            }
            Label keys = new Label(s.keys());
            keys.getStyleClass().add("shortcut-keys");
            keys.setMnemonicParsing(false);
            keys.setMinWidth(Region.USE_PREF_SIZE);
            Label does = new Label(s.does());
            does.getStyleClass().add(Styles.TEXT_MUTED);
            does.setMinWidth(Region.USE_PREF_SIZE);
            grid.add(keys, 0, row);
            grid.add(does, 1, row++);
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(560);
        // Wide enough for the longest line in the theme's font (the grid's own width is not known before CSS).
        scroll.setPrefViewportWidth(820);
        getDialogPane().setContent(scroll);
        getDialogPane().setMinWidth(860);
        setResizable(true);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    }
}
