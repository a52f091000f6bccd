package org.gatehouse.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The command the user typed to start Gatehouse, for hints that print a command line to type next
 * ("Try: gatehouse --kea … leases list"). The repository's launcher exports its {@code $0} as
 * {@code GATEHOUSE_COMMAND}; an installed package runs jpackage's launcher, which sets
 * {@code jpackage.app-path}. Either becomes plain {@code gatehouse} when that is what the PATH finds
 * (the .deb's /usr/bin/gatehouse, a script that starts /opt/gatehouse/bin/gatehouse[-sw], exports its
 * own path as {@code GATEHOUSE_COMMAND}). Nothing set: {@code ./gatehouse},
 * the README's command in a clone.
 */
final class LaunchCommand {
    static final String NAME = "gatehouse";
    static final String IN_A_CLONE = "./gatehouse";

    private LaunchCommand() {
    }

    /** For this process: its environment and system properties. */
    static String current() {
        return of(System::getenv, System::getProperty);
    }

    static String of(Function<String, String> env, Function<String, String> properties) {
        String typed = env.apply("GATEHOUSE_COMMAND");
        String installed = properties.apply("jpackage.app-path");
        String command = installed != null && !installed.isBlank() ? installed : typed;
        if (command == null || command.isBlank()) {
            return IN_A_CLONE;
        }
        String path = env.apply("PATH");
        if (!command.contains("/")) {
            // The shell found it on the PATH, or `sh gatehouse` ran the file in the current directory.
            return onPath(command, path) != null ? shellWord(command) : shellWord("./" + command);
        }
        Path found = onPath(NAME, path);
        // The .deb's /usr/bin/gatehouse is a script that starts the installed launcher and exports its own $0.
        if (command.equals(installed) && typed != null && typed.contains("/") && same(found, typed)) {
            return NAME;
        }
        return same(found, command) ? NAME : shellWord(command);   // a path that does not resolve: printed as typed
    }

    /** Whether {@code command} is the file {@code found} (both resolved); false when either does not resolve. */
    private static boolean same(Path found, String command) {
        try {
            return found != null && Objects.equals(found.toRealPath(), Path.of(command).toRealPath());
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }

    /** The executable NAME that PATH finds first, or null. */
    private static Path onPath(String name, String path) {
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            try {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            } catch (InvalidPathException e) {
                // a PATH entry that is no path: the shell skips it too
            }
        }
        return null;
    }

    /** The command as one word a shell reads back: control characters dropped, quoted when it holds others. */
    private static String shellWord(String command) {
        String clean = command.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (!clean.isEmpty() && clean.chars().allMatch(c -> Character.isLetterOrDigit(c) || "/._-+~".indexOf(c) >= 0)) {
            return clean;
        }
        return "'" + clean.replace("'", "'\\''") + "'";
    }

    /** The command with the environment of a test: a map of variables and one of properties. */
    static String of(Map<String, String> env, Map<String, String> properties) {
        return of(env::get, properties::get);
    }
}
