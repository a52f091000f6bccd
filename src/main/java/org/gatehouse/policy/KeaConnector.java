package org.gatehouse.policy;

import org.gatehouse.kea.KeaClient;

/** Opens a client to the Kea a {@link KeaTarget} names (the transports are wiring: implemented in {@code app}). */
@FunctionalInterface
public interface KeaConnector {
    /** Refuses bad input (a password in the URI, basic auth over plain http to another host) before connecting. */
    KeaClient open(KeaTarget target);
}
