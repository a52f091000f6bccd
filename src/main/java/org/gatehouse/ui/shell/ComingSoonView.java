package org.gatehouse.ui.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/** A screen not built yet: says what it will hold rather than showing an empty pane. */
final class ComingSoonView extends VBox {
    ComingSoonView(Screen screen) {
        super(12);
        setAlignment(Pos.CENTER);
        FontIcon icon = new FontIcon(screen.icon());
        icon.setIconSize(48);
        Label title = new Label(screen.title());
        title.getStyleClass().add(Styles.TITLE_2);
        Label what = new Label(screen.comingSoon());
        what.setWrapText(true);
        what.setMaxWidth(480);
        what.getStyleClass().add(Styles.TEXT_MUTED);
        Label when = new Label("This screen is not built yet.");
        when.getStyleClass().add(Styles.TEXT_SUBTLE);
        setId("screen-" + screen.name().toLowerCase());
        getChildren().addAll(icon, title, what, when);
    }
}
