package org.gatehouse.kea;

import org.gatehouse.model.Failure;

/**
 * Kea took a change into its running configuration but could not write it to its file. The
 * change was rolled back where Kea still answered; the message says which (exit 1, or 3 when
 * Kea stopped answering).
 */
public final class NotPersisted extends KeaException {
    private final int exit;

    public NotPersisted(String why, int exit, Throwable cause) {
        super(why, cause);
        this.exit = exit;
    }

    @Override
    public String what() {
        return "config-write";
    }

    @Override
    public Failure failure() {
        return Failure.ofExitCode(exit);
    }
}
