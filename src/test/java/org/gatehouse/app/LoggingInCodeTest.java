package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging as the product starts it, in a child JVM on the product's class path only (no test
 * resources, so no logback-test.xml): logback finds {@link QuietLogging} and {@link Logging} builds
 * the launcher's configuration in code. The log file gets its INFO line, 0600; a warning still
 * reaches stderr; and neither Joran nor the XML parser is loaded (they cost a command ~60 ms).
 */
class LoggingInCodeTest {
    @TempDir
    Path dir;

    private record Run(int exit, String err, List<String> classes) {
    }

    private Run gatehouse(String name, Path state, String... args) throws Exception {
        // The product's class path: this JVM's without the test classes and their resources.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        Path classLog = dir.resolve(name + ".classes");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog, "-cp", classPath, Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        pb.environment().put("XDG_STATE_HOME", state.toString());
        Path err = dir.resolve(name + ".err");
        Process p = pb.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> classes = Files.readAllLines(classLog, StandardCharsets.UTF_8).stream()
                .map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", "").split(" ")[0]).toList();
        return new Run(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), classes);
    }

    @Test
    void theLogFileIsWrittenWithoutJoranOrTheXmlParser() throws Exception {
        Path state = dir.resolve("state");
        Run r = gatehouse("audit", state, "--db", dir.resolve("cache.db").toString(), "audit", "list");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).as("a successful command prints no log lines, and logback no status").isEmpty();
        Path log = state.resolve("gatehouse/gatehouse.log");
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
                .containsPattern("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[main\\] org\\.gatehouse\\.app\\.Main - gatehouse .* starting: command audit list");
        assertThat(Files.getPosixFilePermissions(log)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(r.classes()).as("the class-load log was written").contains("org.gatehouse.app.QuietLogging");
        assertThat(r.classes()).as("Joran and the XML parser")
                .noneMatch(c -> c.startsWith("ch.qos.logback.classic.joran.") || c.startsWith("ch.qos.logback.core.joran.action.")
                        || c.startsWith("com.sun.org.apache.xerces."));
    }

    @Test
    void withoutAWritableLogDirectoryWarningsStillReachStderr() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("state-is-a-file"), "x");
        Run r = gatehouse("unwritable", notADirectory, "--db", dir.resolve("cache.db").toString(), "audit", "list");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("gatehouse: warning: cannot write the log file").contains("logging to the file is off");
    }
}
