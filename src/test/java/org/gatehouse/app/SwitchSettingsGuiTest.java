package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.SecretSlot;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.SecretScan;
import org.gatehouse.testing.SnmpSimulator;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setting up the switch in Settings, against the Comware SSH double and snmpsim: the first contact
 * shows the host key's SHA256 fingerprint and asks; accepted, it is recorded and the test logs in,
 * reads the ACL and asks SNMP; Save keeps the accepted fingerprint in the profile and the secrets
 * out of every file Gatehouse wrote.
 */
@Tag("gui")
@Tag("kea")
@Tag("switch")
class SwitchSettingsGuiTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    @TempDir
    static Path dir;

    static FrameDriver console;
    static ComwareCliDouble sw;
    static PublicKey key;

    @BeforeAll
    static void setUp() throws Exception {
        console = new FrameDriver(dir);
        sw = new ComwareCliDouble(dir.resolve("sw-hostkey"), new ComwareCliDouble.Options());
        sw.handMadeRule(4000, 5, "deny source-mac 0011-2233-4455 ffff-ffff-ffff");
        for (KeyPair kp : new SimpleGeneratorHostKeyProvider(dir.resolve("sw-hostkey")).loadKeys(null)) {
            key = kp.getPublic();
        }
        kea.addLease(50, "f0:18:98:00:00:32", "laptop", 86400);
        console.store().save(Profile.named("site").withKea(Profile.KeaAccess.of("unix:" + kea.socket())), Map.of());
        console.store().setDefault("site");
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close();
        sw.close();
    }

    @Test
    void theSwitchIsTrustedOnFirstUseTestedAndSaved() throws Exception {
        ScriptedDialogService dialogs = new ScriptedDialogService().answerConfirm(true);
        console.open(console.realSetup(List.of(), dialogs));
        await().atMost(Duration.ofSeconds(20)).until(() -> console.leaseRows() == 1);
        console.robot.clickOn("#nav-settings");
        console.robot.clickOn("Switch and SNMP");
        console.type("#settings-switch", "ssh://" + sw.user() + "@127.0.0.1:" + sw.port());
        console.type("#settings-switch-password", sw.password());
        console.type("#settings-acl", "40000");
        assertThat(console.text("#settings-switch-problem")).isEqualTo("ACL: a MAC ACL number from 4000 to 4999");
        console.type("#settings-acl", "4000");
        console.type("#settings-snmp", "udp:127.0.0.1:" + sim.port());
        console.type("#settings-community", SnmpSimulator.COMMUNITY);
        assertThat(console.text("#settings-switch-problem")).isEmpty();

        console.robot.clickOn("#settings-switch-test");
        await().atMost(Duration.ofSeconds(30)).until(() -> console.lines("#settings-switch-findings").stream()
                .anyMatch(l -> l.startsWith("Learned MACs: ")));
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        assertThat(dialogs.seen()).singleElement().satisfies(asked -> assertThat(asked.text()).contains(fingerprint));
        assertThat(console.lines("#settings-switch-findings")).contains("Logged in to " + ComwareCliDouble.SYSNAME + " at ssh://"
                + sw.user() + "@127.0.0.1:" + sw.port(), "MAC ACL 4000: 1 rule").anySatisfy(l -> assertThat(l).startsWith("sysDescr: HP Comware"));
        assertThat(Files.readString(console.knownHosts())).contains("[127.0.0.1]:" + sw.port());

        console.robot.clickOn("#settings-switch-save");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.text("#settings-status").startsWith("Saved the switch"));
        Profile saved = console.store().require("site");
        assertThat(saved.switchSsh().fingerprint()).isEqualTo(fingerprint);
        assertThat(saved.switchSsh().acl()).isEqualTo(4000);
        assertThat(saved.snmp().port()).isEqualTo(sim.port());
        assertThat(saved.secret(SecretSlot.SWITCH_PASSWORD)).isPresent();
        assertThat(saved.secret(SecretSlot.SNMP_COMMUNITY)).isPresent();
        console.closeWindow();
        assertThat(SecretScan.find(List.of(console.gatehouseFiles()), List.of(sw.password(), SnmpSimulator.COMMUNITY))).isEmpty();
    }
}
