package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.SnmpSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse switch …} end to end: real CLI, real wiring, the Comware double over SSH, snmpsim. */
@Tag("switch")
class SwitchCliTest {
    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    @TempDir
    Path dir;
    ComwareCliDouble sw;
    Path passwordFile;

    @BeforeEach
    void start() throws Exception {
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
        passwordFile = dir.resolve("switch-password");
        CliRun.writePrivate(passwordFile, sw.password() + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        sw.close();
    }

    CliRun run(String... args) {
        return runWithTimeout("4", args);
    }

    CliRun runWithTimeout(String seconds, String... args) {
        List<String> all = new ArrayList<>(List.of("--switch", "ssh://" + sw.user() + "@127.0.0.1:" + sw.port(),
                "--switch-password-file", passwordFile.toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                "--accept-new-host-key", "--db", dir.resolve("cache.db").toString(), "--timeout", seconds));
        all.addAll(List.of(args));
        return CliRun.run(Map.of(), all.toArray(String[]::new));
    }

    static JsonNode json(CliRun r) throws Exception {
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void blockIsSavedAndIdempotent() {
        CliRun first = run("switch", "block", "AA-BB-CC-00-11-22", "--note", "stolen laptop");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("blocked aa:bb:cc:00:11:22 with ACL 4000 rule 50000 (saved)");
        assertThat(sw.saved().rules(4000)).containsEntry(50000, "deny source-mac aabb-cc00-1122 ffff-ffff-ffff");
        assertThat(sw.logins()).isEqualTo(1);

        CliRun again = run("switch", "block", "aabb.cc00.1122");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("already blocked by ACL 4000 rule 50000").contains("nothing changed");
        assertThat(sw.saved().rules(4000)).hasSize(1);
    }

    @Test
    void aSlowSaveOutlastsTheCommandTimeout() {
        // --timeout 1 bounds every command but 'save force', which a 5130 may take much longer to answer
        sw.options(new ComwareCliDouble.Options().slow("save force", Duration.ofMillis(2500)));
        CliRun r = runWithTimeout("1", "switch", "block", "aa:bb:cc:00:11:22");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("rule 50000 (saved)");
        assertThat(sw.saved().rules(4000)).containsKey(50000);
    }

    @Test
    void aBlockCutOffAtTheSaveIsReportedNotSavedAndCanBeUnblocked() {
        // 1 screen-length, 2 display acl, 3 system-view, 4 acl mac, 5 rule, 6 quit, 7 return, 8 display acl (check), 9 save force
        sw.options(new ComwareCliDouble.Options().dropAfter(9));
        CliRun block = run("switch", "block", "aa:bb:cc:00:11:22");
        assertThat(block.exit()).isEqualTo(3);
        assertThat(block.err()).contains("blocked aa:bb:cc:00:11:22 with ACL 4000 rule 50000, in effect but NOT saved");
        sw.options(new ComwareCliDouble.Options());
        CliRun un = run("switch", "unblock", "aa:bb:cc:00:11:22");
        assertThat(un.exit()).as(un.err()).isZero();
        assertThat(un.out()).contains("unblocked aa:bb:cc:00:11:22");
        assertThat(sw.running().rules(4000)).isEmpty();
    }

    @Test
    void ruleIdsNeverCollideWithHandMadeRules() {
        sw.handMadeRule(4000, 50000, "deny source-mac 0011-2233-4455 ffff-ffff-ffff");
        sw.handMadeRule(4000, 50001, "permit source-mac 0011-2233-4466 ffff-ffff-ffff");
        assertThat(run("switch", "block", "aa:bb:cc:00:11:22").exit()).isZero();
        assertThat(sw.saved().rules(4000)).containsEntry(50000, "deny source-mac 0011-2233-4455 ffff-ffff-ffff")
                .containsEntry(50001, "permit source-mac 0011-2233-4466 ffff-ffff-ffff")
                .containsEntry(50002, "deny source-mac aabb-cc00-1122 ffff-ffff-ffff");
    }

    @Test
    void blockedReadsTheSwitchAndShowsEveryDisagreementWithoutFixingIt() throws Exception {
        sw.handMadeRule(4000, 5, "deny source-mac 0011-2233-4455 ffff-ffff-ffff");
        assertThat(run("switch", "block", "aa:bb:cc:00:11:22").exit()).isZero();
        assertThat(run("switch", "block", "aa:bb:cc:00:11:33").exit()).isZero();

        CliRun blocked = run("--format", "json", "switch", "blocked");
        assertThat(blocked.exit()).isZero();
        JsonNode arr = json(blocked);
        assertThat(arr).hasSize(3);
        assertThat(arr.get(0).toString()).isEqualTo("{\"mac\":\"00:11:22:33:44:55\",\"acl\":4000,\"rule\":5,\"ours\":false}");
        assertThat(arr.get(1).toString()).isEqualTo("{\"mac\":\"aa:bb:cc:00:11:22\",\"acl\":4000,\"rule\":50000,\"ours\":true}");
        assertThat(blocked.err()).contains("00:11:22:33:44:55 is blocked on the switch (ACL 4000 rule 5) but unknown here");

        // someone removes our rule on the switch by hand ("undo rule 50001" and save)
        sw.handRemovedRule(4000, 50001);
        for (int i = 0; i < 2; i++) {
            CliRun again = run("switch", "blocked");
            assertThat(again.exit()).isZero();
            assertThat(again.out()).contains("NOT on switch");
            assertThat(again.err()).contains("aa:bb:cc:00:11:33 is blocked here (ACL 4000 rule 50001").contains("but NOT on the switch");
        }
        assertThat(sw.saved().rules(4000)).doesNotContainKey(50001);
    }

    @Test
    void unblockIsIdempotentAndLeavesHandMadeRulesAlone() {
        sw.handMadeRule(4000, 5, "deny source-mac 0011-2233-4455 ffff-ffff-ffff");
        assertThat(run("switch", "block", "aa:bb:cc:00:11:22").exit()).isZero();
        CliRun un = run("switch", "unblock", "aa:bb:cc:00:11:22");
        assertThat(un.exit()).as(un.err()).isZero();
        assertThat(un.out()).contains("unblocked aa:bb:cc:00:11:22").contains("50000");
        assertThat(sw.saved().rules(4000)).containsOnlyKeys(5);
        assertThat(sw.received()).contains("undo rule 50000");

        CliRun again = run("switch", "unblock", "aa:bb:cc:00:11:22");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("is not blocked").contains("nothing changed");

        CliRun handMade = run("switch", "unblock", "00:11:22:33:44:55");
        assertThat(handMade.exit()).isEqualTo(1);
        assertThat(handMade.err()).startsWith("gatehouse: error: ssh://netops@127.0.0.1:").contains("which Gatehouse did not add");
        assertThat(sw.saved().rules(4000)).containsOnlyKeys(5);
    }

    @Test
    void installAclIsAnExplicitStep() {
        CliRun block = run("switch", "block", "aa:bb:cc:00:11:22");
        assertThat(block.exit()).isZero();
        assertThat(block.out()).contains("— ACL 4000 is not applied on any interface yet (run switch install-acl)");
        assertThat(sw.received()).noneMatch(l -> l.startsWith("packet-filter"));
        CliRun install = run("switch", "install-acl", "--interface", "GE1/0/20", "--interface", "Bridge-Aggregation1");
        assertThat(install.exit()).as(install.err()).isZero();
        CliRun next = run("switch", "block", "aa:bb:cc:00:11:33");
        assertThat(next.exit()).isZero();
        assertThat(next.out()).contains("rule 50001 (saved)").doesNotContain("not applied");
        assertThat(sw.saved().filters("GigabitEthernet1/0/20")).containsExactly("packet-filter mac 4000 inbound");
        assertThat(sw.saved().filters("Bridge-Aggregation1")).containsExactly("packet-filter mac 4000 inbound");

        CliRun unknown = run("switch", "install-acl", "--interface", "GE7/0/7");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("the switch rejected 'interface GigabitEthernet7/0/7': % Wrong parameter found at '^' position.");
    }

    @Test
    void unsafeInputNeverReachesTheSwitch() {
        for (String[] args : List.of(new String[] {"switch", "block", "aa:bb:cc:00:11:22;save"},
                new String[] {"switch", "block", "aa:bb:cc:00:11:22\nundo acl mac all"},
                new String[] {"switch", "unblock", "aa:bb:cc:00:11:2?"},
                new String[] {"switch", "install-acl", "--interface", "GE1/0/1;undo acl mac all"},
                new String[] {"switch", "install-acl", "--interface", "GE1/0/1 %"},
                new String[] {"switch", "install-acl", "--interface", "GE１/0/1"},
                new String[] {"--acl", "3999", "switch", "blocked"},
                new String[] {"switch", "block", "aa:bb:cc:00:11:22", "--vlan", "40;"})) {
            CliRun r = run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).startsWith("gatehouse: error: bad ");
        }
        assertThat(sw.logins()).isZero();
        assertThat(sw.received()).isEmpty();
    }

    @Test
    void unknownHostKeyIsRefusedWithoutTheFlag() {
        CliRun r = CliRun.run(Map.of(), "--switch", "ssh://" + sw.user() + "@127.0.0.1:" + sw.port(), "--switch-password-file",
                passwordFile.toString(), "--known-hosts", dir.resolve("known_hosts").toString(), "--db", dir.resolve("c.db").toString(),
                "switch", "blocked");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("unknown host key").contains("--accept-new-host-key");
    }

    @Test
    void credentialsStayOutOfTheCache() throws Exception {
        assertThat(run("switch", "block", "aa:bb:cc:00:11:22", "--note", "n").exit()).isZero();
        assertThat(run("switch", "blocked").exit()).isZero();
        for (Path f : List.of(dir.resolve("cache.db"), dir.resolve("cache.db-wal"))) {
            if (Files.exists(f)) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain(sw.password());
            }
        }
    }

