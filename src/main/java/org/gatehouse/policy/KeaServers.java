package org.gatehouse.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.Reservations;
import org.gatehouse.model.SafeText;

/**
 * The Kea servers of one connection, first one first: one server, an HA pair, or independent
 * servers (one per building). Each has its own client and services; what several servers need
 * (fan-out of decisions, merged leases, drift) works across them.
 */
public final class KeaServers {

    /** One server and the services bound to it. {@code name}: server1, server2 … or the profile's name. */
    public record Server(String name, String endpoint, KeaClient kea, StatusService status, LeaseService leases,
                         DecisionService decisions, Reservations reservations, Map<String, OfflineQueue.Replayer> replayers) {
        /** "server2 (unix:/run/kea/kea4.sock)", safe to print. */
        public String label() {
            return SafeText.escapeForTerminal(name) + " (" + SafeText.escapeForTerminal(endpoint) + ")";
        }
    }

    private final List<Server> servers;

    public KeaServers(List<Server> servers) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no Kea server");
        }
        this.servers = List.copyOf(servers);
    }

    public List<Server> all() {
        return servers;
    }

    public Server first() {
        return servers.get(0);
    }

    /** More than one server: outputs name each server, writes fan out. */
    public boolean several() {
        return servers.size() > 1;
    }

    public Optional<Server> byEndpoint(String endpoint) {
        return servers.stream().filter(s -> s.endpoint().equals(endpoint)).findFirst();
    }

    /** The server's name if it is one of these, else the endpoint itself. */
    public String nameOf(String endpoint) {
        return byEndpoint(endpoint).map(Server::name).orElse(endpoint);
    }
}
