package org.gatehouse.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatehouse.kea.KeaUnreachable;
import org.gatehouse.model.QueuedAction;

/**
 * Changes owed to one server of several (a peer that was down or refused while the others were
 * written). They wait in the offline queue like any queued action; the server they are for is
 * the {@code server} field of the action's JSON payload (its endpoint), so no table changes.
 * Replay sends each to its own server, with that server's usual conflict check.
 */
public final class PeerQueue {
    static final String SERVER = "server";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PeerQueue() {
    }

    /** {@code r} addressed to the server at {@code endpoint}. */
    static OfflineQueue.Request forServer(OfflineQueue.Request r, String endpoint) {
        ObjectNode payload;
        try {
            JsonNode n = r.payload() == null || r.payload().isBlank() ? null : JSON.readTree(r.payload());
            payload = n instanceof ObjectNode o ? o : JSON.createObjectNode();
            payload.put(SERVER, endpoint);
            return new OfflineQueue.Request(r.kind(), r.target(), r.mac(), JSON.writeValueAsString(payload), r.basis(), r.note());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The endpoint a queued action is owed to, or null (an ordinary queued action: the first server). */
    public static String serverOf(QueuedAction a) {
        if (a.payload() == null || !a.payload().trim().startsWith("{")) {
            return null;
        }
        try {
            JsonNode s = JSON.readTree(a.payload()).get(SERVER);
            return s == null || !s.isTextual() ? null : s.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Pending changes per server endpoint (only those owed to a particular server). */
    public static Map<String, Integer> pendingByServer(List<QueuedAction> pending) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (QueuedAction a : pending) {
            String s = serverOf(a);
            if (s != null) {
                out.merge(s, 1, Integer::sum);
            }
        }
        return out;
    }

    /**
     * Replayers that send each action to the server it is owed to (an action naming no server
     * goes to the first). A server not in this connection leaves its actions pending; a server
     * still unreachable leaves its own pending and the replay goes on with the others'.
     */
    public static Map<String, OfflineQueue.Replayer> routing(KeaServers servers) {
        Map<String, OfflineQueue.Replayer> out = new LinkedHashMap<>();
        Map<String, String> down = new HashMap<>();
        Set<String> kinds = new java.util.LinkedHashSet<>(servers.first().replayers().keySet());
        for (String kind : kinds) {
            out.put(kind, a -> {
                String endpoint = serverOf(a);
                KeaServers.Server s = endpoint == null ? servers.first() : servers.byEndpoint(endpoint).orElse(null);
                if (s == null) {
                    throw new OfflineQueue.NotHere(endpoint + " is not one of this connection's servers");
                }
                if (down.containsKey(s.endpoint())) {
                    throw new OfflineQueue.NotHere(s.name() + " still unreachable: " + down.get(s.endpoint()));
                }
                OfflineQueue.Replayer r = s.replayers().get(kind);
                if (r == null) {
                    throw new OfflineQueue.NotHere("no replayer for '" + kind + "' on " + s.name());
                }
                try {
                    String notServed = endpoint == null ? null : notServed(s, a);
                    if (notServed != null) {
                        return new OfflineQueue.Done(a.basis(), a.basis(), "skipped: " + s.name() + " " + notServed + "; nothing written");
                    }
                    OfflineQueue.Done d = r.replay(a);
                    return new OfflineQueue.Done(d.before(), d.after(), "on " + s.name() + (d.detail() == null ? "" : ": " + d.detail()));
                } catch (KeaUnreachable e) {
                    down.put(s.endpoint(), e.getMessage());
                    throw new OfflineQueue.NotHere(s.name() + " still unreachable: " + e.getMessage());
                }
            });
        }
        return out;
    }

    /**
     * "does not serve subnet 41" when a queued reservation edit or decision names a subnet (or a
     * fixed address) the server's configuration does not have: owed to it while it was down,
     * before anyone could tell, but never its own. Null otherwise (replay it).
     */
    private static String notServed(KeaServers.Server s, QueuedAction a) {
        Long subnet = null;
        org.gatehouse.model.Ipv4 ip = null;
        if (ReservationRequest.ADD.equals(a.kind()) || ReservationRequest.REMOVE.equals(a.kind())) {
            ReservationRequest r = Replayers.reservationOf(a);
            subnet = r.subnetId();
            ip = r.ip();
        } else if (Replayers.APPROVE.equals(a.kind()) || Replayers.DENY.equals(a.kind())) {
            subnet = Replayers.decisionOf(a).subnetId();
        }
        if (subnet != null) {
            return PeerDecisions.serves(s, subnet) ? null : "does not serve subnet " + subnet;
        }
        if (ip != null && SubnetRule.holding(s.kea().config(), ip).isEmpty()) {
            return "does not serve address " + ip;
        }
        return null;
    }
}
