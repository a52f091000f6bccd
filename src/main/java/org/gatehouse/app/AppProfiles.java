package org.gatehouse.app;

import java.nio.file.Path;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.policy.ProfileProbe;
import org.gatehouse.policy.Profiles;
import org.gatehouse.secrets.EncryptedFileStore;
import org.gatehouse.secrets.PassphrasePrompt;
import org.gatehouse.secrets.SecretServiceStore;
import org.gatehouse.store.ProfileFile;

/**
 * Where a user's profiles and secrets live: {@code $XDG_CONFIG_HOME/gatehouse/profiles.toml}, the
 * desktop keyring on {@code $DBUS_SESSION_BUS_ADDRESS} (unless {@code GATEHOUSE_KEYRING=off}),
 * else {@code $XDG_DATA_HOME/gatehouse/credentials.json} encrypted under the user's passphrase.
 */
public final class AppProfiles {
    private AppProfiles() {
    }

    /** For the command line: the passphrase from GATEHOUSE_PASSPHRASE_FILE, GATEHOUSE_PASSPHRASE_FD or the terminal. */
    public static Profiles open(ConnectionOptions.Environment env, ProfileProbe probe) {
        return open(env, probe, new TerminalPassphrase(env));
    }

    /** With the console's own way of asking for the passphrase (a dialog), or {@link PassphrasePrompt#NONE}. */
    public static Profiles open(ConnectionOptions.Environment env, ProfileProbe probe, PassphrasePrompt prompt) {
        String home = env.get("HOME") != null && !env.get("HOME").isBlank() ? env.get("HOME") : System.getProperty("user.home");
        Path file = ProfileFile.defaultLocation(env.get("XDG_CONFIG_HOME"), home);
        String xdgData = env.get("XDG_DATA_HOME");
        Path data = (xdgData != null && !xdgData.isBlank() && Path.of(xdgData).isAbsolute() ? Path.of(xdgData)
                : Path.of(home, ".local", "share")).resolve("gatehouse");
        String bus = "off".equalsIgnoreCase(env.get("GATEHOUSE_KEYRING")) ? null : env.get("DBUS_SESSION_BUS_ADDRESS");
        return new Profiles(new ProfileFile(file), new SecretServiceStore(bus),
                new EncryptedFileStore(data.resolve("credentials.json"), prompt), env::get, probe);
    }
}
