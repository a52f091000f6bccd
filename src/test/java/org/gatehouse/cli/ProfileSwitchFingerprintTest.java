package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's recorded switch host key ({@code --switch-fingerprint}) is what every command
 * reaching the switch through the profile accepts: the right key works without known_hosts, any
 * other key is refused showing both fingerprints before a password or command is sent, and
 * without a recorded key known_hosts still decides. The Comware SSH double, real CLI runs.
 */
@Tag("switch")
class ProfileSwitchFingerprintTest {
    static final String PASSPHRASE = "Passphrase für den Schlüssel";
    /** The fingerprint of some other key: 32 bytes of SHA-256, unpadded base64. */
    static final String OTHER = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    @TempDir
    Path dir;
    ComwareCliDouble sw;
    Map<String, String> env;
    Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options());
        env = new HashMap<>();
        env.put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("GATEHOUSE_PASSPHRASE_FILE", CliRun.writePrivate(dir.resolve("passphrase"), PASSPHRASE + "\n").toString());
        Path pw = CliRun.writePrivate(dir.resolve("switch.pw"), sw.password() + "\n");
        knownHosts = dir.resolve("known_hosts");
        CliRun add = gatehouse("profile", "add", "site", "--switch", "ssh://" + sw.user() + "@127.0.0.1:" + sw.port(),
                "--switch-password-file", pw.toString(), "--db", dir.resolve("cache.db").toString());
        assertThat(add.exit()).as(add.err()).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        sw.close();
    }

    CliRun gatehouse(String... args) {
        return CliRun.run(env, args);
    }

    CliRun block(String mac, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("switch", "block", mac, "--profile", "site", "--timeout", "5",
                "--known-hosts", knownHosts.toString()));
        args.addAll(List.of(more));
        return gatehouse(args.toArray(String[]::new));
    }

    /** The double's own key, as sshd computes its fingerprint (not Gatehouse's code). */
    String switchFingerprint() throws Exception {
        for (KeyPair kp : new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey")).loadKeys(null)) {
            return KeyUtils.getFingerPrint(BuiltinDigests.sha256, kp.getPublic());
        }
        throw new IllegalStateException("the double has no host key");
    }

    @Test
    void withoutARecordedKeyKnownHostsStillDecides() {
        CliRun unknown = block("aa:bb:cc:00:11:22");
        assertThat(unknown.exit()).as("an unknown key, not accepted").isEqualTo(1);
        assertThat(unknown.err()).contains("unknown host key");
        CliRun accepted = block("aa:bb:cc:00:11:22", "--accept-new-host-key");
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        CliRun known = block("aa:bb:cc:00:11:33");
        assertThat(known.exit()).as(known.err()).isZero();
        assertThat(sw.saved().rules(4000)).hasSize(2);
    }

    @Test
    void theRecordedKeyIsAcceptedWithoutKnownHosts() throws Exception {
        block("aa:bb:cc:00:11:00"); // the double makes its key at the first contact (refused: unknown)
        String right = switchFingerprint();
        assertThat(gatehouse("profile", "edit", "site", "--switch-fingerprint", right).exit()).isZero();
        assertThat(gatehouse("profile", "show", "site").out()).contains(right);

        CliRun r = block("aa:bb:cc:00:11:22");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("blocked aa:bb:cc:00:11:22");
        assertThat(sw.saved().rules(4000)).containsValue("deny source-mac aabb-cc00-1122 ffff-ffff-ffff");
        assertThat(knownHosts).as("the profile's key is not copied into known_hosts").satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(Files.readString(p)).isBlank());
    }

    @Test
    void anyOtherKeyIsRefusedShowingBothAndNothingIsSent() throws Exception {
        CliRun trust = block("aa:bb:cc:00:11:00", "--accept-new-host-key");
        assertThat(trust.exit()).as("known_hosts trusts the double's key").isZero();
        String right = switchFingerprint();
        assertThat(gatehouse("profile", "edit", "site", "--switch-fingerprint", OTHER).exit()).isZero();
        int logins = sw.logins();
        int received = sw.received().size();

        for (String[] args : new String[][] {{"switch", "block", "aa:bb:cc:00:11:22"}, {"switch", "unblock", "aa:bb:cc:00:11:00"},
                {"switch", "blocked"}}) {
            List<String> all = new java.util.ArrayList<>(List.of(args));
            all.addAll(List.of("--profile", "site", "--known-hosts", knownHosts.toString(), "--accept-new-host-key", "--timeout", "5"));
            CliRun r = gatehouse(all.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(1);
            assertThat(r.err()).contains("not the one the profile records").contains(OTHER).contains(right)
                    .doesNotContain(sw.password());
        }
        assertThat(sw.logins()).as("no password was sent").isEqualTo(logins);
        assertThat(sw.received()).as("no command reached the switch").hasSize(received);
        assertThat(sw.saved().rules(4000)).hasSize(1);
    }

    @Test
    void aFingerprintThatIsNoneIsRefusedAndAnotherSwitchForgetsIt() throws Exception {
        CliRun bad = gatehouse("profile", "edit", "site", "--switch-fingerprint", "MD5:aa:bb:cc");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("not a SHA256 host-key fingerprint");

        assertThat(gatehouse("profile", "edit", "site", "--switch-fingerprint", OTHER + "=").exit()).isZero();
        assertThat(gatehouse("profile", "show", "site").out()).contains(OTHER).doesNotContain(OTHER + "=");
        assertThat(gatehouse("profile", "edit", "site", "--switch", "ssh://admin@127.0.0.2:" + sw.port()).exit()).isZero();
        assertThat(gatehouse("profile", "show", "site").out()).as("a new switch does not keep the old one's key").doesNotContain(OTHER);
    }
}
