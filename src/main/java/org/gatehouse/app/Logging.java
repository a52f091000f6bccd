package org.gatehouse.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.gatehouse.model.SafeText;
import org.slf4j.LoggerFactory;

/**
 * Points logback at the user's log file: {@code $XDG_STATE_HOME/gatehouse/gatehouse.log}
 * (default {@code ~/.local/state/gatehouse/}), directory 0700, files 0600, 5 MB × 5. The level is
 * INFO, DEBUG with {@code --debug}, or what {@code GATEHOUSE_LOG_LEVEL} names. For {@code sync}
 * (a systemd service) the same lines also go to stderr, so that the journal has them.
 */
public final class Logging {
    /** Set to the log file in use, for the Audit screen's link. */
    public static final String LOG_FILE_PROPERTY = "gatehouse.log.file";
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private Logging() {
    }

    /** {@code $XDG_STATE_HOME/gatehouse} when that is absolute (XDG says ignore it otherwise), else {@code ~/.local/state/gatehouse}. */
    public static Path directory(Function<String, String> env) {
        String state = env.apply("XDG_STATE_HOME");
        if (state != null && !state.isBlank() && Path.of(state).isAbsolute()) {
            return Path.of(state, "gatehouse");
        }
        String home = env.apply("HOME");
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.home") : home, ".local", "state", "gatehouse");
    }

    /** INFO; DEBUG with --debug; else a valid GATEHOUSE_LOG_LEVEL. An invalid one is reported on {@code err} and ignored. */
    static Level level(Function<String, String> env, boolean debug, PrintWriter err) {
        if (debug) {
            return Level.DEBUG;
        }
        String named = env.apply("GATEHOUSE_LOG_LEVEL");
        if (named == null || named.isBlank()) {
            return Level.INFO;
        }
        Level level = Level.toLevel(named.trim().toUpperCase(Locale.ROOT), null);
        if (level == null) {
            err.println("gatehouse: warning: GATEHOUSE_LOG_LEVEL=" + SafeText.escapeForTerminal(named)
                    + " is not a level (ERROR, WARN, INFO, DEBUG, TRACE, OFF); logging at INFO");
            err.flush();
            return Level.INFO;
        }
        return level;
    }

    /**
     * Configures logging for this process and returns the log file, or null when it cannot be
     * written (then only warnings reach stderr, and the command runs all the same).
     */
    public static Path start(Function<String, String> env, boolean debug, boolean journal, PrintWriter err) {
        Level level = level(env, debug, err);
        Path dir = directory(env);
        Path file = dir.resolve("gatehouse.log");
        boolean writable = prepare(dir, file, err);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        if (!writable) {
            QuietLogging.warningsToStderr(context);
            return null;
        }
        configure(context, file, dir.resolve("gatehouse"), level, journal ? level : Level.WARN);
        System.setProperty(LOG_FILE_PROPERTY, file.toString());
        return file;
    }

    /**
     * The launcher's logging, built in code rather than read from XML (Joran and the XML parser cost
     * a command about 60 ms of its start): {@code file}, rolled at 5 MB into {@code stem.1.log} …
     * {@code stem.4.log} by rename (a rename keeps the 0600 mode, a new .gz would get the umask's);
     * stderr at {@code consoleLevel}. Gatehouse logs at {@code level}; libraries stay at WARN even with
     * debug on, as their DEBUG output may carry protocol bytes.
     */
    static void configure(LoggerContext context, Path file, Path stem, Level level, Level consoleLevel) {
        PrivateRollingFileAppender toFile = new PrivateRollingFileAppender();
        toFile.setContext(context);
        toFile.setName("FILE");
        toFile.setFile(file.toString());
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(toFile);
        rolling.setFileNamePattern(stem + ".%i.log");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(4);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
        size.setContext(context);
        size.setMaxFileSize(FileSize.valueOf("5MB"));
        size.start();
        toFile.setRollingPolicy(rolling);
        toFile.setTriggeringPolicy(size);
        toFile.setEncoder(QuietLogging.encoder(context, "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n"));
        toFile.start();
        // stderr: warnings for commands and the console; everything at the level for sync (the journal stamps the time).
        ConsoleAppender<ILoggingEvent> toStderr = QuietLogging.stderr(context, "%-5level %logger{24} - %msg%n");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(context);
        threshold.setLevel(consoleLevel.toString());
        threshold.start();
        toStderr.addFilter(threshold);
        toStderr.start();
        context.getLogger("org.gatehouse").setLevel(level);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(toFile);
        root.addAppender(toStderr);
    }

    /** The directory 0700 (created or narrowed), the file 0600; false with a warning when that fails. */
    private static boolean prepare(Path dir, Path file, PrintWriter err) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            if (!Files.getPosixFilePermissions(dir).equals(OWNER_DIR)) {
                Files.setPosixFilePermissions(dir, OWNER_DIR);
            }
            PrivateRollingFileAppender.makePrivate(file);
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            err.println("gatehouse: warning: cannot write the log file " + SafeText.escapeForTerminal(file.toString()) + ": "
                    + SafeText.escapeForTerminal(String.valueOf(e.getMessage())) + "; logging to the file is off");
            err.flush();
            return false;
        }
    }
}
