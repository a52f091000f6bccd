package org.gatehouse.kea;

import org.gatehouse.model.Failure;

/** The control channel could not be reached, or did not answer in time (exit 3). */
public final class KeaUnreachable extends KeaException {
    private final String endpoint;

    public KeaUnreachable(String endpoint, String why, Throwable cause) {
        super(why, cause);
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public String what() {
        return endpoint;
    }

    @Override
    public Failure failure() {
        return Failure.UNREACHABLE;
    }
}
