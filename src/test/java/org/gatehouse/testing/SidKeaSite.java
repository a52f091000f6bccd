package org.gatehouse.testing;

import java.io.IOException;
import java.time.Duration;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.UnixSocketTransport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two kea-dhcp4 3.0 from the sid root sharing one private PostgreSQL lease and host database, for a
 * test class: {@code @RegisterExtension static SidKeaSite site = new SidKeaSite();}. No DHCP
 * interfaces; each server has its own control socket. Stopped (servers first) after the class.
 */
public final class SidKeaSite implements BeforeAllCallback, AfterAllCallback {
    private final KeaJson json = new KeaJson();
    private SidKeaRoot root;
    private SidKeaPostgres db;
    private SidKea server1;
    private SidKea server2;
    private KeaClient client1;
    private KeaClient client2;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = SidKeaRoot.require();
        db = SidKeaPostgres.start(root);
        String run = "gh" + ProcessHandle.current().pid();
        server1 = SidKea.start(root, run + "-server1", SidKea.config(json, run + "-server1", db), json);
        server2 = SidKea.start(root, run + "-server2", SidKea.config(json, run + "-server2", db), json);
        client1 = new KeaClient(new UnixSocketTransport(server1.socket()), json, Duration.ofSeconds(10));
        client2 = new KeaClient(new UnixSocketTransport(server2.socket()), json, Duration.ofSeconds(10));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (AutoCloseable c : new AutoCloseable[] {client1, client2, server1, server2, db}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("sid Kea site: " + e.getMessage());
                }
            }
        }
    }

    public SidKeaRoot root() {
        return root;
    }

    public SidKeaPostgres db() {
        return db;
    }

    public SidKea server1() {
        return server1;
    }

    public SidKea server2() {
        return server2;
    }

    public KeaClient client1() {
        return client1;
    }

    public KeaClient client2() {
        return client2;
    }

    public KeaJson json() {
        return json;
    }
}
