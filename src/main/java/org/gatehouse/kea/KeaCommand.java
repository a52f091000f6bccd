package org.gatehouse.kea;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Kea control command as a value: its name, its arguments and how to read its answer.
 * The client handles transport and failure results; {@link #decode} sees result 0 or 3 only.
 *
 * @param <R> what the answer means to the rest of the program
 */
public interface KeaCommand<R> {

    String name();

    /** The "arguments" map, or null when the command takes none. */
    default ObjectNode arguments(KeaJson json) {
        return null;
    }

    /** Reads a success (0) or empty (3) answer. */
    R decode(KeaResponse response, KeaJson json);

    /** For commands where result 3 is a failure: "not found", phrased by Kea. */
    static KeaRefused notFound(String command, KeaResponse response) {
        return new KeaRefused(command, KeaResponse.EMPTY, response.text());
    }
}
