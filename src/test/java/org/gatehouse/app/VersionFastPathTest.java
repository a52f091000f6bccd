package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatehouse.cli.GatehouseCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse --version} (and {@code -V}) alone is answered by {@link Main} before picocli and the
 * backend are loaded: the process prints exactly what picocli's command line prints for it (the
 * version provider and the fast path share {@code cli/Version}), exits 0, and loads no class of
 * picocli, of the command line or of the backend. Any other argument list still reaches picocli.
 */
class VersionFastPathTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err, List<String> classes) {
    }

    /** What picocli's command line prints for {@code args}, in this JVM (the path every argument list took before). */
    private static String picocli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = GatehouseCli.forArguments(args, null, name -> null, new PrintWriter(out, true), new PrintWriter(err, true),
                (command, debug) -> { }).execute(args);
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    private Run gatehouse(String name, String... args) throws Exception {
        Path classLog = dir.resolve(name + ".classes");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> classes = Files.readAllLines(classLog, StandardCharsets.UTF_8).stream()
                .map(l -> l.replaceFirst("^\\[[^]]*\\]\\[[^]]*\\]\\[[^]]*\\] ", "").split(" ")[0]).toList();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8), classes);
    }

    @Test
    void versionAlonePrintsWhatPicocliPrintsWithoutLoadingIt() throws Exception {
        for (String flag : List.of("--version", "-V")) {
            Run r = gatehouse("fast" + flag, flag);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out()).isEqualTo(picocli(flag)).startsWith("gatehouse ").endsWith(System.lineSeparator());
            assertThat(r.classes()).as("the class-load log was written").contains("org.gatehouse.app.Main", "org.gatehouse.cli.Version");
            assertThat(r.classes()).as("classes of picocli, the command line or the backend")
                    .noneMatch(c -> c.startsWith("picocli.") || c.startsWith("org.gatehouse.cli.GatehouseCli")
                            || c.startsWith("org.gatehouse.app.AppStart") || c.startsWith("org.gatehouse.app.AppBackend")
                            || c.startsWith("org.slf4j.") || c.startsWith("ch.qos.logback."));
        }
    }

    @Test
    void versionWithOtherArgumentsStillGoesThroughPicocli() throws Exception {
        Run r = gatehouse("with-debug", "--debug", "--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(picocli("--debug", "--version")).isEqualTo(picocli("--version"));
        assertThat(r.classes()).anyMatch(c -> c.startsWith("picocli."));
    }
}
