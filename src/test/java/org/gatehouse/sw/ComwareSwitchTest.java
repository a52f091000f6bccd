package org.gatehouse.sw;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.gatehouse.model.Mac;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.testing.ComwareCliDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Comware CLI session and ACL batches against the in-process Comware double, over real SSH. */
@Tag("switch")
class ComwareSwitchTest {
    static final Mac MAC = Mac.parse("aa:bb:cc:00:11:22");
    static final AclNumber ACL = AclNumber.DEFAULT;

    @TempDir
    Path dir;
    ComwareCliDouble sw;

    @BeforeEach
    void start() throws Exception {
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
    }

    @AfterEach
    void stop() throws Exception {
        sw.close();
    }

    ComwareSwitch connect(boolean acceptNew, char[] password, Duration timeout) {
        SshTarget t = new SshTarget("127.0.0.1", sw.port(), sw.user(), password, null, dir.resolve("known_hosts"), acceptNew, timeout);
        return ComwareSwitch.overSsh(t, new SshConnector(), timeout);
    }

    ComwareSwitch connect() {
        return connect(true, sw.password().toCharArray(), Duration.ofSeconds(5));
    }

    @Test
    void blockBatchIsOneSessionAndEndsSaved() {
        int commands = connect().batch(b -> {
            AclView v = b.readAcl(ACL);
            assertThat(v.exists()).isFalse();
            b.apply(List.of(new SwitchChange.DenySourceMac(ACL, new RuleId(50000), MAC)));
            b.save();
            assertThat(b.session().prompt()).isEqualTo("<gate-sw>");
            assertThat(b.session().applied()).containsExactly("acl mac 4000", "rule 50000 deny source-mac aabb-cc00-1122 ffff-ffff-ffff",
                    "save force");
            return b.commandsSent();
        });
        assertThat(sw.logins()).isEqualTo(1);
        assertThat(sw.saved().rules(4000)).containsEntry(50000, "deny source-mac aabb-cc00-1122 ffff-ffff-ffff");
        // then the polite logout ("quit"), which may still be in flight when the batch returns
        assertThat(sw.received()).startsWith("screen-length disable", "display acl mac 4000", "system-view", "acl mac 4000",
                "rule 50000 deny source-mac aabb-cc00-1122 ffff-ffff-ffff", "quit", "return", "save force");
        assertThat(sw.received().subList(8, sw.received().size())).isSubsetOf("quit");
        assertThat(commands).isEqualTo(8);
        AclView after = connect().batch(b -> b.readAcl(ACL));
        assertThat(after.exists()).isTrue();
        assertThat(after.ruleBlocking(MAC)).map(AclRule::id).contains(new RuleId(50000));
    }

    @Test
    void unsavedChangesAreLostOnRebootSavedOnesStay() {
        ComwareSwitch c = connect();
        c.batch(b -> {
            b.apply(List.of(new SwitchChange.DenySourceMac(ACL, new RuleId(50000), MAC)));
            b.save();
            b.apply(List.of(new SwitchChange.DenySourceMac(ACL, new RuleId(50001), Mac.parse("02:00:00:00:00:09"))));
            return null;
        });
        sw.reboot();
        assertThat(c.batch(b -> b.readAcl(ACL)).ids()).containsExactly(new RuleId(50000));
    }

    @Test
    void olderComwareFallsBackToAclNumberEverywhere() {
        sw.options(new ComwareCliDouble.Options().onlyAclNumber());
        sw.handMadeRule(4000, 0, "deny source-mac 0011-2233-4455 ffff-ffff-ffff");
        connect().batch(b -> {
            AclView v = b.readAcl(ACL);
            assertThat(v.rules()).extracting(AclRule::sourceMac).containsExactly(Mac.parse("00:11:22:33:44:55"));
            b.apply(List.of(new SwitchChange.DenySourceMac(ACL, new RuleId(50000), MAC),
                    new SwitchChange.FilterInbound(ACL, InterfaceName.parse("GE1/0/20"))));
            b.save();
            return null;
        });
        assertThat(sw.received()).contains("display acl mac 4000", "display acl 4000", "acl number 4000",
                "packet-filter mac 4000 inbound", "packet-filter 4000 inbound");
        // the display fallback already told the session which syntax this switch speaks
        assertThat(sw.received()).doesNotContain("acl mac 4000");
        assertThat(sw.saved().rules(4000)).containsKeys(0, 50000);
        assertThat(sw.saved().filters("GigabitEthernet1/0/20")).containsExactly("packet-filter mac 4000 inbound");
    }

    @Test
    void olderComwareWithoutADisplayFirstStillFallsBackToAclNumber() {
        sw.options(new ComwareCliDouble.Options().onlyAclNumber());
        connect().batch(b -> {
            b.apply(List.of(new SwitchChange.DenySourceMac(ACL, new RuleId(50000), MAC)));
            return null;
        });
        assertThat(sw.received()).containsSubsequence("acl mac 4000", "acl number 4000", "rule 50000 deny source-mac aabb-cc00-1122 ffff-ffff-ffff");
        assertThat(sw.running().rules(4000)).containsKey(50000);
    }

