package org.gatehouse.ssh;

import org.gatehouse.model.Failure;
import org.gatehouse.model.GatehouseException;

/** An SSH connection that could not be made: unreachable (exit 3), or refused by policy or login (exit 1). */
public final class SshFailure extends GatehouseException {
    private final String endpoint;
    private final int exitCode;

    public SshFailure(String endpoint, String why, int exitCode, Throwable cause) {
        super(why, cause);
        this.endpoint = endpoint;
        this.exitCode = exitCode;
    }

    @Override
    public Failure failure() {
        return Failure.ofExitCode(exitCode);
    }

    @Override
    public String what() {
        return endpoint;
    }
}
