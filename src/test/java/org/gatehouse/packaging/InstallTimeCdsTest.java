package org.gatehouse.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.gatehouse.app.Main;
import org.gatehouse.cli.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/deb/gatehouse-cds, which postinst runs to make the app's class-data-sharing archive where
 * Gatehouse is installed, run for real on an image laid out as jpackage lays it out: bin/gatehouse
 * starts this JDK's java with {@code -XX:SharedArchiveFile=<image>/lib/app/gatehouse.jsa} on its command
 * line (as the jpackage launcher's configuration does), the app in a jar, the class list trained from
 * it, the runtime's own archive in lib/runtime/lib/server/classes.jsa. After "make" the launcher maps
 * the archive and Gatehouse's classes come from it; when the dump fails, the launcher still maps the
 * JDK's classes (a missing archive would turn class-data sharing off altogether); "remove" deletes it.
 */
class InstallTimeCdsTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path JDK_ARCHIVE = Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");

    @TempDir
    Path dir;
    private Path image;
    private Path archive;

    @BeforeEach
    void image() throws Exception {
        image = dir.resolve("opt/gatehouse");
        Path app = Files.createDirectories(image.resolve("lib/app"));
        archive = app.resolve("gatehouse.jsa");
        jar(app.resolve("gatehouse.jar"), Main.class, Version.class);
        executable(Files.createDirectories(image.resolve("bin")).resolve("gatehouse"), "#!/bin/sh\nexec '" + JAVA
                + "' -XX:SharedArchiveFile='" + archive + "' -cp '" + app.resolve("gatehouse.jar") + "' " + Main.class.getName() + " \"$@\"\n");
        Path cds = image.resolve("lib/gatehouse-cds");
        Files.copy(Path.of("packaging/deb/gatehouse-cds"), cds);
        Files.setPosixFilePermissions(cds, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(JDK_ARCHIVE, Files.createDirectories(image.resolve("lib/runtime/lib/server")).resolve("classes.jsa"));
        // The class list as packaging/cds.sh trains it: the classes a run loads.
        Result trained = launch(Map.of("JAVA_TOOL_OPTIONS", "-XX:DumpLoadedClassList=" + app.resolve("gatehouse.classlist")), "--version");
        assertThat(trained.exit).as(trained.output).isZero();
        assertThat(Files.readString(app.resolve("gatehouse.classlist"))).contains("org/gatehouse/app/Main");
    }

    @Test
    void makesTheArchiveThatTheInstalledLauncherMaps() throws Exception {
        FileTime jdkArchive = Files.getLastModifiedTime(JDK_ARCHIVE);
        Result made = cds("make");
        assertThat(made.exit).as(made.output).isZero();
        assertThat(made.output).contains("gatehouse-cds: made " + archive);
        assertThat(archive).isRegularFile();

        List<String> loaded = loadedWithSharingOn();
        assertThat(loaded).anyMatch(l -> l.contains(" org.gatehouse.app.Main source: shared objects file"));
        assertThat(loaded).anyMatch(l -> l.contains(" java.lang.Object source: shared objects file"));
        assertThat(Files.getLastModifiedTime(JDK_ARCHIVE)).as("the JDK's own archive").isEqualTo(jdkArchive);
    }

    @Test
    void aFailedDumpLeavesTheRuntimesArchiveSoTheJdksClassesAreStillShared() throws Exception {
        Files.writeString(image.resolve("lib/app/gatehouse.classlist"), "");   // a damaged install: nothing to dump
        Result made = cds("make");
        assertThat(made.exit).as(made.output).isEqualTo(1);
        assertThat(made.output).contains("is the runtime's");
        assertThat(Files.size(archive)).isEqualTo(Files.size(JDK_ARCHIVE));

        List<String> loaded = loadedWithSharingOn();
        assertThat(loaded).anyMatch(l -> l.contains(" java.lang.Object source: shared objects file"));
        assertThat(loaded).anyMatch(l -> l.contains(" org.gatehouse.app.Main source: file:"));
    }

    @Test
    void removeDeletesItAndThenNothingIsShared() throws Exception {
        assertThat(cds("make").exit).isZero();
        Result removed = cds("remove");
        assertThat(removed.exit).as(removed.output).isZero();
        assertThat(archive).doesNotExist();
        // Why "make" always leaves a file: JDK 17 maps no archive at all when the one named is missing.
        Path log = dir.resolve("none.log");
        Result r = launch(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log), "--version");
        assertThat(r.exit).as(r.output).isZero();
        assertThat(Files.readAllLines(log)).noneMatch(l -> l.contains("shared objects file"));
    }

    /** The installed launcher's --version with -Xshare:on (fails rather than run without an archive): its class-load log. */
    private List<String> loadedWithSharingOn() throws Exception {
        Path log = dir.resolve("classes.log");
        Result r = launch(Map.of("JAVA_TOOL_OPTIONS", "-Xshare:on -Xlog:class+load=info:file=" + log), "--version");
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains(Version.line());
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    private Result cds(String what) throws Exception {
        return start(new ProcessBuilder("sh", image.resolve("lib/gatehouse-cds").toString(), what), Map.of());
    }

    private Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(image.resolve("bin/gatehouse").toString()));
        cmd.addAll(List.of(args));
        return start(new ProcessBuilder(cmd), env);
    }

    private Result start(ProcessBuilder pb, Map<String, String> env) throws Exception {
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("TMPDIR", dir.toString());
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private record Result(int exit, String output) {
    }

    /** A jar of these classes (CDS maps classes from jars only, not from a directory such as target/classes). */
    private static void jar(Path jar, Class<?>... classes) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> c : classes) {
                String name = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = c.getClassLoader().getResourceAsStream(name)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
