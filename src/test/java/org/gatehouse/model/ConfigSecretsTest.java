package org.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The secret rule on the shapes Kea 2.2 to 3.0 answer config-get with. */
class ConfigSecretsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Kea 3.0-like Dhcp4 tree with every kind of secret the rule knows (quotes written as '). */
    private static JsonNode kea3() throws Exception {
        return JSON.readTree(("""
                {'Dhcp4': {
                  'lease-database': {'type': 'postgresql', 'name': 'kea', 'user': 'kea', 'password': 'pässwörd-ü€'},
                  'hosts-databases': [{'type': 'postgresql', 'name': 'a', 'user': 'kea', 'password': 'db-a'},
                                      {'type': 'postgresql', 'name': 'b', 'user': 'kea', 'password-file': '/etc/kea/b.pw'}],
                  'config-control': {'config-databases': [{'type': 'mysql', 'name': 'cb', 'Password': 'cb-pw'}]},
                  'hooks-libraries': [{'library': 'libdhcp_ha.so', 'parameters': {'high-availability': [{'peers': [
                      {'name': 'server1', 'basic-auth-user': 'ha', 'basic-auth-password': 'ha-1'},
                      {'name': 'server2', 'basic-auth-user': 'ha', 'basic-auth-password': 'ha-2',
                       'basic-auth-password-file': '/etc/kea/ha.pw'}]}]}}],
                  'authentication': {'clients': [{'user': 'admin', 'password': 'ca-pw'}]},
                  'tsig-keys': [{'name': 'k', 'algorithm': 'HMAC-SHA256', 'secret': 'c2VjcmV0', 'secret-file': '/etc/kea/k'}],
                  'user-context': {'api-secret': 42, 'password': null, 'note': 'password is not a value'}
                }}""").replace('\'', '"'));
    }

    @Test
    void blanksEverySecretAtAnyDepthAndKeepsPathsToFiles() throws Exception {
        JsonNode original = kea3();
        JsonNode r = ConfigSecrets.redacted(original);
        String text = r.toString();
        for (String secret : new String[] {"pässwörd-ü€", "db-a", "cb-pw", "ha-1", "ha-2", "ca-pw", "c2VjcmV0", "42"}) {
            assertThat(text).doesNotContain(secret);
        }
        JsonNode d = r.get("Dhcp4");
        assertThat(d.at("/lease-database/password").asText()).isEqualTo(ConfigSecrets.MARKER);
        assertThat(d.at("/hosts-databases/0/password").asText()).isEqualTo(ConfigSecrets.MARKER);
        assertThat(d.at("/config-control/config-databases/0/Password").asText()).isEqualTo(ConfigSecrets.MARKER);
        assertThat(d.at("/hooks-libraries/0/parameters/high-availability/0/peers/1/basic-auth-password").asText())
                .isEqualTo(ConfigSecrets.MARKER);
        assertThat(d.at("/authentication/clients/0/password").asText()).isEqualTo(ConfigSecrets.MARKER);
        assertThat(d.at("/tsig-keys/0/secret").asText()).isEqualTo(ConfigSecrets.MARKER);
        // paths to files, users and names stay; null stays null; the original is not touched
        assertThat(d.at("/hosts-databases/1/password-file").asText()).isEqualTo("/etc/kea/b.pw");
        assertThat(d.at("/hooks-libraries/0/parameters/high-availability/0/peers/1/basic-auth-password-file").asText())
                .isEqualTo("/etc/kea/ha.pw");
        assertThat(d.at("/tsig-keys/0/secret-file").asText()).isEqualTo("/etc/kea/k");
        assertThat(d.at("/lease-database/user").asText()).isEqualTo("kea");
        assertThat(d.at("/user-context/password").isNull()).isTrue();
        assertThat(d.at("/user-context/note").asText()).isEqualTo("password is not a value");
        assertThat(original.at("/Dhcp4/lease-database/password").asText()).isEqualTo("pässwörd-ü€");
        assertThat(ConfigSecrets.holdsSecrets(original)).isTrue();
        assertThat(ConfigSecrets.holdsSecrets(r)).isFalse();
    }

    @Test
    void restoringTakesEachSecretFromTheSamePlaceMatchingPeersByName() throws Exception {
        JsonNode snapshot = ConfigSecrets.redacted(kea3());
        JsonNode running = kea3().deepCopy();
        // the running configuration lists the HA peers the other way round, with other passwords
        com.fasterxml.jackson.databind.node.ArrayNode peers =
                (com.fasterxml.jackson.databind.node.ArrayNode) running.at("/Dhcp4/hooks-libraries/0/parameters/high-availability/0/peers");
        JsonNode first = peers.remove(0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) first).put("basic-auth-password", "new-1");
        peers.add(first);
        JsonNode back = ConfigSecrets.restored(snapshot, running);
        assertThat(back.at("/Dhcp4/hooks-libraries/0/parameters/high-availability/0/peers/0/name").asText()).isEqualTo("server1");
        assertThat(back.at("/Dhcp4/hooks-libraries/0/parameters/high-availability/0/peers/0/basic-auth-password").asText())
                .isEqualTo("new-1");
        assertThat(back.at("/Dhcp4/hooks-libraries/0/parameters/high-availability/0/peers/1/basic-auth-password").asText())
                .isEqualTo("ha-2");
        assertThat(back.at("/Dhcp4/lease-database/password").asText()).isEqualTo("pässwörd-ü€");
        assertThat(back.at("/Dhcp4/tsig-keys/0/secret").asText()).isEqualTo("c2VjcmV0");
        assertThat(back.at("/Dhcp4/user-context/api-secret").asInt()).isEqualTo(42);
        assertThat(ConfigSecrets.values(back)).contains("new-1", "ha-2", "pässwörd-ü€", "ca-pw").doesNotContain(ConfigSecrets.MARKER);
    }

    @Test
    void aSecretTheRunningConfigurationLacksIsNamedAndNothingIsReturned() throws Exception {
        JsonNode snapshot = ConfigSecrets.redacted(kea3());
        JsonNode running = kea3().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) running.at("/Dhcp4/hooks-libraries/0/parameters/high-availability/0/peers/1"))
                .remove("basic-auth-password");
        ((com.fasterxml.jackson.databind.node.ObjectNode) running.get("Dhcp4")).remove("authentication");
        assertThatThrownBy(() -> ConfigSecrets.restored(snapshot, running))
                .isInstanceOfSatisfying(ConfigSecrets.Unrecoverable.class, e -> assertThat(e.paths()).containsExactly(
                        "Dhcp4.hooks-libraries[0].parameters.high-availability[0].peers[name=server2].basic-auth-password",
                        "Dhcp4.authentication.clients[0].password"))
                .hasMessageNotContaining("ha-1").hasMessageNotContaining("ca-pw");
    }

    @Test
    void scrubRemovesKnownSecretsFromServerText() {
        assertThat(ConfigSecrets.scrub("cannot connect: password=pässwörd-ü€ rejected", java.util.List.of("pässwörd-ü€")))
                .isEqualTo("cannot connect: password=******** rejected");
    }
}
