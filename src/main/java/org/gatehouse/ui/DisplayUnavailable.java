package org.gatehouse.ui;

import org.gatehouse.model.Failure;
import org.gatehouse.model.GatehouseException;

/** The console could not open a window (no display, or JavaFX's native libraries are missing). */
public final class DisplayUnavailable extends GatehouseException {
    public DisplayUnavailable(Throwable cause) {
        super(String.valueOf(cause.getMessage()) + " (is DISPLAY set and libgtk-3-0 installed? every command also works without a window)",
                cause);
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }

    @Override
    public String what() {
        return "console";
    }
}
