package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.KeyringSession;
import org.gatehouse.testing.SecretScan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher, logging at DEBUG, with a Kea password kept in the desktop keyring (a real
 * gnome-keyring-daemon on a private D-Bus session) and then in the encrypted store: the profile
 * reaches Kea through the Control Agent with it, and no file Gatehouse wrote (config, data, cache,
 * state and the log) nor its output holds the password or the passphrase in any encoding.
 */
@Tag("kea")
class ProfileSecretsProcessTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    @Test
    void aStoredPasswordReachesKeaAndNoFileOrOutput() throws Exception {
        kea.addLease(20, "f0:18:98:00:00:14", "bürolaptop", 86400);
        GatehouseProcess.User user = GatehouseProcess.User.in(dir.resolve("user"));
        String passphrase = "Prozess-Passphrase 9";
        Path passphraseFile = write(dir.resolve("passphrase"), passphrase);
        List<GatehouseProcess> runs = new ArrayList<>();
        try (ControlAgent agent = new ControlAgent(dir.resolve("ca"), kea.socket());
             KeyringSession keyring = KeyringSession.start(dir, "keyring pw for the process test")) {
            Path pw = write(dir.resolve("kea.pw"), agent.password());
            Map<String, String> inSession = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString(),
                    "XDG_DATA_HOME", dir.resolve("data").toString(), "DBUS_SESSION_BUS_ADDRESS", keyring.address());
            runs.add(user.run(inSession, "--debug", "profile", "add", "büro", "--kea", agent.url(), "--kea-user", agent.user(),
                    "--kea-password-file", pw.toString(), "--default"));
            runs.add(user.run(inSession, "--debug", "leases", "list", "--format", "csv"));
            runs.add(user.run(inSession, "--debug", "profile", "test", "büro"));
            assertThat(runs.get(0).out()).contains("kea-password (keyring)");
            assertThat(runs.get(1).out()).contains("bürolaptop");
            assertThat(runs.get(2).out()).contains("kea:").contains(" ok ");

            Map<String, String> noBus = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString(),
                    "XDG_DATA_HOME", dir.resolve("data").toString(), "GATEHOUSE_PASSPHRASE_FILE", passphraseFile.toString());
            runs.add(user.run(noBus, "--debug", "profile", "add", "lager", "--kea", agent.url(), "--kea-user", agent.user(),
                    "--kea-password-file", pw.toString()));
            runs.add(user.run(noBus, "--debug", "--profile", "lager", "leases", "list", "--format", "csv"));
            assertThat(runs.get(3).out()).contains("kea-password (encrypted)");
            assertThat(runs.get(4).out()).contains("bürolaptop");
            for (GatehouseProcess r : runs) {
                assertThat(r.exit()).as(r.out() + r.err()).isZero();
            }
            assertThat(user.log()).contains(" DEBUG ").contains("kea lease4-get-page at " + agent.url());

            Files.delete(pw);
            Files.delete(passphraseFile);
            List<String> secrets = List.of(agent.password(), passphrase);
            assertThat(SecretScan.find(List.of(dir.resolve("config"), dir.resolve("data"), user.home(), user.state(), user.cache()),
                    secrets)).isEmpty();
            for (GatehouseProcess r : runs) {
                Path printed = Files.writeString(dir.resolve("printed.txt"), r.out() + r.err(), StandardCharsets.UTF_8);
                assertThat(SecretScan.find(List.of(printed), secrets)).isEmpty();
            }
        }
    }

    static Path write(Path file, String content) throws Exception {
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
