package org.gatehouse.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A rolling log file that only its owner can read. Logback opens files with the process umask
 * (usually 0644); this appender creates each file 0600 first, at start and after every rollover,
 * and narrows a file it finds wider. Rolled files are renamed, so they keep the mode.
 */
public final class PrivateRollingFileAppender extends RollingFileAppender<ILoggingEvent> {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @Override
    public void openFile(String fileName) throws IOException {
        makePrivate(Path.of(fileName));
        super.openFile(fileName);
    }

    static void makePrivate(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException exists) {
            // kept, with its mode checked below
        }
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
