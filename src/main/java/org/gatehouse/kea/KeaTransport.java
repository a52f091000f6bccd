package org.gatehouse.kea;

import java.time.Duration;

/** Carries one command's JSON to Kea and brings back the raw answer. */
public interface KeaTransport extends AutoCloseable {

    /** For messages and the status screen, e.g. {@code unix:/run/kea/kea4-ctrl-socket}. */
    String describe();

    /**
     * True when commands must name {@code "service": ["dhcp4"]}: over HTTP a Control Agent needs
     * it and a dhcp4 HTTP socket (Kea 2.7+) accepts it.
     */
    boolean wantsService();

    /**
     * Sends one request and returns the whole answer.
     *
     * @throws KeaUnreachable when nothing answered within {@code timeout}
     * @throws KeaProtocolError when the answer is cut off or is not JSON
     */
    String exchange(String request, Duration timeout);

    /**
     * As {@link #exchange}, the answer's bytes as Kea sent them, for transports that read them
     * ({@link #keepsBytes}): a lease page of plain ASCII is then parsed from its bytes, without the
     * text made of them first (KeaClient.sendPage).
     */
    default byte[] exchangeBytes(String request, Duration timeout) {
        throw new UnsupportedOperationException(describe() + " gives the answer as text only");
    }

    /** True when {@link #exchangeBytes} is there. */
    default boolean keepsBytes() {
        return false;
    }

    @Override
    default void close() {
    }
}
