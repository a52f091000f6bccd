package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Kea through a real kea-ctrl-agent on 127.0.0.1 with basic auth. */
class HttpTransportTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static ControlAgent agent;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new ControlAgent(dir.resolve("ca"), kea.socket());
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    private KeaClient client(String user, String password) {
        return new KeaClient(new HttpTransport(URI.create(agent.url()), user, password.toCharArray(), Duration.ofSeconds(3)),
                new KeaJson(), Duration.ofSeconds(5));
    }

    @Test
    void commandsReachDhcp4ThroughTheAgent() {
        kea.addLease(50, "f0:18:98:00:00:50", "via-http", 86400);
        KeaClient c = client(agent.user(), agent.password());
        assertThat(c.capabilities().leasePaging()).isTrue();
        // config-get without "service" would return the agent's own config; ours must be dhcp4's.
        assertThat(c.config().subnet(40)).isPresent();
        assertThat(c.allLeases()).anySatisfy(l -> assertThat(l.hostname()).isEqualTo("via-http"));
        kea.wipeLeases();
    }

    @Test
    void wrongPasswordIsRefusedWithAHint() {
        assertThatThrownBy(() -> client(agent.user(), "wrong").execute(new KeaCommands.VersionGet()))
                .isInstanceOf(KeaRefused.class)
                .hasMessageContaining("401")
                .hasMessageContaining("--kea-password-file");
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int port = ControlAgent.freePort();
        KeaClient c = new KeaClient(new HttpTransport(URI.create("http://127.0.0.1:" + port + "/"), null, null, Duration.ofSeconds(2)),
                new KeaJson(), Duration.ofSeconds(2));
        assertThatThrownBy(() -> c.execute(new KeaCommands.VersionGet()))
                .isInstanceOf(KeaUnreachable.class)
                .satisfies(e -> assertThat(((KeaUnreachable) e).exitCode()).isEqualTo(3));
    }
}
