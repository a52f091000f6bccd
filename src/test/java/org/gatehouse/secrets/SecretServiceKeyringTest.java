package org.gatehouse.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.app.AppProfiles;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SecretRef;
import org.gatehouse.policy.SecretSlot;
import org.gatehouse.testing.KeyringSession;
import org.gatehouse.testing.SecretScan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop keyring path against a real gnome-keyring-daemon on a private D-Bus session: what
 * Gatehouse stores is in the keyring (libsecret's secret-tool reads it back), removing a profile
 * removes it there, a locked keyring is a clear error for its profiles only, and no secret is in
 * any file Gatehouse wrote.
 */
class SecretServiceKeyringTest {
    static final String KEA_PASSWORD = "Kea-Kennwort-ÄÖÜ-7f3a9c";
    static final String KEYRING_PASSWORD = "keyring-login-Pässwort";

    @TempDir
    Path dir;
    KeyringSession keyring;
    Map<String, String> env;
    Profiles profiles;

    @BeforeEach
    void session() throws Exception {
        keyring = KeyringSession.start(dir, KEYRING_PASSWORD);
        env = new HashMap<>();
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_DATA_HOME", dir.resolve("data").toString());
        env.put("XDG_STATE_HOME", dir.resolve("state").toString());
        env.put("DBUS_SESSION_BUS_ADDRESS", keyring.address());
        profiles = AppProfiles.open(env::get, (p, s) -> List.of());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertThat(SecretScan.find(List.of(dir.resolve("config"), dir.resolve("data"), dir.resolve("state"), dir.resolve("home")),
                    List.of(KEA_PASSWORD, KEYRING_PASSWORD))).isEmpty();
        } finally {
            profiles.close();
            keyring.close();
        }
    }

    static Profile httpKea(String name) {
        return Profile.named(name).withKea(new Profile.KeaAccess("https://127.0.0.1:8443/", "gatehouse", null, false, null));
    }

    static Map<SecretSlot, char[]> keaPassword() {
        Map<SecretSlot, char[]> m = new EnumMap<>(SecretSlot.class);
        m.put(SecretSlot.KEA_PASSWORD, KEA_PASSWORD.toCharArray());
        return m;
    }

    @Test
    void aSecretGoesToTheKeyringAndComesBack() throws Exception {
        assertThat(profiles.credentials().storeName()).contains("desktop keyring");
        profiles.add(httpKea("Büro"), keaPassword());

        Profile p = profiles.require("Büro");
        assertThat(p.secret(SecretSlot.KEA_PASSWORD)).contains(new SecretRef.Keyring());
        try (Profiles again = AppProfiles.open(env::get, (x, s) -> List.of())) {
            assertThat(new String(again.secret(p, SecretSlot.KEA_PASSWORD))).as("read back by a new session").isEqualTo(KEA_PASSWORD);
        }
        KeyringSession.Result lookup = keyring.secretTool("lookup", "application", "gatehouse", "profile", "Büro", "slot", "kea-password");
        assertThat(lookup.exit()).isZero();
        assertThat(lookup.out()).isEqualTo(KEA_PASSWORD);
        assertThat(dir.resolve("data/gatehouse/credentials.json")).as("no encrypted store needed").doesNotExist();
    }

    @Test
    void removingTheProfileRemovesItsKeyringItems() throws Exception {
        profiles.add(httpKea("home"), keaPassword());
        profiles.add(httpKea("other"), keaPassword());
        profiles.remove("home");

        assertThat(keyring.secretTool("lookup", "application", "gatehouse", "profile", "home", "slot", "kea-password").out()).isEmpty();
        assertThat(keyring.secretTool("lookup", "application", "gatehouse", "profile", "other", "slot", "kea-password").out())
                .isEqualTo(KEA_PASSWORD);
    }

    @Test
    void aLockedKeyringIsACleanErrorAndOtherProfilesStillWork() throws Exception {
        profiles.add(httpKea("home"), keaPassword());
        Path file = dir.resolve("svc.pw");
        Files.writeString(file, "from-a-service-file\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        profiles.add(httpKea("service").withSecret(SecretSlot.KEA_PASSWORD, new SecretRef.InFile(file)), Map.of());

        keyring.lockLogin();
        Profiles fresh = AppProfiles.open(env::get, (x, s) -> List.of());
        assertThatThrownBy(() -> fresh.secret(fresh.require("home"), SecretSlot.KEA_PASSWORD))
                .isInstanceOf(GatehouseException.class).hasMessageContaining("keyring is locked").hasMessageContaining("home")
                .hasMessageNotContaining(KEA_PASSWORD);
        assertThat(new String(fresh.secret(fresh.require("service"), SecretSlot.KEA_PASSWORD))).isEqualTo("from-a-service-file");
        fresh.close();
    }

    @Test
    void withoutTheBusTheKeyringIsReportedAbsentNotHung() {
        profiles.add(httpKea("home"), keaPassword());
        env.remove("DBUS_SESSION_BUS_ADDRESS");
        env.put("GATEHOUSE_PASSPHRASE_FILE", dir.resolve("no-such-passphrase-file").toString());
        Profiles noBus = AppProfiles.open(env::get, (x, s) -> List.of());
        assertThat(noBus.credentials().storeName()).contains("encrypted store");
        assertThatThrownBy(() -> noBus.secret(noBus.require("home"), SecretSlot.KEA_PASSWORD))
                .isInstanceOf(GatehouseException.class).hasMessageContaining("not reachable").hasMessageContaining("home");
    }

    @Test
    void aLockedKeyringKeepsTheProfileUnlessRemovalIsForced() throws Exception {
        profiles.add(httpKea("home"), keaPassword());
        keyring.lockLogin();
        try (Profiles fresh = AppProfiles.open(env::get, (x, s) -> List.of())) {
            assertThatThrownBy(() -> fresh.remove("home")).isInstanceOf(GatehouseException.class)
                    .hasMessageContaining("was not removed").hasMessageContaining("--force");
            assertThat(fresh.get("home")).as("nothing removed").isPresent();
            assertThat(fresh.remove("home", true)).as("its keyring item stays").isFalse();
            assertThat(fresh.get("home")).isEmpty();
        }
    }
}
