package org.gatehouse.ui;

import org.gatehouse.model.Failure;
import org.gatehouse.model.GatehouseException;

/**
 * What a screen offers after a failure: Kea or the switch unreachable → retry or queue; someone
 * else changed it → the conflict dialog; bad input → point at the field; anything else was
 * refused, shown as it came. Each error type declares its {@link Failure} where it is thrown;
 * an exception that is not one of ours (a bug, an I/O error) counts as refused.
 */
public enum FailureKind {
    UNREACHABLE, CONFLICT, BAD_INPUT, REFUSED;

    public static FailureKind of(Throwable e) {
        if (!(e instanceof GatehouseException ge)) {
            return REFUSED;
        }
        return switch (ge.failure()) {
            case UNREACHABLE -> UNREACHABLE;
            case CONFLICT -> CONFLICT;
            case BAD_INPUT -> BAD_INPUT;
            case REFUSED -> REFUSED;
        };
    }
}
