package org.gatehouse.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaText;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;

/**
 * Two real kea-dhcp4 as a hot-standby HA pair on loopback: each with its own directory, unix
 * socket and HA port, libdhcp_ha.so with the dedicated HTTP listener (no Control Agent; Kea 2.2
 * needs Dhcp4 multi-threading for that). Heartbeats every second so a lost partner shows within seconds.
 */
public final class KeaHaPair implements AutoCloseable {
    private final KeaJson json = new KeaJson();
    private final LocalKea primary;
    private final LocalKea standby;

    private KeaHaPair(LocalKea primary, LocalKea standby) {
        this.primary = primary;
        this.standby = standby;
    }

    public static KeaHaPair start() throws IOException {
        int[] ports = {freeLoopbackPort(), freeLoopbackPort()};
        KeaJson json = new KeaJson();
        Path dir1 = Files.createTempDirectory("gh-ha-server1-");
        LocalKea primary = LocalKea.start(dir1, config(json, dir1, "server1", ports), json, Duration.ofSeconds(20));
        try {
            Path dir2 = Files.createTempDirectory("gh-ha-server2-");
            LocalKea standby = LocalKea.start(dir2, config(json, dir2, "server2", ports), json, Duration.ofSeconds(20));
            return new KeaHaPair(primary, standby);
        } catch (RuntimeException e) {
            primary.close();
            throw e;
        }
    }

    private static ObjectNode config(KeaJson json, Path dir, String name, int[] ports) {
        ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(KeaServer.VLAN, "192.168.40.0/24")),
                List.of("9.9.9.9"), "192.168.40.4", LocalKea.runtimeIn(dir));
        ObjectNode dhcp4 = (ObjectNode) config.get("Dhcp4");
        dhcp4.putObject("multi-threading").put("enable-multi-threading", true).put("thread-pool-size", 2).put("packet-queue-size", 16);
        ObjectNode ha = ((ArrayNode) dhcp4.get("hooks-libraries")).addObject()
                .put("library", LocalKea.hooksDir().resolve("libdhcp_ha.so").toString())
                .putObject("parameters").putArray("high-availability").addObject();
        ha.put("this-server-name", name).put("mode", "hot-standby")
                .put("heartbeat-delay", 1000).put("max-response-delay", 3000).put("max-ack-delay", 1000).put("max-unacked-clients", 0);
        ha.putObject("multi-threading").put("enable-multi-threading", true).put("http-dedicated-listener", true)
                .put("http-listener-threads", 1).put("http-client-threads", 1);
        ArrayNode peers = ha.putArray("peers");
        peers.addObject().put("name", "server1").put("url", "http://127.0.0.1:" + ports[0] + "/").put("role", "primary").put("auto-failover", true);
        peers.addObject().put("name", "server2").put("url", "http://127.0.0.1:" + ports[1] + "/").put("role", "standby").put("auto-failover", true);
        return config;
    }

    /** A port free now; Kea binds it a moment later (the HA listener), a race only another test on this port could lose. */
    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalKea primary() {
        return primary;
    }

    public LocalKea standby() {
        return standby;
    }

    public KeaJson json() {
        return json;
    }

    /** A client to one of the two (the test closes it). */
    public KeaClient client(LocalKea kea) {
        return new KeaClient(new UnixSocketTransport(kea.socket()), json, Duration.ofSeconds(10));
    }

    /** Adds a lease in subnet 40 on {@code kea} alone (HA does not copy lease4-add to the partner). */
    public void addLease(LocalKea kea, String ip, String mac, String hostname, long cltt, long lifetime) {
        try (KeaClient c = client(kea)) {
            c.execute(new KeaCommands.Lease4Add(new Lease(Ipv4.parse(ip), Mac.parse(mac), hostname, KeaServer.VLAN, LeaseState.DEFAULT,
                    cltt, lifetime)));
        }
    }

    /** The running configuration's Dhcp4 ({@code config-get}), Kea's byte escapes decoded to text. */
    public JsonNode running(LocalKea kea) {
        try (KeaClient c = client(kea)) {
            return c.config().raw().path("Dhcp4"); // the client decodes Kea's byte escapes itself
        }
    }

    /** The configuration file Kea was started with and config-write rewrites, as parsed JSON with byte escapes decoded. */
    public JsonNode file(LocalKea kea) throws IOException {
        String text = Files.readString(kea.dir().resolve("kea-dhcp4.conf"));
        JsonNode root = json.read(text);
        return (KeaText.needsDecoding(text) ? KeaText.decodeBytes(root) : root).path("Dhcp4");
    }

    /** The reservation of {@code mac} in any subnet of a Dhcp4 tree, or a missing node. */
    public static JsonNode reservation(JsonNode dhcp4, String mac) {
        for (JsonNode subnet : dhcp4.path("subnet4")) {
            for (JsonNode r : subnet.path("reservations")) {
                if (r.path("hw-address").asText().equalsIgnoreCase(mac)) {
                    return r;
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The HA hook's {@code this-server-name} in a Dhcp4 tree. */
    public static String thisServerName(JsonNode dhcp4) {
        for (JsonNode h : dhcp4.path("hooks-libraries")) {
            JsonNode ha = h.path("parameters").path("high-availability");
            if (ha.isArray() && !ha.isEmpty()) {
                return ha.get(0).path("this-server-name").asText();
            }
        }
        return "";
    }

    @Override
    public void close() {
        standby.close();
        primary.close();
    }
}
