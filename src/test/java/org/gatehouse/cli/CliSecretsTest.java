package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.BadInput;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets stay secret at the command line: never in a URI, only from private files (first line),
 * a user without a password is refused, and basic auth does not cross a network in clear text.
 * Against a real kea-ctrl-agent with basic auth in front of a real kea-dhcp4.
 */
@Tag("kea")
class CliSecretsTest {
    static final String SECRET = "Sésame-ouvre-toi";

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

    static Path secretFile(String name, String content, String mode) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private static CliRun run(String... args) {
        return CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("cache.db").toString()), args);
    }

    @Test
    void aPasswordInTheKeaUriIsRefusedAndNeverShownOrStored() throws Exception {
        Path db = dir.resolve("uri.db");
        for (String uri : List.of("http://admin:" + SECRET + "@127.0.0.1:8000/", "https://admin:" + SECRET + "@localhost:8443/",
                "ssh://kea:" + SECRET + "@127.0.0.1/run/kea/kea4-ctrl-socket", "http://admin:S/" + SECRET + "@127.0.0.1:8000/",
                "http://admin:" + SECRET + " x@127.0.0.1:8000/")) {
            for (CliRun r : List.of(CliRun.run(Map.of("GATEHOUSE_DB", db.toString()), "--kea", uri, "approve", "f0:18:98:00:00:99"),
                    CliRun.run(Map.of("GATEHOUSE_DB", db.toString(), "GATEHOUSE_KEA", uri), "status", "--debug"))) {
                assertThat(r.exit()).as(uri + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).startsWith("gatehouse: error: bad --kea: a password does not belong in the URI")
                        .contains("--kea-password-file");
                assertThat(r.out() + r.err()).as("the password is not echoed").doesNotContain("ouvre-toi");
            }
        }
        if (Files.exists(db)) {
            assertThat(new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1)).doesNotContain("ouvre-toi");
        }
    }

    @Test
    void aSecretFileOthersCanReadOrWriteIsRefusedNamingTheFix() throws Exception {
        String password = agent.password() + "\n";
        for (String mode : List.of("rw-r--r--", "rw-----w-", "rw-rw-rw-")) {
            Path f = secretFile("kea-password-" + mode, password, mode);
            CliRun r = run("--kea", agent.url(), "--kea-user", agent.user(), "--kea-password-file", f.toString(), "status");
            assertThat(r.exit()).as(mode + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("bad --kea-password-file").contains(f.toString()).contains("by other users")
                    .contains("chmod 600 " + f);
            assertThat(r.out() + r.err()).doesNotContain(agent.password());
        }
        Path community = secretFile("community", "public\n", "rw-r--r--");
        CliRun snmp = run("switch", "vlans", "--snmp", "udp:127.0.0.1:" + ControlAgent.freePort(), "--community-file", community.toString());
        assertThat(snmp.exit()).as(snmp.err()).isEqualTo(2);
        assertThat(snmp.err()).contains("bad --community-file").contains("chmod 600 " + community);
        Path switchPassword = secretFile("switch-password", "hunter2\n", "rw----r--");
        CliRun ssh = run("switch", "blocked", "--switch", "ssh://admin@127.0.0.1:" + ControlAgent.freePort(),
                "--switch-password-file", switchPassword.toString());
        assertThat(ssh.exit()).as(ssh.err()).isEqualTo(2);
        assertThat(ssh.err()).contains("bad --switch-password-file").contains("chmod 600 " + switchPassword);
    }

    @Test
    void theFirstLineOfAPrivateFileIsThePassword() throws Exception {
        // a second line (a note, a comment) and Windows line ends are not part of the password
        for (String content : List.of(agent.password() + "\nrotated 2026-12-01 by Jürgen\n", agent.password() + "\r\n",
                agent.password())) {
            Path f = secretFile("kea-password-ok", content, "rw-------");
            CliRun r = run("--kea", agent.url(), "--kea-user", agent.user(), "--kea-password-file", f.toString(), "status");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("reachable:    yes");
        }
        Path wrong = secretFile("kea-password-wrong", "not-the-password\n" + agent.password() + "\n", "rw-------");
        CliRun r = run("--kea", agent.url(), "--kea-user", agent.user(), "--kea-password-file", wrong.toString(), "status");
        assertThat(r.exit()).as("only the first line counts").isEqualTo(1);
        assertThat(r.out()).contains("401");
    }

    @Test
    void anEmptySecretFileIsRefused() throws Exception {
        Path empty = secretFile("empty", "\n", "rw-------");
        CliRun r = run("--kea", agent.url(), "--kea-user", agent.user(), "--kea-password-file", empty.toString(), "status");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(empty + " is empty");
    }

    @Test
    void aKeaUserWithoutAPasswordIsRefused() {
        CliRun r = run("--kea", agent.url(), "--kea-user", agent.user(), "status");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("bad --kea-user").contains("--kea-password-file");
        CliRun env = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("cache.db").toString(), "GATEHOUSE_KEA", agent.url(),
                "GATEHOUSE_KEA_USER", agent.user()), "leases", "list");
        assertThat(env.exit()).as(env.err()).isEqualTo(2);
    }

    @Test
    void basicAuthOverPlainHttpToAnotherHostNeedsExplicitConsent() throws Exception {
        Path f = secretFile("kea-password-remote", "s3cret\n", "rw-------");
        // refused before anything is sent (192.0.2.0/24 is TEST-NET, never contacted)
        CliRun r = run("--kea", "http://192.0.2.10:8000/", "--kea-user", "admin", "--kea-password-file", f.toString(), "status");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("unencrypted").contains("https://").contains("--allow-insecure-http");

        ConnectionOptions o = new ConnectionOptions(name -> null);
        o.keaUser = "admin";
        o.keaPasswordFile = f;
        o.allowInsecureHttp = true;
        assertThat(org.gatehouse.app.KeaTransports.http(o, URI.create("http://192.0.2.10:8000/"), Duration.ofSeconds(1)).describe())
                .as("with --allow-insecure-http the user's choice stands").isEqualTo("http://192.0.2.10:8000/");
        o.allowInsecureHttp = false;
        for (String local : List.of("http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]:8000/", "http://127.3.2.1:8000/")) {
            assertThat(org.gatehouse.app.KeaTransports.http(o, URI.create(local), Duration.ofSeconds(1))).as(local).isNotNull();
        }
        for (String remote : List.of("http://kea.example:8000/", "http://10.0.0.1:8000/", "http://127.0.0.1.example/",
                "http://[2001:db8::1]:8000/")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> org.gatehouse.app.KeaTransports.http(o, URI.create(remote), Duration.ofSeconds(1)))
                    .as(remote).isInstanceOf(BadInput.class);
        }
    }

    @Test
    void aCommunityInArgvWarnsAndPointsToTheSaferForms() throws Exception {
        String snmp = "udp:127.0.0.1:" + ControlAgent.freePort();
        CliRun r = run("--community", "public", "--timeout", "1", "switch", "vlans", "--snmp", snmp);
        assertThat(r.err()).contains("gatehouse: warning: --community").contains("--community-file").contains("GATEHOUSE_COMMUNITY");
        CliRun env = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("cache.db").toString(), "GATEHOUSE_COMMUNITY", "public"),
                "--timeout", "1", "switch", "vlans", "--snmp", snmp);
        assertThat(env.err()).doesNotContain("warning");
        assertThat(env.exit()).as("the same outcome either way").isEqualTo(r.exit());
    }
}
