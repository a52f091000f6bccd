package org.gatehouse.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import org.gatehouse.model.BadInput;

/**
 * A password, passphrase or community read from a file, the only way secrets reach Gatehouse
 * besides the environment. The file must not be open to other users (a secret others can read is
 * no secret; one others can write lets them choose it). Its first line is the secret, so that a
 * file with a trailing newline or a comment line after the secret works as expected.
 */
public final class SecretFile {
    /** A first line longer than this is not a password but the wrong file. */
    static final int MAX_CHARS = 4096;

    private SecretFile() {
    }

    /** @return the first line without its line end, or null when no file is given */
    public static char[] read(Path file, String option) {
        if (file == null) {
            return null;
        }
        if (file.toString().isBlank()) {
            throw new BadInput(option, "the file name is empty");
        }
        refuseOpenToOthers(file, option);
        if (Files.isDirectory(file)) {
            throw new BadInput(option, file + " is a directory, not a file holding the secret");
        }
        char[] secret = firstLine(file, option);
        if (secret.length == 0) {
            throw new BadInput(option, file + " is empty; its first line must be the secret");
        }
        return secret;
    }

    private static void refuseOpenToOthers(Path file, String option) {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException notPosix) {
            return; // no owner/other distinction to check on this file system
        } catch (IOException e) {
            throw new BadInput(option, "cannot read " + file + ": " + why(e));
        }
        if (mode.contains(PosixFilePermission.OTHERS_READ) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new BadInput(option, file + " is " + (mode.contains(PosixFilePermission.OTHERS_READ) ? "readable" : "writable")
                    + " by other users (" + PosixFilePermissions.toString(mode) + "); make it private with: chmod 600 " + file);
        }
    }

    private static char[] firstLine(Path file, String option) {
        char[] buf = new char[MAX_CHARS + 1];
        int n = 0;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int c;
            while (n < buf.length && (c = in.read()) >= 0 && c != '\n' && c != '\r') {
                buf[n++] = (char) c;
            }
        } catch (IOException e) {
            throw new BadInput(option, "cannot read " + file + ": " + why(e));
        }
        try {
            if (n > MAX_CHARS) {
                throw new BadInput(option, "the first line of " + file + " is longer than " + MAX_CHARS + " characters; is it the right file?");
            }
            return Arrays.copyOf(buf, n);
        } finally {
            Arrays.fill(buf, '\0');
        }
    }

    /** The reason only: a decoder's message could quote the file's bytes. */
    private static String why(IOException e) {
        return e instanceof java.nio.charset.CharacterCodingException ? "it is not UTF-8 text"
                : e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : String.valueOf(e.getMessage());
    }
}
