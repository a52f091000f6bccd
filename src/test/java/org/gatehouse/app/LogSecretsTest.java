package org.gatehouse.app;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gatehouse.cli.CliRun;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.SnmpSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every secret in use at once — Kea's HTTP basic auth (password file), the switch's SSH password,
 * an SNMP community and SNMPv3 passphrases — through the real launcher at DEBUG, then every byte
 * under the state directory and the cache is searched for each secret: plain, base64 and hex.
 */
@Tag("kea")
@Tag("switch")
class LogSecretsTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    @TempDir
    Path dir;

    ControlAgent agent;
    ComwareCliDouble sw;

    @BeforeEach
    void start() throws Exception {
        agent = new ControlAgent(dir.resolve("ca"), kea.socket());
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
        kea.addLease(140, "f0:18:98:00:00:8c", "anna-phone", 86400);
    }

    @AfterEach
    void stop() throws Exception {
        sw.close();
        agent.close();
    }

    @Test
    void noSecretReachesTheLogOrTheCacheInAnyEncoding() throws Exception {
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEHOUSE_KEA", agent.url());
        env.put("GATEHOUSE_KEA_USER", agent.user());
        env.put("GATEHOUSE_KEA_PASSWORD_FILE", CliRun.writePrivate(secrets.resolve("kea"), agent.password() + "\n").toString());
        env.put("GATEHOUSE_SWITCH", "ssh://" + sw.user() + "@127.0.0.1:" + sw.port());
        env.put("GATEHOUSE_SWITCH_PASSWORD_FILE", CliRun.writePrivate(secrets.resolve("switch"), sw.password() + "\n").toString());
        env.put("GATEHOUSE_SNMP", "udp:127.0.0.1:" + sim.port());
        env.put("GATEHOUSE_COMMUNITY_FILE", CliRun.writePrivate(secrets.resolve("community"), SnmpSimulator.COMMUNITY + "\n").toString());
        String knownHosts = dir.resolve("known_hosts").toString();

        GatehouseProcess.User user = GatehouseProcess.User.in(dir.resolve("user"));
        List<GatehouseProcess> runs = new ArrayList<>();
        runs.add(user.run(env, "--debug", "leases", "list"));
        runs.add(user.run(env, "--debug", "--known-hosts", knownHosts, "--accept-new-host-key", "switch", "block", "aa:bb:cc:00:11:22"));
        runs.add(user.run(env, "--debug", "--known-hosts", knownHosts, "approve", "f0:18:98:00:00:8c", "--hostname", "anna-phone"));
        runs.add(user.run(env, "--debug", "switch", "locate", "00-00-5E-00-00-01"));
        Map<String, String> v3 = new LinkedHashMap<>(env);
        v3.remove("GATEHOUSE_COMMUNITY_FILE");
        v3.put("GATEHOUSE_SNMP_USER", sim.v3User());
        v3.put("GATEHOUSE_SNMP_AUTH_FILE", CliRun.writePrivate(secrets.resolve("auth"), sim.authKey()).toString());
        v3.put("GATEHOUSE_SNMP_PRIV_FILE", CliRun.writePrivate(secrets.resolve("priv"), sim.privKey()).toString());
        runs.add(user.run(v3, "--debug", "switch", "vlans"));
        runs.add(user.run(env, "--debug", "--known-hosts", knownHosts, "sync", "--once"));
        for (GatehouseProcess r : runs.subList(0, runs.size() - 1)) {
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
        }
        String log = user.log();
        assertThat(log).as("the secrets were in use: each part logged its work")
                .contains("kea lease4-get-page at " + agent.url()).contains("write lock on ")
                .contains("switch session ssh://" + sw.user() + "@127.0.0.1:" + sw.port() + ": ok")
                .contains("snmp walk ").contains(" DEBUG ");

        Map<String, byte[]> forms = new LinkedHashMap<>();
        for (String secret : List.of(agent.password(), sw.password(), SnmpSimulator.COMMUNITY, sim.authKey(), sim.privKey(),
                agent.user() + ":" + agent.password())) {
            byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
            forms.put("plain " + secret, raw);
            forms.put("base64 " + secret, Base64.getEncoder().encodeToString(raw).replace("=", "").getBytes(StandardCharsets.US_ASCII));
            forms.put("base64url " + secret, Base64.getUrlEncoder().withoutPadding().encodeToString(raw).getBytes(StandardCharsets.US_ASCII));
            forms.put("hex " + secret, HexFormat.of().formatHex(raw).getBytes(StandardCharsets.US_ASCII));
            forms.put("HEX " + secret, HexFormat.of().withUpperCase().formatHex(raw).getBytes(StandardCharsets.US_ASCII));
        }
        List<Path> files;
        try (Stream<Path> walk = Stream.concat(Files.walk(user.state()), Files.walk(user.cache()))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).as("the log and the cache were written").anyMatch(f -> f.endsWith("gatehouse.log"))
                .anyMatch(f -> f.getFileName().toString().startsWith("cache.db"));
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            byte[] content = Files.readAllBytes(f);
            forms.forEach((form, needle) -> {
                if (indexOf(content, needle) >= 0) {
                    found.add(form + " in " + f);
                }
            });
        }
        for (GatehouseProcess r : runs) {
            byte[] printed = (r.out() + r.err()).getBytes(StandardCharsets.UTF_8);
            forms.forEach((form, needle) -> {
                if (indexOf(printed, needle) >= 0) {
                    found.add(form + " in the output");
                }
            });
        }
        assertThat(found).isEmpty();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
