package org.gatehouse.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;

/**
 * Independent kea-dhcp4 2.2 servers, one per building, no HA: each with its own directory and
 * unix socket and its own guest VLAN (server1 serves 192.168.40.0/24 as subnet 40, server2
 * 192.168.41.0/24 as subnet 41, …), the three-pool guest configuration in each.
 */
public final class KeaBuildings implements AutoCloseable {
    public static final int FIRST_VLAN = 40;

    private final KeaJson json = new KeaJson();
    private final List<LocalKea> servers;

    private KeaBuildings(List<LocalKea> servers) {
        this.servers = servers;
    }

    public static KeaBuildings start(int count) throws IOException {
        KeaJson json = new KeaJson();
        List<LocalKea> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                int vlan = FIRST_VLAN + i;
                Path dir = Files.createTempDirectory("gh-building" + (i + 1) + "-");
                ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(vlan, "192.168." + vlan + ".0/24")),
                        List.of("9.9.9.9"), null, LocalKea.runtimeIn(dir));
                started.add(LocalKea.start(dir, config, json, Duration.ofSeconds(20)));
            }
        } catch (RuntimeException e) {
            started.forEach(LocalKea::close);
            throw e;
        }
        return new KeaBuildings(List.copyOf(started));
    }

    /** Server {@code n} (1-based, as Gatehouse names them). */
    public LocalKea server(int n) {
        return servers.get(n - 1);
    }

    /** The --kea options for every server, in order. */
    public List<String> keaOptions() {
        List<String> out = new ArrayList<>();
        servers.forEach(k -> out.addAll(List.of("--kea", k.endpoint())));
        return out;
    }

    public KeaClient client(int n) {
        return new KeaClient(new UnixSocketTransport(server(n).socket()), json, Duration.ofSeconds(10));
    }

    /** A lease on server {@code n} in its own subnet, at {@code 192.168.<vlan>.<host>}, as a DHCP client would hold it. */
    public void addLease(int n, int host, String mac, String hostname, long cltt, long lifetime) {
        int vlan = FIRST_VLAN + n - 1;
        try (KeaClient c = client(n)) {
            c.execute(new KeaCommands.Lease4Add(new Lease(Ipv4.parse("192.168." + vlan + "." + host), Mac.parse(mac), hostname, vlan,
                    LeaseState.DEFAULT, cltt, lifetime)));
        }
    }

    /** Server {@code n}'s running configuration's Dhcp4. */
    public JsonNode running(int n) {
        try (KeaClient c = client(n)) {
            return c.config().raw().path("Dhcp4");
        }
    }

    /** The configuration file server {@code n} persisted with config-write. */
    public JsonNode file(int n) throws IOException {
        return json.read(Files.readString(server(n).dir().resolve("kea-dhcp4.conf"))).path("Dhcp4");
    }

    /** The reservation of {@code mac} in any subnet of a Dhcp4 tree, or a missing node. */
    public static JsonNode reservation(JsonNode dhcp4, String mac) {
        return KeaHaPair.reservation(dhcp4, mac);
    }

    @Override
    public void close() {
        for (int i = servers.size() - 1; i >= 0; i--) {
            servers.get(i).close();
        }
    }
}
