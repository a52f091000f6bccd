package org.gatehouse.model;

/**
 * What kind of failure an error is, declared by each error type where it is thrown. Screens act on
 * it (retry or queue, the conflict dialog, point at the field); the CLI's exit code follows from it
 * (the contract: 1 refused, 2 bad input, 3 unreachable, 4 conflict).
 */
public enum Failure {
    /** The server or switch refused or failed the operation. */
    REFUSED(1),
    /** Bad input or usage; nothing was sent anywhere. */
    BAD_INPUT(2),
    /** Unreachable or timed out: retrying, or queueing for later, may help. */
    UNREACHABLE(3),
    /** Someone else changed the same thing; nothing was overwritten. */
    CONFLICT(4);

    private final int exitCode;

    Failure(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** For errors built from another's exit code (a switch batch, an SSH connection): the kind that code stands for. */
    public static Failure ofExitCode(int code) {
        return switch (code) {
            case 2 -> BAD_INPUT;
            case 3 -> UNREACHABLE;
            case 4 -> CONFLICT;
            default -> REFUSED;
        };
    }
}
