package org.gatehouse.kea;

import org.gatehouse.model.Failure;

/** Result 4 (Kea 2.4+), or a change by someone else detected before writing (exit 4). */
public final class KeaConflict extends KeaRefused {
    public KeaConflict(String command, String keaText) {
        super(command, 4, keaText);
    }

    @Override
    public Failure failure() {
        return Failure.CONFLICT;
    }
}
