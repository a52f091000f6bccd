package org.gatehouse.ssh;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.gatehouse.testing.TestSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host keys against an in-process MINA SSH server: an unknown key is refused showing its SHA256
 * fingerprint exactly as OpenSSH prints it (computed here by sshd from the server's own key), a
 * changed key is refused showing both, and the ~/.ssh and known_hosts Gatehouse writes are
 * 0700 / 0600 — also in a real CLI run under umask 000.
 */
@Tag("switch")
class HostKeyFingerprintTest {
    @TempDir
    static Path dir;

    static TestSshServer ssh;
    static PublicKey serverKey;

    @BeforeAll
    static void start() throws Exception {
        Path hostKey = dir.resolve("hostkey.ser");
        ssh = new TestSshServer(hostKey, ProcessShellCommandFactory.INSTANCE);
        serverKey = publicKeyIn(hostKey);
    }

    @AfterAll
    static void stop() throws Exception {
        ssh.close();
    }

    private static PublicKey publicKeyIn(Path hostKeyFile) throws Exception {
        for (KeyPair kp : new SimpleGeneratorHostKeyProvider(hostKeyFile).loadKeys(null)) {
            return kp.getPublic();
        }
        throw new IllegalStateException("no key in " + hostKeyFile);
    }

    private static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    private static SshTarget target(Path knownHosts, boolean acceptNew) {
        return new SshTarget("127.0.0.1", ssh.port(), ssh.user(), ssh.password().toCharArray(), null, knownHosts, acceptNew,
                Duration.ofSeconds(5));
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheFingerprintOpenSshWouldShow() throws Exception {
        Path home = dir.resolve("home-unknown");
        Path knownHosts = home.resolve(".ssh/known_hosts");
        String expected = fingerprint(serverKey);
        assertThat(expected).startsWith("SHA256:").doesNotEndWith("=");

        assertThatThrownBy(() -> new SshConnector().open(target(knownHosts, false)))
                .isInstanceOfSatisfying(SshFailure.class, f -> {
                    assertThat(f.exitCode()).isEqualTo(1);
                    assertThat(f.getMessage()).contains("unknown host key").contains(expected).contains("--accept-new-host-key");
                });
        assertThat(Files.readString(knownHosts)).isEmpty();
        assertThat(mode(home.resolve(".ssh"))).isEqualTo("rwx------");
        assertThat(mode(knownHosts)).isEqualTo("rw-------");
    }

    @Test
    void acceptingANewKeyRecordsItAndLeavesKnownHostsPrivate() throws Exception {
        Path knownHosts = dir.resolve("home-accept/.ssh/known_hosts");
        Files.createDirectories(knownHosts.getParent());
        String other = "other.example.org " + PublicKeyEntry.toString(publicKeyIn(dir.resolve("other-host.ser")));
        Files.writeString(knownHosts, other + "\n");
        Files.setPosixFilePermissions(knownHosts, PosixFilePermissions.fromString("rw-r--r--"));

        new SshConnector().open(target(knownHosts, true)).disconnect();

        String text = Files.readString(knownHosts);
        assertThat(text).contains(other).contains("[127.0.0.1]:" + ssh.port());
        assertThat(mode(knownHosts)).isEqualTo("rw-------");
        // now known: no acceptance needed any more
        new SshConnector().open(target(knownHosts, false)).disconnect();
    }

    @Test
    void aChangedKeyIsRefusedShowingTheRecordedAndThePresentedFingerprint() throws Exception {
        Path knownHosts = dir.resolve("home-changed/known_hosts");
        Files.createDirectories(knownHosts.getParent());
        PublicKey recorded = publicKeyIn(dir.resolve("impostor.ser"));
        assertThat(recorded.getAlgorithm()).isEqualTo(serverKey.getAlgorithm());
        String line = "[127.0.0.1]:" + ssh.port() + " " + PublicKeyEntry.toString(recorded) + "\n";
        Files.writeString(knownHosts, line);

        for (boolean acceptNew : new boolean[] {false, true}) {
            assertThatThrownBy(() -> new SshConnector().open(target(knownHosts, acceptNew)))
                    .isInstanceOfSatisfying(SshFailure.class, f -> {
                        assertThat(f.exitCode()).isEqualTo(1);
                        assertThat(f.getMessage()).contains("CHANGED")
                                .contains("recorded " + KeyUtils.getKeyType(recorded) + " " + fingerprint(recorded))
                                .contains("presented " + KeyUtils.getKeyType(serverKey) + " " + fingerprint(serverKey));
                    });
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(line);
    }

    /** `gatehouse --kea ssh://… --accept-new-host-key status` in its own JVM under umask 000 writes ~/.ssh privately. */
    @Test
    void aRealRunWithUmask000CreatesSshDirectoryAndKnownHostsPrivately() throws Exception {
        Path home = dir.resolve("home-cli");
        Path password = dir.resolve("kea-password");
        Files.writeString(password, ssh.password() + "\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "umask 000 && exec \"$0\" \"$@\"", java, "-Duser.home=" + home,
                "-cp", System.getProperty("java.class.path"), "org.gatehouse.app.Main",
                "--kea", "ssh://" + ssh.user() + "@127.0.0.1:" + ssh.port() + "/run/gatehouse-test-no-such.sock",
                "--kea-password-file", password.toString(), "--accept-new-host-key", "--db", dir.resolve("cli.db").toString(),
                "--timeout", "5", "status");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Path knownHosts = home.resolve(".ssh/known_hosts");
        assertThat(Files.readString(knownHosts)).as(output).contains("[127.0.0.1]:" + ssh.port());
        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(mode(home.resolve(".ssh"))).isEqualTo("rwx------");
        assertThat(mode(knownHosts)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("cli.db"))).isEqualTo("rw-------");
    }
}
