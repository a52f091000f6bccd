package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code site check} and the captive portal: a configuration from {@code site generate} with one DNS
 * mistake injected, accepted by the real {@code kea-dhcp4 -t}, is an error naming the pool, the
 * address and where it comes from; the generated configuration itself is clean.
 */
@Tag("kea")
class SiteCheckDnsTest {
    static final String PUBLIC = "9.9.9.9";
    static final String PORTAL = "192.168.40.4";

    @TempDir
    Path dir;

    private final KeaJson json = new KeaJson();

    /** What {@code gatehouse site generate} prints for VLAN 40 with public DNS 9.9.9.9 (portal: the VLAN's .4). */
    private ObjectNode generated() throws Exception {
        CliRun r = CliRun.run(Map.of(), "site", "generate", "--vlan", "40", "--subnet", "192.168.40.0/24", "--dns", PUBLIC);
        assertThat(r.exit()).as(r.err()).isZero();
        return (ObjectNode) json.read(r.out());
    }

    private static ObjectNode dhcp4(ObjectNode c) {
        return (ObjectNode) c.path("Dhcp4");
    }

    private static ObjectNode subnet(ObjectNode c) {
        return (ObjectNode) dhcp4(c).path("subnet4").get(0);
    }

    /** 0 registered, 1 newly-unregistered, 2 old-unregistered (the generated order). */
    private static ObjectNode pool(ObjectNode c, int i) {
        return (ObjectNode) subnet(c).path("pools").get(i);
    }

    private static ObjectNode dnsClass(ObjectNode c, String name) {
        for (JsonNode k : dhcp4(c).path("client-classes")) {
            if (k.path("name").asText().equals(name)) {
                return (ObjectNode) k;
            }
        }
        throw new AssertionError(name);
    }

    private static void setDns(ObjectNode scope, String data) {
        ArrayNode opts = scope.has("option-data") ? (ArrayNode) scope.get("option-data") : scope.putArray("option-data");
        for (int i = opts.size() - 1; i >= 0; i--) {
            if (opts.get(i).path("name").asText().equals("domain-name-servers")) {
                opts.remove(i);
            }
        }
        opts.addObject().put("name", "domain-name-servers").put("data", data);
    }

    private static void dropDns(ObjectNode scope) {
        scope.remove("option-data");
    }

