package org.gatehouse.kea;

import org.gatehouse.model.GatehouseException;

/** Something went wrong talking to Kea; subclasses say what, and which exit code it maps to. */
public abstract class KeaException extends GatehouseException {
    protected KeaException(String message) {
        super(message);
    }

    protected KeaException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String what() {
        return "kea";
    }
}
