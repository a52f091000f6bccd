package org.gatehouse.policy;

import java.nio.file.Path;
import org.gatehouse.model.BadInput;

/**
 * Where a profile's secret lives. The profile file holds only this reference, never the secret:
 * {@code keyring} (the desktop keyring, Secret Service), {@code encrypted} (Gatehouse's own
 * encrypted store), {@code file:/path} (a 0600 file, for services) or {@code systemd:NAME}
 * (a systemd credential under {@code $CREDENTIALS_DIRECTORY}).
 */
public sealed interface SecretRef {

    /** The text kept in the profile file. */
    String text();

    /** In the desktop keyring through the freedesktop Secret Service. */
    record Keyring() implements SecretRef {
        @Override
        public String text() {
            return "keyring";
        }
    }

    /** In Gatehouse's own store, encrypted with a key derived from the user's passphrase. */
    record Encrypted() implements SecretRef {
        @Override
        public String text() {
            return "encrypted";
        }
    }

    /** The first line of a file that only its owner may read (checked at every use). */
    record InFile(Path file) implements SecretRef {
        @Override
        public String text() {
            return "file:" + file;
        }
    }

    /** {@code $CREDENTIALS_DIRECTORY/NAME}, as systemd's LoadCredential= provides it to a service. */
    record Systemd(String name) implements SecretRef {
        public Systemd {
            if (name == null || !name.matches("[A-Za-z0-9_.@-]{1,128}")) {
                throw new BadInput("credential", "a systemd credential name is letters, digits and _ . @ - (got '" + name + "')");
            }
        }

        @Override
        public String text() {
            return "systemd:" + name;
        }
    }

    /** Parses the profile file's text form; {@code key} names the setting in errors. */
    static SecretRef parse(String text, String key) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.equals("keyring")) {
            return new Keyring();
        }
        if (t.equals("encrypted")) {
            return new Encrypted();
        }
        if (t.startsWith("file:") && t.length() > 5) {
            return new InFile(Path.of(t.substring(5)));
        }
        if (t.startsWith("systemd:")) {
            return new Systemd(t.substring(8));
        }
        // not quoted: what is there may be the secret itself, typed where its reference belongs
        throw new BadInput(key, "the value is not a secret reference: keyring, encrypted, file:/path or systemd:NAME"
                + " (a secret itself never belongs in the profile file or on the command line)");
    }
}
