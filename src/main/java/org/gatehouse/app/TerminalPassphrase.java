package org.gatehouse.app;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.secrets.CredentialsUnavailable;
import org.gatehouse.secrets.PassphrasePrompt;
import org.gatehouse.secrets.SecretFiles;

/**
 * The encrypted store's passphrase for the command line, never from argv: the file named by
 * {@code GATEHOUSE_PASSPHRASE_FILE} (0600), the descriptor named by {@code GATEHOUSE_PASSPHRASE_FD}
 * (a pipe from a password manager: {@code GATEHOUSE_PASSPHRASE_FD=3 gatehouse … 3< <(pass show x)}),
 * or the terminal without echo (twice when the store is created).
 */
final class TerminalPassphrase implements PassphrasePrompt {
    private final ConnectionOptions.Environment env;

    TerminalPassphrase(ConnectionOptions.Environment env) {
        this.env = env;
    }

    @Override
    public char[] ask(boolean creating) {
        String file = env.get("GATEHOUSE_PASSPHRASE_FILE");
        if (file != null && !file.isBlank()) {
            return SecretFiles.read(Path.of(file), "GATEHOUSE_PASSPHRASE_FILE");
        }
        String fd = env.get("GATEHOUSE_PASSPHRASE_FD");
        if (fd != null && !fd.isBlank()) {
            if (!fd.trim().matches("\\d{1,5}")) {
                throw new CredentialsUnavailable("GATEHOUSE_PASSPHRASE_FD must be a file descriptor number");
            }
            return SecretFiles.readStream(Path.of("/proc/self/fd", fd.trim()), "GATEHOUSE_PASSPHRASE_FD");
        }
        Console console = System.console();
        if (console == null) {
            return null;
        }
        char[] first = console.readPassword(creating ? "New passphrase for Gatehouse's encrypted credential store: "
                : "Passphrase for Gatehouse's encrypted credential store: ");
        if (!creating || first == null) {
            return first;
        }
        char[] again = console.readPassword("The same passphrase again: ");
        try {
            if (again == null || !Arrays.equals(first, again)) {
                Arrays.fill(first, '\0');
                throw new CredentialsUnavailable("the two passphrases differ; nothing was stored");
            }
            return first;
        } finally {
            if (again != null) {
                Arrays.fill(again, '\0');
            }
        }
    }
}