    @Test
    void aPercentLineStopsTheBatchWithTheCommandAndTheSwitchsWords() {
        assertThatThrownBy(() -> connect().batch(b -> {
            b.apply(List.of(new SwitchChange.FilterInbound(ACL, InterfaceName.parse("GigabitEthernet1/0/20")),
                    new SwitchChange.FilterInbound(ACL, InterfaceName.parse("GigabitEthernet9/0/99")),
                    new SwitchChange.FilterInbound(ACL, InterfaceName.parse("GigabitEthernet1/0/41"))));
            return null;
        })).isInstanceOfSatisfying(SwitchFailure.class, f -> {
            assertThat(f.exitCode()).isEqualTo(1);
            assertThat(f.getMessage()).contains("'interface GigabitEthernet9/0/99'").contains("% Wrong parameter found at '^' position.");
            assertThat(f.applied()).containsExactly("packet-filter mac 4000 inbound");
            assertThat(f.saved()).isFalse();
        });
        assertThat(sw.received()).doesNotContain("interface GigabitEthernet1/0/41", "save force");
    }

    @Test
    void pressYOrEnterBannerIsAnswered() {
        sw.options(new ComwareCliDouble.Options().banner());
        String name = connect().batch(b -> b.session().sysname());
        assertThat(name).isEqualTo("gate-sw");
    }

    @Test
    void cliLocateReadsTheRecordedMacTable() {
        List<MacTableEntry> rows = connect().batch(b -> b.macAddress(Mac.parse("fe:dc:ba:09:87:65")));
        assertThat(rows).containsExactly(new MacTableEntry(Mac.parse("fe:dc:ba:09:87:65"), 10, "Learned", "GigabitEthernet1/0/20", "NOAGED"));
    }

    @Test
    void blackholeEntriesAreAddedListedAndRemoved() {
        ComwareSwitch c = connect();
        c.batch(b -> {
            b.apply(List.of(new SwitchChange.Blackhole(MAC, new VlanId(10))));
            b.save();
            return null;
        });
        assertThat(c.batch(ComwareSwitch.Batch::blackholes)).extracting(MacTableEntry::mac, MacTableEntry::vlan, MacTableEntry::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MAC, 10, "Blackhole"));
        c.batch(b -> {
            b.apply(List.of(new SwitchChange.RemoveBlackhole(MAC, new VlanId(10))));
            return null;
        });
        assertThat(c.batch(ComwareSwitch.Batch::blackholes)).isEmpty();
    }

    @Test
    void wrongPasswordIsALoginFailure() {
        assertThatThrownBy(() -> connect(true, "wrong".toCharArray(), Duration.ofSeconds(5)).batch(b -> null))
                .isInstanceOfSatisfying(SwitchFailure.class, f -> {
                    assertThat(f.exitCode()).isEqualTo(1);
                    assertThat(f.getMessage()).contains("login failed");
                });
        assertThat(sw.logins()).isZero();
    }

    @Test
    void unknownHostKeyIsRefusedUnlessAccepted() {
        assertThatThrownBy(() -> connect(false, sw.password().toCharArray(), Duration.ofSeconds(5)).batch(b -> null))
                .isInstanceOfSatisfying(SwitchFailure.class, f -> {
                    assertThat(f.exitCode()).isEqualTo(1);
                    assertThat(f.getMessage()).contains("unknown host key").contains("--accept-new-host-key");
                });
        assertThat(sw.logins()).isZero();
        connect(true, sw.password().toCharArray(), Duration.ofSeconds(5)).batch(b -> null);
        // recorded: now known without accepting again
        connect(false, sw.password().toCharArray(), Duration.ofSeconds(5)).batch(b -> null);
        assertThat(sw.logins()).isEqualTo(2);
    }

    @Test
    void droppedMidBatchReportsWhatWasApplied() {
        // 1 screen-length, 2 system-view, 3 acl mac, 4 rule → the connection dies after the rule is executed
        sw.options(new ComwareCliDouble.Options().dropAfter(4));
        assertThatThrownBy(() -> connect().batch(b -> {
            b.apply(List.of(new SwitchChange.DenySourceMac(ACL, new RuleId(50000), MAC)));
            b.save();
            return null;
        })).isInstanceOfSatisfying(SwitchFailure.class, f -> {
            assertThat(f.exitCode()).isEqualTo(3);
            assertThat(f.getMessage()).contains("connection dropped").contains("rule 50000").contains("NOT saved");
            assertThat(f.applied()).containsExactly("acl mac 4000");
            assertThat(f.saved()).isFalse();
        });
        assertThat(sw.saved().rules(4000)).isEmpty();
    }

    @Test
    void aSlowSwitchTimesOut() {
        sw.options(new ComwareCliDouble.Options().slow("display acl", Duration.ofSeconds(3)));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> connect(true, sw.password().toCharArray(), Duration.ofSeconds(1)).batch(b -> b.readAcl(ACL)))
                .isInstanceOfSatisfying(SwitchFailure.class, f -> {
                    assertThat(f.exitCode()).isEqualTo(3);
                    assertThat(f.getMessage()).contains("no answer to 'display acl mac 4000' within 1 s");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void saveForceGetsItsOwnLongerDeadline() {
        // a 5130 writing flash answers 'save force' long after the per-command timeout
        sw.options(new ComwareCliDouble.Options().slow("save force", Duration.ofMillis(2500)));
        connect(true, sw.password().toCharArray(), Duration.ofSeconds(1)).batch(b -> {
            b.apply(List.of(new SwitchChange.DenySourceMac(ACL, new RuleId(50000), MAC)));
            b.save();
            assertThat(b.session().saved()).isTrue();
            return null;
        });
        assertThat(sw.saved().rules(4000)).containsKey(50000);
    }
}
