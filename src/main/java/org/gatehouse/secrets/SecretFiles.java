package org.gatehouse.secrets;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * Secrets a profile names by reference instead of storing: a file (services; mode checked at each
 * use, its first line is the secret) or a systemd credential ({@code $CREDENTIALS_DIRECTORY/NAME},
 * which systemd makes readable by the service only).
 */
public final class SecretFiles {
    static final int MAX_CHARS = 4096;

    private SecretFiles() {
    }

    /** The first line of {@code file}; refused when other users may read or write it. */
    public static char[] read(Path file, String what) {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new CredentialsUnavailable(what + ": " + file + " does not exist");
        } catch (UnsupportedOperationException e) {
            mode = Set.of();
        } catch (IOException e) {
            throw new CredentialsUnavailable(what + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        if (mode.stream().anyMatch(m -> m.name().startsWith("GROUP_") || m.name().startsWith("OTHERS_"))) {
            throw new CredentialsUnavailable(what + ": " + file + " is open to other users ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(mode) + "); make it private with: chmod 600 " + file);
        }
        return readStream(file, what);
    }

    /** The first line of a pipe or descriptor (no mode to check: it is this process's own). */
    public static char[] readStream(Path file, String what) {
        char[] buf = new char[MAX_CHARS + 1];
        int n = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while (n < buf.length && (c = in.read()) >= 0 && c != '\n' && c != '\r') {
                buf[n++] = (char) c;
            }
        } catch (IOException e) {
            throw new CredentialsUnavailable(what + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        try {
            if (n == 0 || n > MAX_CHARS) {
                throw new CredentialsUnavailable(what + ": the first line of " + file + (n == 0 ? " is empty" : " is too long"));
            }
            return Arrays.copyOf(buf, n);
        } finally {
            Arrays.fill(buf, '\0');
        }
    }

    /** A systemd credential of this service. */
    public static char[] systemd(String credentialsDirectory, String name, String what) {
        if (credentialsDirectory == null || credentialsDirectory.isBlank()) {
            throw new CredentialsUnavailable(what + ": systemd credential '" + name + "' needs $CREDENTIALS_DIRECTORY"
                    + " (run as a service with LoadCredential=" + name + ":/path)");
        }
        return read(Path.of(credentialsDirectory).resolve(name), what);
    }
}
