package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's configuration (Logging.configure) in a logback context of its own: after every
 * rollover each file is still 0600 (logback alone would create the new one with the umask), and
 * no more than five files are kept.
 */
class LogRotationTest {
    @TempDir
    Path dir;

    @Test
    void everyFileStaysPrivateAcrossRolloversAndFiveAreKept() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        Logging.configure(context, dir.resolve("gatehouse.log"), dir.resolve("gatehouse"), Level.INFO, Level.OFF);
        Logger log = context.getLogger("org.gatehouse.test");
        PrivateRollingFileAppender file = (PrivateRollingFileAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE");
        assertThat(file).as("the launcher's configuration uses the private appender").isNotNull();
        assertThat(file.isStarted()).isTrue();
        for (int generation = 0; generation < 7; generation++) {
            log.info("generation {}", generation);
            file.rollover();
        }
        log.info("after the last rollover");
        context.stop();

        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(names).containsExactly("gatehouse.1.log", "gatehouse.2.log", "gatehouse.3.log", "gatehouse.4.log", "gatehouse.log");
        for (String name : names) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(name))).as(name).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(Files.readString(dir.resolve("gatehouse.log"))).contains("after the last rollover");
        assertThat(Files.readString(dir.resolve("gatehouse.1.log"))).contains("generation 6");
    }

    @Test
    void aLogFileOthersCouldReadIsNarrowedWhenOpened() throws Exception {
        Path f = dir.resolve("gatehouse.log");
        Files.writeString(f, "older lines\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateRollingFileAppender.makePrivate(f);
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(f)).as("kept, appended to").isEqualTo("older lines\n");
    }
}
