package org.gatehouse.ui;

import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;

/**
 * What a screen offers after a failure, decided in this one place instead of each view-model
 * comparing exit codes: Kea or the switch unreachable → retry or queue; someone else changed it →
 * the conflict dialog; bad input → point at the field; anything else was refused, shown as it came.
 * The kinds follow the CLI contract (shared/design/cli.md): 3 unreachable, 4 conflict, 2 bad input, 1 refused.
 */
public enum FailureKind {
    UNREACHABLE, CONFLICT, BAD_INPUT, REFUSED;

    public static FailureKind of(Throwable e) {
        if (e instanceof BadInput) {
            return BAD_INPUT;
        }
        if (!(e instanceof GatehouseException ge)) {
            return REFUSED;
        }
        // ui reaches model's exception type only (not kea's or sw's); the contract's code names the kind
        return switch (ge.exitCode()) {
            case 3 -> UNREACHABLE;
            case 4 -> CONFLICT;
            case 2 -> BAD_INPUT;
            default -> REFUSED;
        };
    }
}
