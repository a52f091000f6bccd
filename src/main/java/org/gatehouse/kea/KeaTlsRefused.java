package org.gatehouse.kea;

import org.gatehouse.model.Failure;

/**
 * The TLS connection to Kea was refused: its certificate is not trusted or does not name the
 * host, or the server does not speak TLS. A setting to fix, not an outage: exit 1, so that
 * {@code --queue} (which waits out exit 3) never hides it.
 */
public final class KeaTlsRefused extends KeaException {
    private final String endpoint;

    public KeaTlsRefused(String endpoint, String why, Throwable cause) {
        super(why, cause);
        this.endpoint = endpoint;
    }

    @Override
    public String what() {
        return endpoint;
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }
}
