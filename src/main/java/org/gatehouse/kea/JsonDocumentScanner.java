package org.gatehouse.kea;

/**
 * Tells when a stream of bytes holds one complete JSON document. Kea may send its answer in
 * several chunks and, over SSH, the channel need not close right after it, so readers stop at
 * the end of the document rather than waiting for EOF.
 */
final class JsonDocumentScanner {
    private int depth;
    private boolean started;
    private boolean inString;
    private boolean escaped;
    private boolean complete;

    /** Feeds bytes; returns the index just past the document's end, or -1 if it has not ended. */
    int feed(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            switch (b) {
                case '"' -> inString = true;
                case '{', '[' -> {
                    depth++;
                    started = true;
                }
                case '}', ']' -> {
                    depth--;
                    if (started && depth <= 0) {
                        complete = true;
                        return i + 1;
                    }
                }
                default -> {
                    // other bytes change nothing; text that never opens a document ends at EOF
                }
            }
        }
        return -1;
    }

    boolean complete() {
        return complete;
    }
}
