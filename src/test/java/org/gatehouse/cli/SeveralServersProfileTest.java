package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile naming several Kea servers (saved by {@code profile add --kea A --kea B}, or written by
 * hand with a named {@code [profiles.X.peers.NAME]} table): {@code status} reports each one, and a
 * server that does not answer is named, with exit 3, while the other's report stands.
 */
@Tag("kea")
class SeveralServersProfileTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    private final KeaJson json = new KeaJson();

    @TempDir
    Path dir;
    Map<String, String> env;

    @BeforeEach
    void user() throws Exception {
        env = new HashMap<>();
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("GATEHOUSE_DB", dir.resolve("c.db").toString());
    }

    @Test
    void profileAddWithTwoKeaKeepsBothAndStatusReportsEach() throws Exception {
        String missing = "unix:" + dir.resolve("no-such-kea.sock");
        CliRun add = CliRun.run(env, "profile", "add", "pair", "--kea", kea.endpoint(), "--kea", missing);
        assertThat(add.exit()).as(add.err()).isZero();
        String file = Files.readString(dir.resolve("config/gatehouse/profiles.toml"));
        assertThat(file).contains("[profiles.pair.kea]").contains("[profiles.pair.peers.server2]").contains(missing);
        JsonNode shown = json.read(CliRun.run(env, "profile", "show", "pair", "--format", "json").out());
        assertThat(shown.path("kea").asText()).isEqualTo(kea.endpoint());
        assertThat(shown.path("peers").get(0).path("name").asText()).isEqualTo("server2");

        CliRun status = CliRun.run(env, "--profile", "pair", "status");
        assertThat(status.exit()).as("server2 does not answer").isEqualTo(3);
        assertThat(status.out()).contains("server1:\n  kea:          " + kea.endpoint() + "\n  reachable:    yes")
                .contains("server2:\n  kea:          " + missing + "\n  reachable:    no")
                .contains("warning: server2 (" + missing + ") unreachable");
        JsonNode servers = json.read(CliRun.run(env, "--profile", "pair", "status", "--format", "json").out()).path("servers");
        assertThat(servers.get(0).path("reachable").asBoolean()).isTrue();
        assertThat(servers.get(0).path("version").asText()).startsWith("2.");
        assertThat(servers.get(0).path("ha").isNull()).isTrue();
        assertThat(servers.get(1).path("reachable").asBoolean()).isFalse();

        // one --kea again: back to one server, the old output
        assertThat(CliRun.run(env, "profile", "edit", "pair", "--kea", kea.endpoint()).exit()).isZero();
        assertThat(Files.readString(dir.resolve("config/gatehouse/profiles.toml"))).doesNotContain("peers");
        CliRun one = CliRun.run(env, "--profile", "pair", "status");
        assertThat(one.exit()).isZero();
        assertThat(one.out()).startsWith("kea:          " + kea.endpoint());
    }

    @Test
    void handWrittenPeerTableWithItsOwnNameIsUsed() throws Exception {
        Path file = Files.createDirectories(dir.resolve("config/gatehouse")).resolve("profiles.toml");
        Files.writeString(file, """
                default = "Häuser"
                [profiles."Häuser".kea]
                uri = "%s"
                # the second building
                [profiles."Häuser".peers."Haus B"]
                uri = "unix:%s"
                """.formatted(kea.endpoint(), dir.resolve("haus-b.sock")));
        CliRun status = CliRun.run(env, "status");
        assertThat(status.exit()).isEqualTo(3);
        assertThat(status.out()).contains("server1:").contains("Haus B:\n  kea:          unix:" + dir.resolve("haus-b.sock"));
        // two --kea on the command line override the profile's servers
        CliRun given = CliRun.run(env, "--kea", kea.endpoint(), "--kea", kea.endpoint(), "status");
        assertThat(given.exit()).isZero();
        assertThat(given.out()).contains("server1:").contains("server2:").doesNotContain("Haus B");
    }
}
