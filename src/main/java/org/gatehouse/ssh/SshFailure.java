package org.gatehouse.ssh;

import org.gatehouse.model.Failure;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostKeyFacts;

/** An SSH connection that could not be made: unreachable (exit 3), or refused by policy or login (exit 1). */
public final class SshFailure extends GatehouseException implements HostKeyFacts.Carrier {
    private final String endpoint;
    private final int exitCode;
    private final HostKeyFacts hostKey;

    public SshFailure(String endpoint, String why, int exitCode, Throwable cause) {
        this(endpoint, why, exitCode, cause, null);
    }

    /** A refused host key: {@code hostKey} tells the console what to show before asking. */
    public SshFailure(String endpoint, String why, int exitCode, Throwable cause, HostKeyFacts hostKey) {
        super(why, cause);
        this.endpoint = endpoint;
        this.exitCode = exitCode;
        this.hostKey = hostKey;
    }

    @Override
    public HostKeyFacts hostKey() {
        return hostKey;
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