    /** Injects the mistake, proves kea-dhcp4 accepts the file, and returns the findings of {@code site check FILE}. */
    private List<JsonNode> check(Consumer<ObjectNode> mistake) throws Exception {
        ObjectNode c = generated();
        mistake.accept(c);
        Path file = Files.createTempFile(dir, "kea-dhcp4-", ".conf");
        Files.writeString(file, json.write(c));
        ProcessBuilder pb = new ProcessBuilder(LocalKea.binary().toString(), "-t", file.toString()).redirectErrorStream(true);
        pb.environment().put("KEA_LOCKFILE_DIR", "none");
        Process kea = pb.start();
        String keaSays = new String(kea.getInputStream().readAllBytes());
        assertThat(kea.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(kea.exitValue()).as("kea-dhcp4 -t accepts the injected config: " + keaSays).isZero();

        CliRun r = CliRun.run(Map.of(), "site", "check", file.toString(), "--format", "json");
        List<JsonNode> dns = new ArrayList<>();
        json.read(r.out()).forEach(f -> {
            if (f.path("what").asText().contains("DNS") || f.path("what").asText().contains("hands out")) {
                dns.add(f);
            }
        });
        boolean anyError = false;
        for (JsonNode f : json.read(r.out())) {
            anyError |= f.path("severity").asText().equals("ERROR");
        }
        assertThat(r.exit()).as(r.out()).isEqualTo(anyError ? 1 : 0);
        return dns;
    }

    @Test
    void theGeneratedConfigHandsOutPublicAndPortalDnsCorrectly() throws Exception {
        assertThat(check(c -> { })).isEmpty();
        // The same scheme set through the classes instead of the pools is just as right (class options apply when the pool has none).
        assertThat(check(c -> {
            List.of(0, 1, 2).forEach(i -> dropDns(pool(c, i)));
            setDns(dnsClass(c, "registered"), PUBLIC);
            setDns(dnsClass(c, "newly-unregistered"), PORTAL);
            setDns(dnsClass(c, "old-unregistered"), PORTAL);
            setDns(dhcp4(c), "127.0.0.53"); // global: loses to every class
        })).isEmpty();
    }

    @Test
    void anUnregisteredPoolThatInheritsTheSubnetsPublicDnsIsAnError() throws Exception {
        List<JsonNode> f = check(c -> {
            setDns(subnet(c), PUBLIC);
            dropDns(pool(c, 1));
        });
        assertThat(f).singleElement().satisfies(e -> {
            assertThat(e.path("severity").asText()).isEqualTo("ERROR");
            assertThat(e.path("where").asText()).isEqualTo("subnet 40 (192.168.40.0/24) newly-unregistered pool");
            assertThat(e.path("what").asText()).contains("hands out 9.9.9.9, the registered pool's DNS (from the subnet)")
                    .contains("without the captive portal");
            assertThat(e.path("hint").asText()).contains("its own option-data domain-name-servers with the portal's DNS");
        });
    }

    @Test
    void anUnregisteredPoolGivenTheRegisteredDnsOrAPublicResolverIsAnError() throws Exception {
        assertThat(check(c -> setDns(pool(c, 2), PUBLIC))).singleElement().satisfies(e -> {
            assertThat(e.path("where").asText()).endsWith("old-unregistered pool");
            assertThat(e.path("what").asText()).contains("hands out 9.9.9.9, the registered pool's DNS (from the pool's own option-data)");
        });
        // A global public resolver reaches the newly-unregistered pool once its own option is gone, though the registered pool uses another.
        assertThat(check(c -> {
            setDns(dhcp4(c), "8.8.8.8, 8.8.4.4");
            dropDns(pool(c, 1));
        })).extracting(e -> e.path("what").asText()).containsExactly(
                "hands out 8.8.8.8, a public resolver (from the global option-data): unregistered devices resolve names without the captive portal",
                "hands out 8.8.4.4, a public resolver (from the global option-data): unregistered devices resolve names without the captive portal");
    }

    @Test
    void subnetOptionsBeatClassOptionsSoAClassCannotRescueTheUnregisteredPool() throws Exception {
        List<JsonNode> f = check(c -> {
            List.of(0, 1, 2).forEach(i -> dropDns(pool(c, i)));
            setDns(subnet(c), PUBLIC);
            setDns(dnsClass(c, "newly-unregistered"), PORTAL);
            setDns(dnsClass(c, "old-unregistered"), PORTAL);
        });
        assertThat(f).extracting(e -> e.path("where").asText()).containsExactly(
                "subnet 40 (192.168.40.0/24) newly-unregistered pool", "subnet 40 (192.168.40.0/24) old-unregistered pool");
        assertThat(f).allSatisfy(e -> assertThat(e.path("what").asText()).contains("9.9.9.9").contains("(from the subnet)"));
    }

    @Test
    void aRegisteredPoolThatHandsOutThePortalDnsIsAnError() throws Exception {
        // Set in the pool itself ...
        assertThat(check(c -> setDns(pool(c, 0), PORTAL))).singleElement().satisfies(e -> {
            assertThat(e.path("severity").asText()).isEqualTo("ERROR");
            assertThat(e.path("where").asText()).isEqualTo("subnet 40 (192.168.40.0/24) registered pool");
            assertThat(e.path("what").asText()).isEqualTo("hands out 192.168.40.4, the unregistered pools' portal DNS (from the pool's own"
                    + " option-data): approved devices are sent to the captive portal");
        });
        // ... inherited from the subnet once the pool's own option is gone ...
        assertThat(check(c -> {
            setDns(subnet(c), PORTAL);
            dropDns(pool(c, 0));
        })).singleElement().satisfies(e -> assertThat(e.path("what").asText()).contains("192.168.40.4").contains("(from the subnet)"));
        // ... or written as packed hex (csv-format false), the way Kea also accepts it.
        assertThat(check(c -> {
            dropDns(pool(c, 0));
            pool(c, 0).putArray("option-data").addObject().put("name", "domain-name-servers").put("csv-format", false)
                    .put("data", "C0A82804");
        })).singleElement().satisfies(e -> assertThat(e.path("where").asText()).endsWith("registered pool"));
    }

    @Test
    void anUnregisteredPoolWithoutAnyDnsIsAWarning() throws Exception {
        assertThat(check(c -> dropDns(pool(c, 1)))).singleElement().satisfies(e -> {
            assertThat(e.path("severity").asText()).isEqualTo("WARNING");
            assertThat(e.path("what").asText()).contains("no DNS server");
        });
    }
}
