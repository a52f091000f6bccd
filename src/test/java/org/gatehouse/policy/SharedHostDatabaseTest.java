package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaTransport;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * When reservations are written once: every server has host_cmds and all name the same host
 * database. Read from answers real Kea servers gave (Kea 2.6.3 config-get with a MySQL
 * hosts-databases list, Kea 3.0 list-commands with host_cmds; kea-responses/README.md).
 */
class SharedHostDatabaseTest {
    private final KeaJson json = new KeaJson();

    private JsonNode recorded(String file) throws IOException {
        return json.read(Files.readString(SharedData.keaResponse(file))).get("response");
    }

    /** A client answering each command with its recorded answer (config-get possibly edited). */
    private KeaClient replaying(String name, JsonNode configGet, String listCommands) throws IOException {
        Map<String, String> answers = Map.of("version-get", json.write(recorded("kea-2.6/version-get.json")),
                "list-commands", json.write(recorded(listCommands)), "config-get", json.write(configGet));
        KeaTransport t = new KeaTransport() {
            @Override
            public String describe() {
                return "recorded:" + name;
            }

            @Override
            public boolean wantsService() {
                return false;
            }

            @Override
            public String exchange(String request, Duration timeout) {
                String command = request.replaceAll("(?s).*\"command\"\\s*:\\s*\"([a-z0-9-]+)\".*", "$1");
                return answers.get(command);
            }
        };
        return new KeaClient(t, json, Duration.ofSeconds(1));
    }

    private KeaServers servers(KeaClient... clients) {
        List<KeaServers.Server> all = new java.util.ArrayList<>();
        for (KeaClient c : clients) {
            all.add(new KeaServers.Server("server" + (all.size() + 1), c.endpoint(), c, null, null, null, null, Map.of()));
        }
        return new KeaServers(all);
    }

    private JsonNode otherHost(JsonNode configGet) {
        JsonNode copy = configGet.deepCopy();
        copy.findParents("hosts-databases").forEach(p -> ((ObjectNode) p.get("hosts-databases").get(0)).put("host", "192.0.2.7"));
        return copy;
    }

    @Test
    void sameHostDatabaseAndHostCmdsOnBothIsWrittenOnce() throws IOException {
        JsonNode config = recorded("kea-2.6/config-get.json");
        String hostCmds = "kea-3.0/list-commands.host_cmds-subnet_cmds.json";
        PeerDecisions shared = new PeerDecisions(servers(replaying("a", config, hostCmds), replaying("b", config, hostCmds)), null);
        assertThat(shared.sharedHostDatabase()).isTrue();

        PeerDecisions twoDatabases = new PeerDecisions(servers(replaying("a", config, hostCmds), replaying("b", otherHost(config), hostCmds)), null);
        assertThat(twoDatabases.sharedHostDatabase()).as("another database host: each server is written").isFalse();

        PeerDecisions noHostCmds = new PeerDecisions(servers(replaying("a", config, hostCmds),
                replaying("b", config, "kea-3.0/list-commands.no-hooks.json")), null);
        assertThat(noHostCmds.sharedHostDatabase()).as("a server without host_cmds").isFalse();
    }

    @Test
    void reservationsInTheConfigurationFileAreNoSharedDatabase() throws IOException {
        JsonNode dhcp4 = recorded("kea-2.6/config-get.json").findValue("Dhcp4");
        assertThat(PeerDecisions.hostDatabases(dhcp4)).isNotNull();
        ObjectNode fileOnly = dhcp4.deepCopy();
        fileOnly.remove("hosts-databases");
        assertThat(PeerDecisions.hostDatabases(fileOnly)).isNull();
        fileOnly.putObject("hosts-database").put("type", "postgresql").put("name", "kea");
        assertThat(PeerDecisions.hostDatabases(fileOnly).path("type").asText()).isEqualTo("postgresql");
    }
}