    @Test
    void locateOverSnmpPrintsTheContractsJson() throws Exception {
        CliRun r = CliRun.run(Map.of("GATEHOUSE_SNMP", "udp:127.0.0.1:" + sim.port(), "GATEHOUSE_COMMUNITY", SnmpSimulator.COMMUNITY),
                "--db", dir.resolve("c.db").toString(), "--format", "json", "switch", "locate", "00-00-5E-00-00-01");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(json(r).toString()).isEqualTo(
                "{\"mac\":\"00:00:5e:00:00:01\",\"vlan\":1,\"bridgePort\":51,\"ifIndex\":118,\"port\":\"GigabitEthernet1/0/3\"}");
    }

    @Test
    void theCommunityCanComeFromAFileKeptOutOfArgv() throws Exception {
        CliRun.writePrivate(dir.resolve("community"), SnmpSimulator.COMMUNITY + "\n");
        CliRun flag = CliRun.run(Map.of(), "--snmp", "udp:127.0.0.1:" + sim.port(), "--community-file", dir.resolve("community").toString(),
                "--db", dir.resolve("c.db").toString(), "--format", "json", "switch", "locate", "00-00-5E-00-00-01");
        assertThat(flag.exit()).as(flag.err()).isZero();
        assertThat(json(flag).get("port").asText()).isEqualTo("GigabitEthernet1/0/3");

        CliRun env = CliRun.run(Map.of("GATEHOUSE_SNMP", "udp:127.0.0.1:" + sim.port(), "GATEHOUSE_COMMUNITY_FILE",
                dir.resolve("community").toString()), "--db", dir.resolve("c.db").toString(), "switch", "vlans");
        assertThat(env.exit()).as(env.err()).isZero();

        CliRun missing = CliRun.run(Map.of(), "--snmp", "udp:127.0.0.1:" + sim.port(), "--community-file", dir.resolve("nope").toString(),
                "--db", dir.resolve("c.db").toString(), "switch", "vlans");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).startsWith("gatehouse: error: bad --community-file");
    }

    @Test
    void locateFallsBackToTheCliWhenSnmpDoesNotAnswer() throws Exception {
        CliRun r = runWithTimeout("1", "--snmp", "udp:127.0.0.1:" + sim.port(), "--community", "wrong", "--format", "json",
                "switch", "locate", "fedc.ba09.8765");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(json(r).toString()).isEqualTo(
                "{\"mac\":\"fe:dc:ba:09:87:65\",\"vlan\":10,\"bridgePort\":null,\"ifIndex\":null,\"port\":\"GigabitEthernet1/0/20\"}");
        assertThat(r.err()).contains("SNMP did not answer").contains("wrong community");
        assertThat(sw.received()).contains("display mac-address fedc-ba09-8765");
    }

    @Test
    void snmpWrongCommunityAloneIsExit3() {
        CliRun r = CliRun.run(Map.of(), "--snmp", "udp:127.0.0.1:" + sim.port(), "--community", "wrong", "--timeout", "1",
                "--db", dir.resolve("c.db").toString(), "switch", "locate", "00:00:5e:00:00:01");
        assertThat(r.exit()).isEqualTo(3);
        // after the warning that --community in argv earns
        assertThat(r.err()).startsWith("gatehouse: warning: --community").contains("\ngatehouse: error: udp:127.0.0.1:")
                .contains("no SNMP answer").contains("wrong community");
    }

    @Test
    void portMacsAndVlanNamesOverSnmpV3() throws Exception {
        CliRun.writePrivate(dir.resolve("auth"), sim.authKey());
        CliRun.writePrivate(dir.resolve("priv"), sim.privKey());
        Map<String, String> env = Map.of("GATEHOUSE_SNMP", "udp:127.0.0.1:" + sim.port(), "GATEHOUSE_SNMP_USER", sim.v3User(),
                "GATEHOUSE_SNMP_AUTH_FILE", dir.resolve("auth").toString(), "GATEHOUSE_SNMP_PRIV_FILE", dir.resolve("priv").toString());
        CliRun vlans = CliRun.run(env, "--db", dir.resolve("c.db").toString(), "switch", "vlans");
        assertThat(vlans.exit()).as(vlans.err()).isZero();
        assertThat(vlans.out()).contains("500   VLAN 0500");
        CliRun macs = CliRun.run(env, "--db", dir.resolve("c.db").toString(), "--format", "json", "switch", "macs", "--interface", "GE1/0/3");
        assertThat(macs.exit()).as(macs.err()).isZero();
        assertThat(json(macs).findValuesAsText("mac")).contains("00:00:5e:00:00:01");
        assertThat(json(macs).findValuesAsText("port")).containsOnly("GigabitEthernet1/0/3");
    }
}
