package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatehouse.cli.GatehouseCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher {@code ./gatehouse} tells the console from a command by its arguments (issue 13): a
 * command runs without JavaFX's module path and with the JIT stopped at C1, the console (and sync's
 * loop) as before. A console taken for a command would not start at all (no JavaFX): the options
 * before the first word, with their values, must be skipped as picocli reads them.
 */
class LauncherKindTest {

    private static String kind(String... args) throws Exception {
        String script = Files.readString(Path.of("packaging/launch-kind.sh"), StandardCharsets.UTF_8);
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

    /**
     * The launcher's list of the root's options that take no value must be picocli's: a new flag it
     * does not know would swallow the next word as its value, and {@code --newflag --profile site}
     * would start the console as a command, without JavaFX.
     */
    @Test
    void theLauncherKnowsEveryRootOptionThatTakesNoValue() throws Exception {
        String script = Files.readString(Path.of("packaging/launch-kind.sh"), StandardCharsets.UTF_8);
        String flags = script.lines().filter(l -> l.contains("--allow-insecure-http|")).findFirst().orElseThrow();
        java.io.PrintWriter sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        CommandLine root = GatehouseCli.create(null, name -> null, sink, sink);
        for (CommandLine.Model.OptionSpec o : root.getCommandSpec().options()) {
            if (o.arity().max() == 0 && !o.usageHelp() && !o.versionHelp()) {
                for (String name : o.names()) {
                    if (name.startsWith("--")) {
                        assertThat(flags).as("launch_kind lists " + name).contains(name + "|");
                    }
                }
            }
        }
    }

    /**
     * The real launcher, copied into a directory with a space and non-ASCII in its name, beside a
     * stand-in jar that prints what it was given: the unpacked SQLite directory and the archive reach
     * java as single words (split, java took "ace…" for the main class and every start failed).
     */
    @Test
    void aCloneInADirectoryWithASpaceStillStarts(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("sp ace zoë"));
        Files.copy(Path.of("gatehouse"), home.resolve("gatehouse"));
        Files.copy(Path.of("packaging/launch-kind.sh"), Files.createDirectories(home.resolve("packaging")).resolve("launch-kind.sh"));
        Path target = Files.createDirectories(home.resolve("target"));
        Files.createDirectories(target.resolve("javafx"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path source = dir.resolve("Echo.java");
        Files.writeString(source, "public class Echo { public static void main(String[] a) {"
                + " System.out.println(\"lib=\" + System.getProperty(\"org.sqlite.lib.path\"));"
                + " System.out.println(\"args=\" + String.join(\"|\", a)); } }", StandardCharsets.UTF_8);
        assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), source.toString())).isZero();
        java.util.jar.Manifest mf = new java.util.jar.Manifest();
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(java.util.jar.Attributes.Name.MAIN_CLASS, "Echo");
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(target.resolve("gatehouse.jar")), mf)) {
            jar.putNextEntry(new java.util.jar.JarEntry("Echo.class"));
            jar.write(Files.readAllBytes(classes.resolve("Echo.class")));
        }
        Path lib = Files.createDirectories(target.resolve("lib"));
        try (var jar = new java.util.jar.JarOutputStream(Files.newOutputStream(lib.resolve("sqlite-jdbc-0.0.jar")))) {
            for (String arch : List.of("x86_64", "aarch64")) {
                jar.putNextEntry(new java.util.jar.JarEntry("org/sqlite/native/Linux/" + arch + "/libsqlitejdbc.so"));
                jar.write(new byte[] {1});
            }
        }
        Path oui = Files.writeString(dir.resolve("oui.csv"), "Registry,Assignment,Organization Name,Organization Address\n");
        ProcessBuilder pb = new ProcessBuilder("sh", home.resolve("gatehouse").toString(), "leases", "list", "a b").redirectErrorStream(true);
        pb.environment().put("GATEHOUSE_CDS", "off");
        pb.environment().put("GATEHOUSE_OUI_CSV", oui.toString());
        pb.environment().remove("GATEHOUSE_JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("lib=" + target.resolve("native")).contains("args=leases|list|a b");
    }
}
