package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.app.AppProfiles;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.testing.SecretScan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profiles in their file and secrets in Gatehouse's encrypted store (no D-Bus here): what a user
 * adds comes back, hand edits survive, a broken file is reported with its line and left alone, and
 * no secret reaches any file Gatehouse writes.
 */
class ProfilesTest {
    static final String SWITCH_PASSWORD = "Sw1tch-Pässwort-0xC0FFEE";
    static final String PASSPHRASE = "correct horse battery stäple";

    @TempDir
    Path dir;
    Map<String, String> env;
    Profiles profiles;

    @BeforeEach
    void user() throws Exception {
        env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("GATEHOUSE_PASSPHRASE_FILE", writePrivate(dir.resolve("passphrase"), PASSPHRASE).toString());
        profiles = AppProfiles.open(env::get, (p, s) -> List.of());
    }

    @AfterEach
    void noSecretInAnyFileGatehouseWrote() throws Exception {
        assertThat(SecretScan.find(List.of(dir.resolve("config"), dir.resolve("data"), dir.resolve("home")),
                List.of(SWITCH_PASSWORD, PASSPHRASE))).isEmpty();
    }

    static Path writePrivate(Path file, String content) throws Exception {
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    static Profile site(String name) {
        return Profile.named(name).withKea(Profile.KeaAccess.of("unix:/run/kea/kea4-ctrl-socket"))
                .withSwitch(new Profile.SwitchAccess("192.0.2.2", 22, "admin", null, null, 4001, List.of("GigabitEthernet1/0/3"), null))
                .withTuning(new Profile.Tuning(5, 70, 90, Duration.ofMinutes(45), null, Duration.ofDays(30)));
    }

    static Map<SecretSlot, char[]> switchPassword() {
        Map<SecretSlot, char[]> m = new EnumMap<>(SecretSlot.class);
        m.put(SecretSlot.SWITCH_PASSWORD, SWITCH_PASSWORD.toCharArray());
        return m;
    }

    @Test
    void whatIsAddedComesBackAndItsSecretIsEncrypted() throws Exception {
        profiles.add(site("Gästehaus Süd"), switchPassword());
        profiles.setDefault("Gästehaus Süd");

        Profile back = AppProfiles.open(env::get, (p, s) -> List.of()).require("Gästehaus Süd");
        assertThat(back.switchSsh().acl()).isEqualTo(4001);
        assertThat(back.switchSsh().interfaces()).containsExactly("GigabitEthernet1/0/3");
        assertThat(back.tuning().agingAge()).isEqualTo(Duration.ofMinutes(45));
        assertThat(back.tuning().retention()).isEqualTo(Duration.ofDays(30));
        assertThat(back.secret(SecretSlot.SWITCH_PASSWORD)).contains(new SecretRef.Encrypted());
        assertThat(profiles.defaultName()).contains("Gästehaus Süd");
        assertThat(new String(profiles.secret(back, SecretSlot.SWITCH_PASSWORD))).isEqualTo(SWITCH_PASSWORD);

        Path file = dir.resolve("config/gatehouse/profiles.toml");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        Path store = dir.resolve("data/gatehouse/credentials.json");
        assertThat(Files.getPosixFilePermissions(store)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).contains("switch-password = \"encrypted\"");
    }

    @Test
    void handEditsSurvive() throws Exception {
        profiles.add(site("home"), Map.of());
        Path file = profiles.file();
        String edited = Files.readString(file).replace("[profiles.home.kea]", "# the rack in the cellar\n[profiles.home.kea]")
                + "\n[profiles.home.notes]\nowner = \"Jörg\"\n";
        Files.writeString(file, edited.replace("refresh = 5", "refresh = 7\nlocal-extra = \"kept\""));

        Profile p = profiles.require("home");
        assertThat(p.tuning().refreshSeconds()).isEqualTo(7);
        profiles.edit(p.withTuning(new Profile.Tuning(9, null, null, null, null, null)), Map.of());

        String after = Files.readString(file);
        assertThat(after).contains("refresh = 9").contains("local-extra = \"kept\"").contains("owner = \"Jörg\"");
        assertThat(Files.readString(file.resolveSibling("profiles.toml.bak"))).contains("# the rack in the cellar");
    }

    @Test
    void commentsOutsideAChangedProfileStayWhereTheyWere() throws Exception {
        profiles.add(site("home"), Map.of());
        profiles.add(site("Büro Nord"), Map.of());
        Path file = profiles.file();
        String written = Files.readString(file);
        int office = written.indexOf("[profiles.\"Büro Nord\"]");
        assertThat(office).as(written).isPositive();
        String home = written.substring(written.indexOf("[profiles.home]"), office).replace("[profiles.home.kea]",
                "# the rack in the cellar\n[profiles.home.kea]");
        String edited = written.substring(0, written.indexOf("[profiles.home]")) + "# Jörg's own note at the top\n\n" + home
                + "# Büro: the second floor\n" + written.substring(office) + "\n# a closing remark\n";
        Files.writeString(file, edited);

        profiles.edit(profiles.require("Büro Nord").withTuning(new Profile.Tuning(11, null, null, null, null, null)), Map.of());
        String after = Files.readString(file);
        assertThat(after).as("home, its comments and the note on top are copied as they were")
                .startsWith(edited.substring(0, edited.indexOf("# Büro: the second floor")))
                .contains("# Büro: the second floor\n[profiles.\"Büro Nord\"]").contains("refresh = 11").endsWith("# a closing remark\n");
        assertThat(file.resolveSibling("profiles.toml.bak")).as("no comment was lost").doesNotExist();
        assertThat(AppProfiles.open(env::get, (p, s) -> List.of()).require("Büro Nord").tuning().refreshSeconds()).isEqualTo(11);
        assertThat(profiles.require("home").tuning().refreshSeconds()).isEqualTo(5);

        profiles.setDefault("home");
        assertThat(Files.readString(file)).contains("# Jörg's own note at the top").contains("# the rack in the cellar")
                .contains("default = \"home\"").contains("# Büro: the second floor");
        assertThat(profiles.defaultName()).contains("home");
        assertThat(file.resolveSibling("profiles.toml.bak")).doesNotExist();

        profiles.remove("Büro Nord", false);
        assertThat(Files.readString(file)).contains("# the rack in the cellar").contains("# a closing remark")
                .doesNotContain("Büro Nord").doesNotContain("# Büro: the second floor");
        assertThat(Files.readString(file.resolveSibling("profiles.toml.bak"))).as("the removed profile's comment is in the .bak")
                .contains("# Büro: the second floor");
    }

    @Test
    void aFileTheSpliceCannotReadSafelyIsRewrittenWholeWithABackup() throws Exception {
        profiles.add(site("home"), Map.of());
        Path file = profiles.file();
        String edited = Files.readString(file) + "\n# Jörg's list\n[[notes]]\ntext = \"Schlüssel beim Hausmeister\"\n";
        Files.writeString(file, edited);
        profiles.edit(profiles.require("home").withTuning(new Profile.Tuning(8, null, null, null, null, null)), Map.of());
        assertThat(profiles.require("home").tuning().refreshSeconds()).isEqualTo(8);
        assertThat(Files.readString(file)).contains("Schlüssel beim Hausmeister");
        assertThat(Files.readString(file.resolveSibling("profiles.toml.bak"))).isEqualTo(edited);
    }

    @Test
    void aBrokenFileNamesFileAndLineAndIsNeverOverwritten() throws Exception {
        profiles.add(site("home"), Map.of());
        Path file = profiles.file();
        String broken = Files.readString(file).replace("refresh = 5", "refresh = = 5");
        Files.writeString(file, broken);
        int line = 1 + (int) broken.lines().takeWhile(l -> !l.contains("= = 5")).count();

        assertThatThrownBy(() -> profiles.list()).isInstanceOf(GatehouseException.class)
                .hasMessageContaining(file + ":" + line);
        assertThatThrownBy(() -> profiles.add(site("other"), switchPassword())).isInstanceOf(GatehouseException.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> profiles.setDefault("home")).isInstanceOf(GatehouseException.class);
        assertThat(Files.readString(file)).isEqualTo(broken);
        assertThat(dir.resolve("data/gatehouse/credentials.json")).as("nothing stored for a profile that was refused").doesNotExist();
    }

    @Test
    void aWrongPassphraseLocksOnlyTheProfilesWhoseSecretsAreEncrypted() throws Exception {
        profiles.add(site("home"), switchPassword());
        Path serviceSecret = writePrivate(dir.resolve("switch.pw"), "from-a-file-0000");
        profiles.add(site("service").withSecret(SecretSlot.SWITCH_PASSWORD, new SecretRef.InFile(serviceSecret)), Map.of());

        writePrivate(dir.resolve("passphrase"), "not the passphrase");
        Profiles again = AppProfiles.open(env::get, (p, s) -> List.of());
        assertThatThrownBy(() -> again.secret(again.require("home"), SecretSlot.SWITCH_PASSWORD))
                .isInstanceOf(GatehouseException.class).hasMessageContaining("wrong passphrase");
        assertThat(new String(again.secret(again.require("service"), SecretSlot.SWITCH_PASSWORD))).isEqualTo("from-a-file-0000");
    }

    @Test
    void aSecretFileOpenToOthersIsRefused() throws Exception {
        Path open = writePrivate(dir.resolve("open.pw"), "readable-by-all-1");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        profiles.add(site("svc").withSecret(SecretSlot.SWITCH_PASSWORD, new SecretRef.InFile(open)), Map.of());
        assertThatThrownBy(() -> profiles.secret(profiles.require("svc"), SecretSlot.SWITCH_PASSWORD))
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aSystemdCredentialIsReadFromTheCredentialsDirectory() throws Exception {
        Path creds = Files.createDirectories(dir.resolve("run-credentials"));
        writePrivate(creds.resolve("switch-pw"), "systemd-given-secret");
        env.put("CREDENTIALS_DIRECTORY", creds.toString());
        profiles.add(site("svc").withSecret(SecretSlot.SWITCH_PASSWORD, new SecretRef.Systemd("switch-pw")), Map.of());
        assertThat(new String(profiles.secret(profiles.require("svc"), SecretSlot.SWITCH_PASSWORD))).isEqualTo("systemd-given-secret");
    }

    @Test
    void removingAProfileRemovesItsSecretsAndLeavesTheOthers() throws Exception {
        profiles.add(site("home"), switchPassword());
        profiles.add(site("office"), switchPassword());
        profiles.setDefault("home");
        profiles.remove("home");

        assertThat(profiles.list()).extracting(Profile::name).containsExactly("office");
        assertThat(profiles.defaultName()).isEmpty();
        String store = Files.readString(dir.resolve("data/gatehouse/credentials.json"));
        assertThat(store).doesNotContain("\"home\"").contains("\"office\"");
        assertThat(new String(profiles.secret(profiles.require("office"), SecretSlot.SWITCH_PASSWORD))).isEqualTo(SWITCH_PASSWORD);
    }

    @Test
    void aSecretTypedIntoTheFileIsRefusedWithoutEchoingIt() throws Exception {
        profiles.add(site("home"), Map.of());
        Path file = profiles.file();
        String original = Files.readString(file);
        Files.writeString(file, original + "\n[profiles.home.secrets]\nkea-password = \"Typed-In-Secret-1\"\n");
        assertThatThrownBy(() -> profiles.require("home")).isInstanceOf(GatehouseException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("kea-password").hasMessageNotContaining("Typed-In-Secret-1");
        Files.writeString(file, original + "\n[profiles.home.secrets]\nkea-password = Typed-In-Secret-2\n");
        assertThatThrownBy(() -> profiles.list()).isInstanceOf(GatehouseException.class)
                .hasMessageContaining(file + ":" + (original.lines().count() + 3)).hasMessageNotContaining("Typed-In-Secret-2");
        Files.writeString(file, original);
    }
}
