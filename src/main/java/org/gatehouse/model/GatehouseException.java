package org.gatehouse.model;

/**
 * Base of every error the product reports to a user. Each kind carries the CLI exit code of
 * the contract (shared/design/cli.md) so that the GUI and the CLI speak of a failure the same way.
 */
public abstract class GatehouseException extends RuntimeException {
    protected GatehouseException(String message) {
        super(message);
    }

    protected GatehouseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What kind of failure this is; screens act on it, and the exit code follows from it. */
    public abstract Failure failure();

    /** The process exit code the CLI contract assigns to this kind of failure. */
    public final int exitCode() {
        return failure().exitCode();
    }

    /** What failed, as the first half of {@code gatehouse: error: <what>: <why>}. */
    public abstract String what();
}
