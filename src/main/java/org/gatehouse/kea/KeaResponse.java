package org.gatehouse.kea;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** One decoded answer: Kea's result code, its text and its arguments (MissingNode when absent). */
public record KeaResponse(int result, String text, JsonNode arguments) {

    public static final int SUCCESS = 0;
    public static final int ERROR = 1;
    public static final int UNSUPPORTED = 2;
    public static final int EMPTY = 3;
    public static final int CONFLICT = 4;

    public KeaResponse {
        text = text == null ? "" : text;
        arguments = arguments == null ? MissingNode.getInstance() : arguments;
    }

    public boolean isEmpty() {
        return result == EMPTY;
    }
}
