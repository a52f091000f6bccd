package org.gatehouse.kea;

import org.gatehouse.model.Failure;

/**
 * Another Gatehouse holds Kea's write lock for longer than we may wait, or ours lapsed before the
 * write: nothing was written (exit 4, like any other concurrent change).
 */
public final class KeaWriteBusy extends KeaException {
    public KeaWriteBusy(String why) {
        super(why);
    }

    @Override
    public String what() {
        return "busy";
    }

    @Override
    public Failure failure() {
        return Failure.CONFLICT;
    }
}
