package org.gatehouse.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
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
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real kea-dhcp4 for a test class: the guest three-pool config for VLAN 40 (192.168.40.0/24),
 * no interfaces, unix socket and memfile in a temp dir; started before the class, stopped by PID after.
 * Register with {@code @RegisterExtension static KeaServer kea = new KeaServer();}.
 */
public final class KeaServer implements BeforeAllCallback, AfterAllCallback {
    public static final int VLAN = 40;
    public static final Ipv4 BASE = Ipv4.parse("192.168.40.0");

    private final KeaJson json = new KeaJson();
    private final Consumer<ObjectNode> customiser;
    private LocalKea kea;
    private KeaClient client;

    public KeaServer() {
        this(c -> { });
    }

    /** @param customiser edits the generated config before Kea starts (e.g. adds reservations) */
    public KeaServer(Consumer<ObjectNode> customiser) {
        this.customiser = customiser;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        start();
    }

    public void start() throws IOException {
        Path dir = Files.createTempDirectory("gh-kea-");
        ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(VLAN, "192.168.40.0/24")),
                List.of("9.9.9.9"), "192.168.40.4", LocalKea.runtimeIn(dir));
        customiser.accept(config);
        kea = LocalKea.start(dir, config, json, Duration.ofSeconds(20));
        client = new KeaClient(new UnixSocketTransport(kea.socket()), json, Duration.ofSeconds(10));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kea != null) {
            kea.close();
        }
    }

    /** Stops Kea (SIGTERM by PID) and keeps its directory: config file, lease file. */
    public void stop() {
        kea.stop();
    }

    /** Starts Kea again from the configuration file it last wrote (config-write) and its lease file. */
    public void restart() throws IOException {
        Path dir = kea.dir();
        kea.stop();
        ObjectNode written = (ObjectNode) json.mapper().readTree(dir.resolve("kea-dhcp4.conf").toFile());
        kea = LocalKea.start(dir, written, json, Duration.ofSeconds(20));
        client.close();
        client = new KeaClient(new UnixSocketTransport(kea.socket()), json, Duration.ofSeconds(10));
    }

    /** The configuration file as Kea last wrote it (what a restart would load). */
    public String configFile() throws IOException {
        return Files.readString(kea.dir().resolve("kea-dhcp4.conf"));
    }

    public LocalKea process() {
        return kea;
    }

    public KeaClient client() {
        return client;
    }

    public KeaJson json() {
        return json;
    }

    public Path socket() {
        return kea.socket();
    }

    public String endpoint() {
        return kea.endpoint();
    }

    /** Adds a lease at {@code BASE + hostOctet} for {@code mac}, as a DHCP client would hold it. */
    public Lease addLease(int hostOctet, String mac, String hostname, long lifetime) {
        Lease l = new Lease(BASE.plus(hostOctet), Mac.parse(mac), hostname, VLAN, LeaseState.DEFAULT,
                Instant.now().getEpochSecond(), lifetime);
        client.execute(new KeaCommands.Lease4Add(l));
        return l;
    }

    /** Deletes every lease (between tests). */
    public void wipeLeases() {
        for (Lease l : client.execute(new KeaCommands.Lease4GetAll())) {
            client.execute(new KeaCommands.Lease4Del(l.ip()));
        }
    }
}
