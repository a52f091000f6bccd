package org.gatehouse.model;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Every file Gatehouse writes (cache, backups, exports, known_hosts) is created 0600 and every
 * directory it creates 0700: the mode is given to {@code open}/{@code mkdir} itself, so there is
 * no moment in which the file exists readable by others, whatever the umask. A file that already
 * exists is narrowed to 0600 before anything is written into it. On file systems that keep no
 * Unix modes (a FAT USB stick) the mount options decide, and a refused chmod is not an error.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE = PosixFilePermissions.asFileAttribute(FILE);
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE = PosixFilePermissions.asFileAttribute(DIRECTORY);

    private PrivateFiles() {
    }

    /** Creates {@code dir} and any missing parents 0700; directories that exist are left as they are. */
    public static void createDirectories(Path dir) throws IOException {
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, DIRECTORY_MODE);
        }
    }

    /** Creates {@code file} 0600 (and its missing parent directories 0700) unless it exists; true if it was created. */
    public static boolean createFile(Path file) throws IOException {
        createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, FILE_MODE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Narrows an existing regular file to 0600 (no-op for anything else: missing, a link, a directory, a device). */
    public static void restrict(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (!Files.getPosixFilePermissions(file).equals(FILE)) {
                Files.setPosixFilePermissions(file, FILE);
            }
        } catch (FileSystemException | UnsupportedOperationException e) {
            // no Unix modes on this file system (vfat, some network mounts): its mount options rule
        }
    }

    /** Opens {@code file} for writing from its start, creating it 0600 or narrowing it to 0600 first. */
    public static OutputStream newOutputStream(Path file) throws IOException {
        createDirectories(file.toAbsolutePath().getParent());
        var channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), FILE_MODE);
        try {
            restrict(file);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return Channels.newOutputStream(channel);
    }

    /** As {@link #newOutputStream}, as a buffered UTF-8 writer. */
    public static Writer newWriter(Path file) throws IOException {
        return new java.io.BufferedWriter(new java.io.OutputStreamWriter(newOutputStream(file), StandardCharsets.UTF_8));
    }

    /** What a whole-file writer does with the stream it is given. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} through a 0600 temporary file beside it that is moved into place, so
     * a failed write leaves no half file and the result is private even if {@code target} was not.
     */
    public static void writeAtomically(Path target, Content content) {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.deleteIfExists(tmp);
            try (OutputStream out = newOutputStream(tmp)) {
                content.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error is the one to report
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
