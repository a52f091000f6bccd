package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kea over https:// through a real kea-ctrl-agent with a site's private CA: trusted with
 * --kea-ca-file, and a certificate failure is exit 1 (refused), never exit 3, so --queue does not
 * quietly park a decision behind a setting that will never work.
 */
@Tag("kea")
class CliTlsTest {
    static final String GUEST = "f0:18:98:00:0e:01";

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static ControlAgent agent;
    static TestCertificate certificate;
    static Path passwordFile;

    @BeforeAll
    static void startAgent() throws Exception {
        certificate = TestCertificate.create(dir.resolve("tls"), "localhost", "dns:localhost");
        agent = new ControlAgent(dir.resolve("ca"), kea.socket(), certificate);
        passwordFile = Files.writeString(dir.resolve("kea-password"), agent.password() + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    private static CliRun run(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("GATEHOUSE_DB", dir.resolve("cache.db").toString(),
                "GATEHOUSE_KEA_USER", agent.user(), "GATEHOUSE_KEA_PASSWORD_FILE", passwordFile.toString()));
        env.putAll(extraEnv);
        return CliRun.run(env, args);
    }

    @Test
    void thePrivateCaMakesHttpsWork() {
        CliRun r = run(Map.of(), "--kea", agent.url(), "--kea-ca-file", certificate.certPem().toString(), "status");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("reachable:    yes").contains("192.168.40.128");
        CliRun env = run(Map.of("GATEHOUSE_KEA", agent.url(), "GATEHOUSE_KEA_CA_FILE", certificate.certPem().toString()),
                "leases", "list");
        assertThat(env.exit()).as(env.err()).isZero();
    }

    @Test
    void anUntrustedCertificateIsExit1AndNotQueued() {
        CliRun status = run(Map.of(), "--kea", agent.url(), "status");
        assertThat(status.exit()).isEqualTo(1);
        assertThat(status.out()).contains("reachable:    no").contains("certificate").contains("--kea-ca-file");

        CliRun approve = run(Map.of(), "--kea", agent.url(), "approve", GUEST, "--subnet", "40", "--queue");
        assertThat(approve.exit()).as("refused, not unreachable: " + approve.out() + approve.err()).isEqualTo(1);
        assertThat(approve.err()).startsWith("gatehouse: error: " + agent.url() + ": ").contains("certificate");
        assertThat(approve.out()).doesNotContain("queued");
        assertThat(run(Map.of(), "offline", "list").out()).doesNotContain(GUEST);
    }

    @Test
    void aCertificateForAnotherHostNameIsExit1() {
        String byAddress = "https://127.0.0.1:" + agent.port() + "/";
        CliRun r = run(Map.of(), "--kea", byAddress, "--kea-ca-file", certificate.certPem().toString(), "leases", "list");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("certificate").contains("127.0.0.1");
    }

    @Test
    void aCaFileForPlainHttpIsRefused() {
        CliRun r = run(Map.of(), "--kea", "http://127.0.0.1:" + agent.port() + "/", "--kea-ca-file", certificate.certPem().toString(),
                "status");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad --kea-ca-file").contains("https://");
    }
}
