package org.gatehouse.store;

import org.gatehouse.model.GatehouseException;

/** The profile file does not parse or holds a value that makes no sense; it is left untouched (exit 2). */
public final class ProfileFileBroken extends GatehouseException {
    public ProfileFileBroken(String why) {
        super(why);
    }

    @Override
    public int exitCode() {
        return 2;
    }

    @Override
    public String what() {
        return "profile file";
    }
}
