package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.SecretScan;
import org.gatehouse.testing.SnmpSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse profile …} against a real Kea (and its Control Agent, and snmpsim): the
 * contract's exit codes, --profile / GATEHOUSE_PROFILE / the default for a normal command,
 * command-line options over a profile's values, a broken file (exit 2, file and line), and no
 * secret in any file Gatehouse wrote.
 */
@Tag("kea")
class ProfileCliTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    static final String PASSPHRASE = "Passphrase für den Test 42";

    @TempDir
    Path dir;
    Map<String, String> env;
    ControlAgent agent;

    @BeforeAll
    static void leases() {
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
        kea.addLease(200, "b8:27:eb:00:00:c8", "pi", 86400);
    }

    @BeforeEach
    void user() throws Exception {
        env = new HashMap<>();
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("GATEHOUSE_PASSPHRASE_FILE", CliRun.writePrivate(dir.resolve("passphrase"), PASSPHRASE + "\n").toString());
    }

    @AfterEach
    void noSecretInAnyFileGatehouseWrote() throws Exception {
        List<String> secrets = agent == null ? List.of(PASSPHRASE) : List.of(PASSPHRASE, agent.password());
        try {
            assertThat(SecretScan.find(List.of(dir.resolve("config"), dir.resolve("data"), dir.resolve("state"), dir.resolve("home"),
                    dir.resolve("cache")), secrets)).isEmpty();
        } finally {
            if (agent != null) {
                agent.close();
            }
        }
    }

    CliRun gatehouse(String... args) {
        return CliRun.run(env, args);
    }

    String cache() {
        return dir.resolve("cache/cache.db").toString();
    }

    @Test
    void addListShowDefaultRemoveWithTheContractsExitCodes() throws Exception {
        CliRun add = gatehouse("profile", "add", "Gästehaus", "--kea", kea.endpoint(), "--db", cache(), "--refresh", "5", "--default");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(gatehouse("profile", "add", "Gästehaus", "--kea", kea.endpoint()).exit()).as("a name in use").isEqualTo(2);
        assertThat(gatehouse("profile", "add", "bad", "--kea", "ftp://x").exit()).as("a Kea URI that does not parse").isEqualTo(2);

        CliRun list = gatehouse("profile", "list", "--format", "json");
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode arr = new ObjectMapper().readTree(list.out());
        assertThat(arr).hasSize(1);
        assertThat(arr.get(0).get("name").asText()).isEqualTo("Gästehaus");
        assertThat(arr.get(0).get("default").asBoolean()).isTrue();
        assertThat(arr.get(0).get("kea").asText()).isEqualTo(kea.endpoint());
        assertThat(arr.get(0).get("refresh").asInt()).isEqualTo(5);
        assertThat(gatehouse("profile", "show", "Gästehaus").out()).contains("refresh:").contains(cache());

        assertThat(gatehouse("profile", "show", "nosuch").exit()).isEqualTo(2);
        assertThat(gatehouse("profile", "default", "nosuch").exit()).isEqualTo(2);
        assertThat(gatehouse("profile", "remove", "nosuch").exit()).isEqualTo(2);
        assertThat(gatehouse("profile", "remove", "Gästehaus").exit()).isZero();
        assertThat(gatehouse("profile", "list", "--format", "json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void aNormalCommandUsesTheNamedTheEnvironmentsOrTheDefaultProfile() {
        assertThat(gatehouse("profile", "add", "site", "--kea", kea.endpoint(), "--db", cache()).exit()).isZero();
        assertThat(gatehouse("leases", "list", "--format", "csv").exit()).as("no profile, no --kea: nothing to connect to").isNotZero();

        CliRun named = gatehouse("leases", "list", "--profile", "site", "--format", "csv");
        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(named.out()).contains("anna-iphone").contains("192.168.40.200");

        env.put("GATEHOUSE_PROFILE", "site");
        CliRun fromEnv = gatehouse("leases", "list", "--format", "csv");
        assertThat(fromEnv.exit()).as(fromEnv.err()).isZero();
        assertThat(fromEnv.out()).contains("anna-iphone");
        env.remove("GATEHOUSE_PROFILE");

        assertThat(gatehouse("profile", "default", "site").exit()).isZero();
        CliRun byDefault = gatehouse("leases", "list", "--format", "csv");
        assertThat(byDefault.exit()).as(byDefault.err()).isZero();
        assertThat(byDefault.out()).contains("anna-iphone");
        assertThat(Path.of(cache())).as("the profile's cache location is used").exists();

        env.put("GATEHOUSE_PROFILE", "gone");
        CliRun missing = gatehouse("leases", "list");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no profile named 'gone'").contains("site");
    }

    @Test
    void optionsOnTheCommandLineOverrideTheProfile() {
        assertThat(gatehouse("profile", "add", "moved", "--kea", "unix:" + dir.resolve("no-such-socket"), "--db", cache()).exit()).isZero();
        assertThat(gatehouse("leases", "list", "--profile", "moved").exit()).as("the profile's own Kea is not there").isEqualTo(3);

        CliRun overridden = gatehouse("leases", "list", "--profile", "moved", "--kea", kea.endpoint(), "--format", "csv");
        assertThat(overridden.exit()).as(overridden.err()).isZero();
        assertThat(overridden.out()).contains("anna-iphone");
        assertThat(Path.of(cache())).as("values not overridden still come from the profile").exists();
    }

    @Test
    void aBrokenProfileFileIsExit2NamingFileAndLineAndStaysAsItWas() throws Exception {
        assertThat(gatehouse("profile", "add", "site", "--kea", kea.endpoint(), "--default").exit()).isZero();
        Path file = dir.resolve("config/gatehouse/profiles.toml");
        String broken = Files.readString(file).replace("uri = ", "uri = = ");
        Files.writeString(file, broken);
        int line = 1 + (int) broken.lines().takeWhile(l -> !l.contains("= =")).count();

        for (String[] args : new String[][] {{"leases", "list"}, {"profile", "list"}, {"profile", "add", "x", "--kea", kea.endpoint()},
                {"--profile", "site", "status"}}) {
            CliRun r = gatehouse(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).startsWith("gatehouse: error: profile file: ").contains(file + ":" + line);
        }
        assertThat(Files.readString(file)).isEqualTo(broken);
        CliRun explicit = gatehouse("leases", "list", "--kea", kea.endpoint(), "--db", cache(), "--format", "csv");
        assertThat(explicit.exit()).as("--kea does not need the profile file").isZero();
    }

    @Test
    void aPasswordIsStoredEncryptedAndUsedThroughTheControlAgent() throws Exception {
        agent = new ControlAgent(dir.resolve("ca"), kea.socket());
        Path pw = CliRun.writePrivate(dir.resolve("kea.pw"), agent.password() + "\n");
        CliRun add = gatehouse("profile", "add", "agent", "--kea", agent.url(), "--kea-user", agent.user(), "--kea-password-file",
                pw.toString(), "--db", cache());
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).contains("kea-password (encrypted)");
        Files.delete(pw);

        CliRun leases = gatehouse("leases", "list", "--profile", "agent", "--format", "csv");
        assertThat(leases.exit()).as(leases.err()).isZero();
        assertThat(leases.out()).contains("anna-iphone");

        env.put("GATEHOUSE_PASSPHRASE_FILE", CliRun.writePrivate(dir.resolve("wrong"), "wrong passphrase\n").toString());
        CliRun wrong = gatehouse("leases", "list", "--profile", "agent");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("wrong passphrase").doesNotContain(agent.password());
    }

    @Test
    void profileTestReportsEachPartAndFailsUnlessAllAnswered() throws Exception {
        Path community = CliRun.writePrivate(dir.resolve("community"), SnmpSimulator.COMMUNITY + "\n");
        assertThat(gatehouse("profile", "add", "site", "--kea", kea.endpoint(), "--snmp", "udp:127.0.0.1:" + sim.port(),
                "--community-file", community.toString()).exit()).isZero();
        CliRun ok = gatehouse("profile", "test", "site");
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        // the console's Test facts: hooks, subnets and tiers, the denied class, the site check; sysName, sysDescr, learned MACs
        assertThat(ok.out()).containsPattern("kea: +ok +Kea 2\\.\\d+\\.\\d+ at unix:").contains("Hooks: lease_cmds")
                .contains("Subnet 40 192.168.40.0/24: three tiers recognised").contains("The 'denied' class exists").contains("site check: ")
                .contains("snmp:   ok   SNMP sysName: <private>").contains("sysDescr: HP Comware Platform Software")
                .containsPattern("Learned MACs: [1-9]\\d*");
        JsonNode json = new ObjectMapper().readTree(gatehouse("profile", "test", "site", "--format", "json").out());
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("parts").get(0).get("facts").toString()).contains("three tiers recognised");

        int closed = ControlAgent.freePort();
        assertThat(gatehouse("profile", "edit", "site", "--switch", "ssh://admin@127.0.0.1:" + closed, "--secret",
                "switch-password=file:" + community).exit()).isZero();
        CliRun partly = gatehouse("profile", "test", "site");
        assertThat(partly.exit()).as("the switch did not answer").isEqualTo(1);
        assertThat(partly.out()).containsPattern("kea: +ok").containsPattern("switch: FAIL").containsPattern("snmp: +ok");
    }

    @Test
    void profileTestLogsInToTheSwitchWithItsRecordedKeyAndReadsTheAcl() throws Exception {
        Path hostKey = dir.resolve("switch-hostkey");
        String right = null;
        for (KeyPair kp : new SimpleGeneratorHostKeyProvider(hostKey).loadKeys(null)) {
            right = KeyUtils.getFingerPrint(BuiltinDigests.sha256, kp.getPublic()); // made before the double loads it
        }
        try (ComwareCliDouble sw = new ComwareCliDouble(hostKey, new ComwareCliDouble.Options())) {
            sw.handMadeRule(4000, 5, "deny source-mac 0011-2233-4455 ffff-ffff-ffff");
            Path pw = CliRun.writePrivate(dir.resolve("switch.pw"), sw.password() + "\n");
            assertThat(gatehouse("profile", "add", "sw", "--switch", "ssh://" + sw.user() + "@127.0.0.1:" + sw.port(),
                    "--switch-password-file", pw.toString(), "--switch-fingerprint", right).exit()).isZero();
            CliRun ok = gatehouse("profile", "test", "sw");
            assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
            assertThat(ok.out()).contains("switch: ok   Logged in to " + ComwareCliDouble.SYSNAME).contains("display version: ")
                    .contains("MAC ACL 4000: 1 rule");

            assertThat(gatehouse("profile", "edit", "sw", "--switch-fingerprint", "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s")
                    .exit()).isZero();
            int logins = sw.logins();
            CliRun refused = gatehouse("profile", "test", "sw");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.out()).contains("switch: FAIL").contains("not the one the profile records").contains(right);
            assertThat(sw.logins()).as("no password sent to a switch with another key").isEqualTo(logins);
        }
    }

    @Test
    void theProfilesPoolLevelsAreTheOnesPoolsUses() throws Exception {
        assertThat(gatehouse("profile", "add", "tight", "--kea", kea.endpoint(), "--db", cache(), "--pool-warning", "1",
                "--pool-critical", "100").exit()).isZero();
        JsonNode plain = new ObjectMapper().readTree(gatehouse("pools", "--kea", kea.endpoint(), "--db", cache(), "--format", "json").out());
        JsonNode tight = new ObjectMapper().readTree(gatehouse("pools", "--profile", "tight", "--format", "json").out());
        assertThat(plain.findValuesAsText("level")).containsOnly("ok");
        assertThat(tight.findValuesAsText("level")).contains("warning");
        for (JsonNode pool : tight) {
            assertThat(pool.get("level").asText()).as(pool.toString()).isEqualTo(pool.get("percent").asDouble() >= 1 ? "warning" : "ok");
        }
    }

    @Test
    void aRelativeSecretFileIsKeptAsAnAbsolutePath() throws Exception {
        Path pw = CliRun.writePrivate(dir.resolve("rel.pw"), "relative-secret-file\n");
        Path relative = Path.of("").toAbsolutePath().relativize(pw);
        assertThat(gatehouse("profile", "add", "svc", "--kea", kea.endpoint(), "--secret", "kea-password=file:" + relative).exit()).isZero();
        assertThat(gatehouse("profile", "show", "svc").out()).contains("kea-password:      file:" + pw);
        CliRun notARef = gatehouse("profile", "add", "svc2", "--kea", kea.endpoint(), "--secret", "kea-password=hunter2-typed");
        assertThat(notARef.exit()).as("a secret itself is no reference").isEqualTo(2);
        assertThat(notARef.err()).contains("not a secret reference").doesNotContain("hunter2-typed");
    }

    @Test
    void theProfilesRetentionIsTheCachesAndTheChangeIsAudited() {
        assertThat(gatehouse("profile", "add", "site", "--kea", kea.endpoint(), "--db", cache(), "--retention", "30").exit()).isZero();
        CliRun size = gatehouse("db", "check", "--profile", "site");
        assertThat(size.out()).as(size.err()).contains("lease history 30 days");
        CliRun audit = gatehouse("audit", "list", "--profile", "site", "--format", "csv");
        assertThat(audit.out()).contains("lease-history-retention").contains("from profile site");
    }
}
