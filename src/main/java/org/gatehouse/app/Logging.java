package org.gatehouse.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
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
        context.putProperty("LOG_FILE", file.toString());
        context.putProperty("LOG_FILE_STEM", dir.resolve("gatehouse").toString());
        context.putProperty("LOG_LEVEL", level.toString());
        context.putProperty("CONSOLE_LEVEL", journal ? level.toString() : Level.WARN.toString());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        try {
            joran.doConfigure(Logging.class.getResource(writable ? "/logback-gatehouse.xml" : "/logback.xml"));
        } catch (JoranException e) {
            err.println("gatehouse: warning: logging is off: " + SafeText.escapeForTerminal(e.getMessage()));
            err.flush();
            return null;
        }
        if (!writable) {
            return null;
        }
        System.setProperty(LOG_FILE_PROPERTY, file.toString());
        return file;
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
