package org.gatehouse.kea;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshFailure;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.TestSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kea's unix socket through SSH: an in-process MINA server that runs the real socat (as an
 * OpenSSH server would) against a real kea-dhcp4.
 */
@Tag("kea")
@Tag("switch")
class SshTransportTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static TestSshServer ssh;

    @BeforeAll
    static void startSsh() throws Exception {
        ssh = new TestSshServer(dir.resolve("hostkey.ser"), ProcessShellCommandFactory.INSTANCE);
    }

    @AfterAll
    static void stopSsh() throws Exception {
        ssh.close();
    }

    private SshTarget target(Path knownHosts, String password, boolean acceptNew) {
        return new SshTarget("127.0.0.1", ssh.port(), ssh.user(), password.toCharArray(), null, knownHosts, acceptNew, Duration.ofSeconds(5));
    }

    private KeaClient client(SshTarget t) {
        SshConnector connector = new SshConnector();
        return new KeaClient(new SshTransport(t.endpoint() + kea.socket(), kea.socket().toString(), () -> connector.open(t)),
                new KeaJson(), Duration.ofSeconds(5));
    }

    @Test
    void unknownHostKeyIsRefusedUntilExplicitlyAccepted() throws Exception {
        Path knownHosts = dir.resolve("known_hosts_1");
        assertThatThrownBy(() -> client(target(knownHosts, ssh.password(), false)).execute(new KeaCommands.VersionGet()))
                .isInstanceOf(SshFailure.class)
                .hasMessageContaining("--accept-new-host-key")
                .satisfies(e -> assertThat(((SshFailure) e).exitCode()).isEqualTo(1));
        try (KeaClient accepted = client(target(knownHosts, ssh.password(), true))) {
            assertThat(accepted.execute(new KeaCommands.VersionGet()).version()).matches("\\d+\\.\\d+.*");
        }
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + ssh.port());
        // Recorded now: a later connection without the flag succeeds.
        try (KeaClient later = client(target(knownHosts, ssh.password(), false))) {
            assertThat(later.capabilities().leasePaging()).isTrue();
        }
    }

    @Test
    void leasesComeThroughAndTheSessionIsReused() {
        kea.addLease(60, "f0:18:98:00:00:60", "via-ssh", 86400);
        Path knownHosts = dir.resolve("known_hosts_2");
        try (KeaClient c = client(target(knownHosts, ssh.password(), true))) {
            for (int i = 0; i < 3; i++) {
                assertThat(c.allLeases()).anySatisfy(l -> assertThat(l.hostname()).isEqualTo("via-ssh"));
            }
        } finally {
            kea.wipeLeases();
        }
    }

    @Test
    void wrongPasswordSaysLoginFailed() {
        SshTarget t = target(dir.resolve("known_hosts_3"), "not-the-password", true);
        assertThatThrownBy(() -> new SshConnector().open(t))
                .isInstanceOf(SshFailure.class)
                .hasMessageContaining("login failed")
                .satisfies(e -> assertThat(((SshFailure) e).exitCode()).isEqualTo(1));
    }

    @Test
    void socketPathWithShellCharactersIsRejectedBeforeConnecting() {
        assertThatThrownBy(() -> new SshTransport("x", "/tmp/a;rm -rf /", () -> {
            throw new AssertionError("must not connect");
        })).isInstanceOf(org.gatehouse.model.BadInput.class);
    }
}
