package org.gatehouse.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.app.AppProfiles;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SecretSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aging service as the .deb sets it up: the unit's XDG_CONFIG_HOME and the shipped
 * /etc/gatehouse/profiles.toml give Gatehouse its site, and the README's way of passing the Kea password
 * (a systemd credential named in the profile) reaches the code through $CREDENTIALS_DIRECTORY.
 */
class ServiceProfileTest {
    private static final Path UNIT = Path.of("packaging/gatehouse-sync.service");
    private static final Path SHIPPED = Path.of("packaging/deb/profiles.toml");

    @TempDir
    Path root;

    @Test
    void theShippedProfileIsTheServicesSite() throws Exception {
        Profiles profiles = AppProfiles.open(serviceEnv(Files.readString(SHIPPED))::get, (p, s) -> List.of());
        Profile site = profiles.defaultProfile().orElseThrow();
        assertThat(site.name()).isEqualTo("site");
        assertThat(site.kea().uri()).isEqualTo("unix:/run/kea/kea4-ctrl-socket");
        assertThat(site.tuning().cache()).isEqualTo(Path.of("/var/lib/gatehouse/cache.db"));
        assertThat(Files.readString(UNIT)).contains("ExecStart=/usr/bin/gatehouse sync").contains("User=gatehouse")
                .contains("StateDirectory=gatehouse");
    }

    @Test
    void theKeaPasswordComesFromASystemdCredential() throws Exception {
        // The README's example, uncommented: Kea's Control Agent with the password as credential "kea-password".
        String https = Files.readString(SHIPPED).replace("uri = \"unix:/run/kea/kea4-ctrl-socket\"\n", "")
                + "uri = \"https://kea.example:8000/\"\nuser = \"gatehouse\"\n\n[profiles.site.secrets]\nkea-password = \"systemd:kea-password\"\n";
        Map<String, String> env = serviceEnv(https);
        Path credentials = Files.createDirectories(root.resolve("run/credentials/gatehouse-sync.service"));
        Path secret = credentials.resolve("kea-password");
        Files.writeString(secret, "Kennwort-ß-1\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("r--------"));
        env.put("CREDENTIALS_DIRECTORY", credentials.toString());
        Profiles profiles = AppProfiles.open(env::get, (p, s) -> List.of());
        Profile site = profiles.defaultProfile().orElseThrow();
        assertThat(site.kea().user()).isEqualTo("gatehouse");
        assertThat(new String(profiles.secret(site, SecretSlot.KEA_PASSWORD))).isEqualTo("Kennwort-ß-1");
    }

    /** The environment the unit gives the service, with "/" moved under the test's directory. */
    private Map<String, String> serviceEnv(String profileText) throws Exception {
        String xdg = Files.readAllLines(UNIT).stream().filter(l -> l.startsWith("Environment=XDG_CONFIG_HOME="))
                .map(l -> l.substring("Environment=XDG_CONFIG_HOME=".length())).findFirst().orElseThrow();
        assertThat(xdg).isEqualTo("/etc");   // where packaging/deb.sh installs the profile: /etc/gatehouse/profiles.toml
        Path etc = root.resolve("etc");
        Path file = Files.createDirectories(etc.resolve("gatehouse")).resolve("profiles.toml");
        Files.writeString(file, profileText, StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>();
        env.put("XDG_CONFIG_HOME", etc.toString());
        env.put("HOME", Files.createDirectories(root.resolve("var/lib/gatehouse")).toString());
        env.put("GATEHOUSE_KEYRING", "off");
        return env;
    }
}
