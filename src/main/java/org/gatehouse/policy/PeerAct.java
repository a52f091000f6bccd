package org.gatehouse.policy;

import java.util.List;

/** What one server does in a {@link PeerDecisions} fan-out, and what it is owed when it cannot do it now. */
interface PeerAct<R> {
    R run(KeaServers.Server s, Long subnet);

    OfflineQueue.Request owed(Long subnet);

    /** Everything a server that missed a batch (an import, an aging pass) is owed, one queued change each. */
    default List<OfflineQueue.Request> owedAll(Long subnet) {
        return List.of(owed(subnet));
    }

    /** The subnet the change turned out to concern (approve finds it from the device's lease), or null. */
    default Long subnetOf(R result) {
        return null;
    }

    /** Whether the server's configuration was reloaded (then its HA pair needs to settle). */
    boolean reloaded(R result);

    /**
     * Why the server is left out, asked before {@link #run}: "does not serve subnet 40" (the
     * change was never that server's, so nothing is owed to it), or null to run it.
     */
    default String skip(KeaServers.Server s, Long subnet) {
        return subnet != null && !PeerDecisions.serves(s, subnet) ? "does not serve subnet " + subnet : null;
    }

    /** What a done server's line adds (rows of a batch it does not serve), or "". */
    default String detail(KeaServers.Server s) {
        return "";
    }
}
