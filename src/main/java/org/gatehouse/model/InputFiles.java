package org.gatehouse.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file the user hands to Gatehouse (an import, a Kea configuration to check) with a size
 * cap, so that a huge file, {@code /dev/zero} or an endless FIFO is a clear "bad input" (exit 2)
 * instead of an {@code OutOfMemoryError}. The cap is checked while reading, not from the size the
 * file claims, which special files do not tell.
 */
public final class InputFiles {
    /** 16 MiB: a 50,000-reservation CSV is about 3.5 MB; parsing takes several times the file's size in heap. */
    public static final long MAX_IMPORT_BYTES = 16L * 1024 * 1024;

    /** 64 MiB: a Kea configuration file, the same document as a {@code config-get} answer (same cap). */
    public static final long MAX_CONFIG_BYTES = 64L * 1024 * 1024;

    private InputFiles() {
    }

    /** The file's text (UTF-8), or {@link BadInput} naming {@code field} when it is unreadable or over {@code maxBytes}. */
    public static String readText(Path file, long maxBytes, String field) {
        if (Files.isDirectory(file)) {
            throw new BadInput(field, file + " is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new BadInput(field, file + " is larger than " + human(maxBytes) + ", the most Gatehouse reads; nothing was done");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInput(field, "cannot read " + file + ": " + e.getMessage());
        }
    }

    static String human(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
