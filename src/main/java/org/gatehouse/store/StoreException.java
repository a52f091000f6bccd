package org.gatehouse.store;

import org.gatehouse.model.Failure;
import org.gatehouse.model.GatehouseException;

/** The local cache could not be opened, read or written (exit 1). */
public final class StoreException extends GatehouseException {
    public StoreException(String why, Throwable cause) {
        super(why, cause);
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }

    @Override
    public String what() {
        return "local cache";
    }
}
