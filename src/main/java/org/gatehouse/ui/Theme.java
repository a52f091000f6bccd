package org.gatehouse.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** AtlantaFX's Primer themes, switched for the whole application. */
public enum Theme {
    LIGHT, DARK;

    public void apply() {
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }
}
