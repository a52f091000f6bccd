package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher {@code ./gatehouse} tells the console from a command by its arguments (issue 13): a
 * command runs without JavaFX's module path and with the JIT stopped at C1, the console (and sync's
 * loop) as before. A console taken for a command would not start at all (no JavaFX): the options
 * before the first word, with their values, must be skipped as picocli reads them.
 */
class LauncherKindTest {

    private static String kind(String... args) throws Exception {
        String script = Files.readString(Path.of("gatehouse"), StandardCharsets.UTF_8);
        int from = script.indexOf("launch_kind() {");
        int to = script.indexOf("\n}\n", from);
        assertThat(from).as("the launcher has launch_kind").isPositive();
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", script.substring(from, to + 3) + "launch_kind \"$@\"", "sh"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void theConsoleIsNoCommandGuiOrDemoWhateverTheOptionValuesAreNamed() throws Exception {
        assertThat(kind()).isEqualTo("console");
        assertThat(kind("gui")).isEqualTo("console");
        assertThat(kind("demo", "--no-gui")).isEqualTo("console");
        // option values named like commands are values, not commands
        assertThat(kind("--profile", "leases")).isEqualTo("console");
        assertThat(kind("--db", "db", "--kea", "unix:/run/kea/kea4-ctrl-socket")).isEqualTo("console");
        assertThat(kind("--debug", "--profile", "status", "gui")).isEqualTo("console");
        assertThat(kind("--profile=leases", "--allow-insecure-http")).isEqualTo("console");
    }

    @Test
    void commandsAndSyncAreKnownAsSuch() throws Exception {
        assertThat(kind("leases", "list", "--format", "json")).isEqualTo("command");
        assertThat(kind("--kea", "unix:/tmp/k.sock", "--db", "/tmp/c.db", "leases", "list")).isEqualTo("command");
        assertThat(kind("--kea=unix:/tmp/k.sock", "--accept-new-host-key", "status")).isEqualTo("command");
        assertThat(kind("--version")).isEqualTo("command");
        assertThat(kind("--profile", "home", "--help")).isEqualTo("command");
        assertThat(kind("no-such-command")).as("a usage error ends at once too").isEqualTo("command");
        assertThat(kind("--profile", "site", "sync", "--every", "300")).isEqualTo("service");
    }
}
