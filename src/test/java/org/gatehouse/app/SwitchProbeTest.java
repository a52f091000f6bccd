package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.gatehouse.policy.SwitchProbe;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.SnmpSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The switch test before saving, against the Comware SSH double and snmpsim replaying the recorded
 * switch: trust on first use (the new key's fingerprint reported, recorded only once accepted, a
 * changed key refused with both), login, display version, the managed ACL; SNMP sysName, sysDescr
 * and the number of learned MACs.
 */
@Tag("switch")
class SwitchProbeTest {

    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    @TempDir
    static Path dir;

    static ComwareCliDouble sw;
    static PublicKey key;
    final SwitchProbe probe = new SwitchProbe(new SwitchTargetConnector());

    @BeforeAll
    static void start() throws Exception {
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
        sw.handMadeRule(4000, 5, "deny source-mac 0011-2233-4455 ffff-ffff-ffff");
        for (KeyPair kp : new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey")).loadKeys(null)) {
            key = kp.getPublic();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        sw.close();
    }

    SwitchProbe.Target target(Path knownHosts) {
        return new SwitchProbe.Target("ssh://" + sw.user() + "@127.0.0.1:" + sw.port(), sw.password().toCharArray(), null, knownHosts,
                null, "4000", Duration.ofSeconds(5));
    }

    @Test
    void aNewHostKeyIsReportedThenRecordedOnceAcceptedAndTheAclIsRead() throws Exception {
        Path knownHosts = dir.resolve("kh-new/known_hosts");
        SwitchProbe.SshResult first = probe.probeSsh(target(knownHosts));
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        assertThat(first.error()).contains("unknown host key");
        assertThat(first.hostKey().changed()).isFalse();
        assertThat(first.hostKey().presentedFingerprint()).isEqualTo(fingerprint);
        assertThat(Files.readString(knownHosts)).doesNotContain(":" + sw.port());

        // a different fingerprint "accepted" is not the key presented: still refused, nothing recorded
        assertThat(probe.probeSsh(target(knownHosts).trusting("SHA256:" + "A".repeat(43))).error()).contains("unknown host key");
        assertThat(Files.readString(knownHosts)).doesNotContain(":" + sw.port());

        SwitchProbe.SshResult accepted = probe.probeSsh(target(knownHosts).trusting(first.hostKey().presentedFingerprint()));
        assertThat(accepted.error()).isNull();
        assertThat(accepted.sysname()).isEqualTo(ComwareCliDouble.SYSNAME);
        assertThat(accepted.aclExists()).isTrue();
        assertThat(accepted.aclRules()).isEqualTo(1);
        assertThat(accepted.describe()).contains("MAC ACL 4000: 1 rule").anySatisfy(l -> assertThat(l).startsWith("display version: "));
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + sw.port());
        assertThat(probe.probeSsh(target(knownHosts)).error()).isNull(); // known now
    }

    @Test
    void aChangedHostKeyIsRefusedWithBothFingerprints() throws Exception {
        Path knownHosts = dir.resolve("kh-changed/known_hosts");
        Files.createDirectories(knownHosts.getParent());
        PublicKey impostor = null;
        for (KeyPair kp : new SimpleGeneratorHostKeyProvider(dir.resolve("impostor")).loadKeys(null)) {
            impostor = kp.getPublic();
        }
        String line = "[127.0.0.1]:" + sw.port() + " " + PublicKeyEntry.toString(impostor) + "\n";
        Files.writeString(knownHosts, line);
        SwitchProbe.SshResult r = probe.probeSsh(target(knownHosts).trusting(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key)));
        assertThat(r.error()).contains("CHANGED");
        assertThat(r.hostKey().changed()).isTrue();
        assertThat(r.hostKey().recorded()).contains(KeyUtils.getFingerPrint(BuiltinDigests.sha256, impostor));
        assertThat(r.hostKey().presented()).contains(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key));
        assertThat(Files.readString(knownHosts)).isEqualTo(line);
    }

    @Test
    void wrongPasswordSaysLoginFailed() {
        Path knownHosts = dir.resolve("kh-pw/known_hosts");
        SwitchProbe.SshResult first = probe.probeSsh(target(knownHosts));
        SwitchProbe.Target wrong = new SwitchProbe.Target(target(knownHosts).uri(), "wrong-ä".toCharArray(), null, knownHosts,
                first.hostKey().presentedFingerprint(), null, Duration.ofSeconds(5));
        assertThat(probe.probeSsh(wrong).error()).contains("login failed");
    }

    @Test
    void snmpGivesSysNameSysDescrAndTheLearnedMacs() throws Exception {
        long fdbRows = SnmpSimulator.records().stream().filter(r -> r[0].startsWith("1.3.6.1.2.1.17.7.1.2.2.1.2.")).count();
        String sysDescr = SnmpSimulator.records().stream().filter(r -> r[0].equals("1.3.6.1.2.1.1.1.0")).findFirst().orElseThrow()[2];
        SwitchProbe.SnmpResult r = probe.probeSnmp("udp:127.0.0.1:" + sim.port(), SnmpSimulator.COMMUNITY.toCharArray(), Duration.ofSeconds(3));
        assertThat(r.error()).isNull();
        assertThat(r.sysDescr()).isEqualTo(sysDescr);
        assertThat(r.learnedMacs()).isEqualTo(fdbRows).isPositive();
        assertThat(r.describe()).contains("Learned MACs: " + fdbRows);

        assertThat(probe.probeSnmp("udp:127.0.0.1:" + sim.port(), "not-the-community".toCharArray(), Duration.ofSeconds(1)).error()).isNotNull();
    }
}
