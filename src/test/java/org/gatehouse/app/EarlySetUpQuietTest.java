package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher loads SQLite's native library on a second thread before it knows the command
 * (AppStart). sqlite-jdbc's loader first lists the temporary directory (to delete stale copies) and
 * logs every failure at ERROR with a stack trace: where that directory cannot be listed, the
 * early load must not make commands that never open the cache ({@code --help}, {@code profile list})
 * print those lines, neither as installed (library named by {@code -Dorg.sqlite.lib.path}) nor
 * from the plain class path. A command that opens the cache still works as installed.
 */
class EarlySetUpQuietTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run gatehouse(List<String> jvmOptions, String... args) throws Exception {
        // The product's class path: this JVM's without the test classes and their resources (no logback-test.xml).
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", classPath, Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_") || k.equals("JAVA_TOOL_OPTIONS"));
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** SQLite's Linux/x86_64 library unpacked beside nothing else, as packaging/jpackage.sh puts it into the image. */
    private Path unpackedLibrary() throws Exception {
        String jar = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("sqlite-jdbc")).findFirst().orElseThrow();
        Path native_ = Files.createDirectories(dir.resolve("native"));
        try (ZipFile zip = new ZipFile(jar); InputStream in = zip.getInputStream(zip.getEntry("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so"))) {
            Files.copy(in, native_.resolve("libsqlitejdbc.so"));
        }
        return native_;
    }

    @Test
    void helpAndProfileListPrintNoSqliteErrorsWhereTheTemporaryDirectoryCannotBeListed() throws Exception {
        String noTmp = "-Djava.io.tmpdir=" + dir.resolve("no-such-tmp");
        List<String> installed = List.of(noTmp, "-Dorg.sqlite.lib.path=" + unpackedLibrary(), "-Dorg.sqlite.lib.name=libsqlitejdbc.so");
        for (List<String> options : List.of(installed, List.of(noTmp))) {
            Run help = gatehouse(options, "--help");
            assertThat(help.exit()).as(help.err()).isZero();
            assertThat(help.out()).contains("Usage: gatehouse");
            assertThat(help.err()).as("--help with %s", options).isEmpty();
            Run profiles = gatehouse(options, "profile", "list");
            assertThat(profiles.exit()).as(profiles.err()).isZero();
            assertThat(profiles.err()).as("profile list with %s", options).doesNotContain("ERROR").doesNotContain("SQLiteJDBCLoader");
        }
    }

    @Test
    void asInstalledACommandThatOpensTheCacheStillWorks() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Run audit = gatehouse(List.of("-Djava.io.tmpdir=" + tmp, "-Dorg.sqlite.lib.path=" + unpackedLibrary(),
                "-Dorg.sqlite.lib.name=libsqlitejdbc.so"), "--db", dir.resolve("cache.db").toString(), "audit", "list");
        assertThat(audit.exit()).as(audit.err()).isZero();
        assertThat(audit.err()).isEmpty();
        assertThat(dir.resolve("cache.db")).isNotEmptyFile();
        try (var left = Files.list(tmp)) {
            assertThat(left).as("nothing of SQLite's unpacked into the temporary directory").isEmpty();
        }
    }
}
