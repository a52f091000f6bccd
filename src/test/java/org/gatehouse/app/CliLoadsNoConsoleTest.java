package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command-line run starts no part of the console: {@code gatehouse --version}, {@code --help} and
 * real commands against a real kea-dhcp4, each in a JVM started as {@code ./gatehouse} starts it
 * (JavaFX on the module path and resolved), load no class of JavaFX and none of
 * {@code org.gatehouse.ui} (the JVM's own class-load log says which classes it loaded). Every such
 * class costs start-up time.
 */
@Tag("kea")
class CliLoadsNoConsoleTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    @BeforeAll
    static void leases() {
        kea.addLease(10, "f0:18:98:00:00:0a", "zoë-iphone", 86400);
        kea.addLease(140, "da:a1:19:00:00:8c", "", 60);
    }

    private record Run(int exit, String out, String err, List<String> consoleClasses, int classes) {
    }

    private static Run run(String name, String... args) throws Exception {
        Path classLog = dir.resolve(name + ".classes");
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        String modulePath = classPath.stream().filter(e -> e.contains("/org/openjfx/") && e.endsWith("-linux.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        String appPath = classPath.stream().filter(e -> !e.contains("/org/openjfx/") && !e.contains("monocle"))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(modulePath).as("the JavaFX linux jars").isNotEmpty();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfile.encoding=UTF-8", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info:file=" + classLog,
                "--module-path", modulePath, "--add-modules", "javafx.controls", "-cp", appPath, Main.class.getName(),
                "--db", dir.resolve(name + ".db").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_"));
        pb.environment().put("DISPLAY", ":0"); // a desktop session: nothing may start JavaFX all the same
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gatehouse " + String.join(" ", args) + " did not finish within 120 s");
        }
        List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8);
        List<String> console = loaded.stream().map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", ""))
                .map(l -> l.split(" ")[0])
                .filter(c -> c.matches("(javafx|com\\.sun\\.(javafx|glass|prism)|org\\.gatehouse\\.ui)\\..*")).toList();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                console, loaded.size());
    }

    private static void assertNoConsole(Run r) {
        assertThat(r.classes()).as("the class-load log was written").isGreaterThan(400);
        assertThat(r.consoleClasses()).as("classes of JavaFX or of the console loaded").isEmpty();
    }

    @Test
    void versionAndHelpLoadNothingOfTheConsole() throws Exception {
        Run version = run("version", "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("gatehouse ");
        assertNoConsole(version);

        Run help = run("help", "--help");
        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: gatehouse", "leases", "reservations");
        assertNoConsole(help);
    }

    @Test
    void commandsOnARealKeaLoadNothingOfTheConsole() throws Exception {
        Run list = run("list", "--kea", kea.endpoint(), "leases", "list", "--format", "json");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("\"zoë-iphone\"", "\"192.168.40.140\"");
        assertNoConsole(list);

        Run status = run("status", "--kea", kea.endpoint(), "status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertNoConsole(status);

        Run pools = run("pools", "--kea", kea.endpoint(), "pools", "--format", "json");
        assertThat(pools.exit()).as(pools.err()).isZero();
        assertNoConsole(pools);
    }
}
