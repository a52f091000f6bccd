package org.gatehouse.kea;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gatehouse.model.BadInput;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Kea through a real kea-ctrl-agent on 127.0.0.1 with basic auth, over plain HTTP and over TLS. */
@Tag("kea")
class HttpTransportTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static ControlAgent agent;
    static ControlAgent tlsAgent;
    static TestCertificate certificate;
    static TestCertificate strangers;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new ControlAgent(dir.resolve("ca"), kea.socket());
        certificate = TestCertificate.create(dir.resolve("tls"), "localhost", "dns:localhost");
        strangers = TestCertificate.create(dir.resolve("tls"), "stranger", "dns:localhost");
        tlsAgent = new ControlAgent(dir.resolve("ca-tls"), kea.socket(), certificate);
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
        tlsAgent.close();
    }

    private KeaClient tlsClient(String url, Path caFile) {
        return new KeaClient(new HttpTransport(URI.create(url), tlsAgent.user(), tlsAgent.password().toCharArray(), caFile,
                Duration.ofSeconds(3)), new KeaJson(), Duration.ofSeconds(5));
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

    @Test
    void httpsWithThePrivateCaReachesDhcp4() {
        kea.addLease(51, "f0:18:98:00:00:51", "via-https", 86400);
        KeaClient c = tlsClient(tlsAgent.url(), certificate.certPem());
        assertThat(c.config().subnet(40)).isPresent();
        assertThat(c.allLeases()).anySatisfy(l -> assertThat(l.hostname()).isEqualTo("via-https"));
        kea.wipeLeases();
    }

    @Test
    void anUntrustedCertificateIsRefusedNotUnreachable() {
        // the JDK's own CAs do not know the site's private CA; nor does another CA vouch for it
        for (Path ca : new Path[] {null, strangers.certPem()}) {
            assertThatThrownBy(() -> tlsClient(tlsAgent.url(), ca).execute(new KeaCommands.VersionGet()))
                    .as("CA file %s", ca)
                    .isInstanceOf(KeaTlsRefused.class)
                    .hasMessageContaining("certificate")
                    .hasMessageContaining("--kea-ca-file")
                    .satisfies(e -> assertThat(((KeaException) e).exitCode()).as("exit 1, not 3: --queue must not hide it").isEqualTo(1));
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() {
        // trusted CA, but the certificate names "localhost" and the URI says 127.0.0.1
        String byAddress = "https://127.0.0.1:" + tlsAgent.port() + "/";
        assertThatThrownBy(() -> tlsClient(byAddress, certificate.certPem()).execute(new KeaCommands.VersionGet()))
                .isInstanceOf(KeaTlsRefused.class)
                .hasMessageContaining("127.0.0.1")
                .satisfies(e -> assertThat(((KeaException) e).exitCode()).isEqualTo(1));
    }

    @Test
    void aCaFileThatIsNoCertificateIsBadInput() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not-a-ca.pem"), "hello\n");
        assertThatThrownBy(() -> tlsClient(tlsAgent.url(), notPem))
                .isInstanceOf(BadInput.class)
                .hasMessageContaining("not-a-ca.pem")
                .satisfies(e -> assertThat(((BadInput) e).exitCode()).isEqualTo(2));
    }
}
