package org.gatehouse.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package's /usr/bin/gatehouse (packaging/deb/gatehouse), run as a copy that finds the image and the
 * GPU devices in directories of ours, with a stand-in for the image's java that prints what reached it.
 * It starts the runtime with what the jpackage launcher's configuration says (JVM options, class path,
 * main class, $APPDIR expanded), without the launcher, which asks dpkg which package owns it at every
 * start. Without a GPU: gatehouse-sw's configuration (JavaFX's software renderer) and GDK_GL=disable,
 * so that GTK loads no Mesa; with a DRM render node or an NVIDIA device: the plain one, GDK_GL as the
 * user had it. Arguments arrive unchanged (spaces, quotes, globs, non-ASCII); the demo's hints learn
 * the command typed. A broken install (no configuration) still starts, through the launcher.
 */
class InstalledLauncherTest {
    private static final Path WRAPPER = Path.of("packaging/deb/gatehouse");

    @TempDir
    Path dir;
    private Path image;
    private Path dev;

    @BeforeEach
    void image() throws IOException {
        image = dir.resolve("opt/gatehouse");
        dev = Files.createDirectories(dir.resolve("dev"));
        Path app = Files.createDirectories(image.resolve("lib/app"));
        String cfg = "[Application]\napp.classpath=$APPDIR/gatehouse.jar\napp.mainclass=org.gatehouse.app.Main\n"
                + "app.classpath=$APPDIR/lib/picocli-4.7.7.jar\n\n[JavaOptions]\njava-options=-Djpackage.app-version=0.1.0\n"
                + "java-options=-Xmx384m\njava-options=-XX:GCTimeRatio=4\njava-options=-XX:SharedArchiveFile=$APPDIR/gatehouse.jsa\n";
        Files.writeString(app.resolve("gatehouse.cfg"), cfg);
        Files.writeString(app.resolve("gatehouse-sw.cfg"), cfg + "java-options=-Dprism.order=sw\n");
        String report = "for a; do echo \"arg: $a\"; done\necho \"GDK_GL: ${GDK_GL-unset}\"\n"
                + "echo \"GATEHOUSE_COMMAND: ${GATEHOUSE_COMMAND-unset}\"\n";
        executable(Files.createDirectories(image.resolve("lib/runtime/bin")).resolve("java"), "#!/bin/sh\necho 'started: java'\n" + report);
        for (String launcher : List.of("gatehouse", "gatehouse-sw")) {
            executable(Files.createDirectories(image.resolve("bin")).resolve(launcher), "#!/bin/sh\necho 'started: " + launcher + "'\n" + report);
        }
    }

    /** What the runtime is started with for the configuration {@code sw} (or the plain one) and {@code args}. */
    private List<String> javaWith(boolean sw, String... args) {
        Path app = image.resolve("lib/app");
        List<String> lines = new ArrayList<>(List.of("started: java", "arg: -Djpackage.app-version=0.1.0", "arg: -Xmx384m", "arg: -XX:GCTimeRatio=4",
                "arg: -XX:SharedArchiveFile=" + app + "/gatehouse.jsa"));
        if (sw) {
            lines.add("arg: -Dprism.order=sw");
        }
        lines.addAll(List.of("arg: -cp", "arg: " + app + "/gatehouse.jar:" + app + "/lib/picocli-4.7.7.jar", "arg: org.gatehouse.app.Main"));
        for (String a : args) {
            lines.add("arg: " + a);
        }
        return lines;
    }

    @Test
    void withoutAGpuItStartsTheRuntimeWithTheSoftwareRendererAndGtkGlDisabled() throws Exception {
        String[] args = {"--kea", "unix:/run/kea/kea4 ctrl", "leases", "list", "zoë's *"};
        List<String> want = new ArrayList<>(javaWith(true, args));
        want.addAll(List.of("GDK_GL: disable", "GATEHOUSE_COMMAND: " + dir.resolve("usr-bin-gatehouse")));
        assertThat(run(Map.of(), args)).containsExactlyElementsOf(want);
    }

    @Test
    void withARenderNodeItStartsThePlainConfigurationAndLeavesGdkGlAlone() throws Exception {
        Files.createDirectories(dev.resolve("dri"));
        Files.writeString(dev.resolve("dri/renderD128"), "");
        List<String> want = new ArrayList<>(javaWith(false, "--version"));
        want.addAll(List.of("GDK_GL: unset", "GATEHOUSE_COMMAND: " + dir.resolve("usr-bin-gatehouse")));
        assertThat(run(Map.of(), "--version")).containsExactlyElementsOf(want);
    }

    @Test
    void withAnNvidiaDeviceItStartsThePlainConfiguration() throws Exception {
        Files.writeString(dev.resolve("nvidia0"), "");
        assertThat(run(Map.of(), "demo")).doesNotContain("arg: -Dprism.order=sw").contains("started: java", "arg: demo");
    }

    @Test
    void aGdkGlTheUserSetIsKept() throws Exception {
        assertThat(run(Map.of("GDK_GL", "gles"), "--version")).contains("arg: -Dprism.order=sw", "GDK_GL: gles");
    }

    @Test
    void withoutItsConfigurationItStartsTheLauncher() throws Exception {
        Files.delete(image.resolve("lib/app/gatehouse-sw.cfg"));
        assertThat(run(Map.of(), "leases", "list")).startsWith("started: gatehouse-sw", "arg: leases", "arg: list", "GDK_GL: disable");
    }

    /** With the shared classifier installed: a command gets C1 only, the console and sync's loop keep C2 (as ./gatehouse). */
    @Test
    void aCommandRunsAtC1TheConsoleAndSyncDoNot() throws Exception {
        Files.copy(Path.of("packaging/launch-kind.sh"), image.resolve("lib/launch-kind.sh"));
        String c1 = "arg: -XX:TieredStopAtLevel=1";
        List<String> list = run(Map.of(), "--profile", "site", "leases", "list");
        assertThat(list).contains(c1);
        assertThat(list.indexOf(c1)).as("a JVM option, before the main class").isLessThan(list.indexOf("arg: org.gatehouse.app.Main"));
        assertThat(run(Map.of(), "--profile", "leases")).doesNotContain(c1);
        assertThat(run(Map.of())).doesNotContain(c1);
        assertThat(run(Map.of(), "demo")).doesNotContain(c1);
        assertThat(run(Map.of(), "sync", "--every", "300")).doesNotContain(c1);
    }

    /** The console (no command, demo, gui) lets G1 collect half the time before growing the heap, after the configuration's 4; commands and sync do not. */
    @Test
    void theConsoleGetsItsOwnCollectorGoal() throws Exception {
        Files.copy(Path.of("packaging/launch-kind.sh"), image.resolve("lib/launch-kind.sh"));
        String ratio = "arg: -XX:GCTimeRatio=1";
        for (List<String> console : List.of(run(Map.of()), run(Map.of(), "demo"), run(Map.of(), "--profile", "site", "gui"))) {
            assertThat(console).contains(ratio);
            assertThat(console.lastIndexOf(ratio)).as("after the configuration's options, before the main class")
                    .isGreaterThan(console.indexOf("arg: -XX:GCTimeRatio=4")).isLessThan(console.indexOf("arg: org.gatehouse.app.Main"));
        }
        assertThat(run(Map.of(), "leases", "list")).doesNotContain(ratio);
        assertThat(run(Map.of(), "sync", "--every", "300")).doesNotContain(ratio);
    }

    /** The wrapper, with /opt/gatehouse and /dev moved into the test's directory, run with {@code env} added. */
    private List<String> run(Map<String, String> env, String... args) throws Exception {
        String script = Files.readString(WRAPPER, StandardCharsets.UTF_8);
        assertThat(script).startsWith("#!/bin/sh\n").contains("/dev/dri/renderD* /dev/nvidia0", "/opt/gatehouse/");
        Path copy = dir.resolve("usr-bin-gatehouse");
        executable(copy, script.replace("/opt/gatehouse/", image + "/").replace("/dev/dri/renderD* /dev/nvidia0",
                dev + "/dri/renderD* " + dev + "/nvidia0"));
        List<String> cmd = new ArrayList<>(List.of(copy.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        pb.environment().remove("GDK_GL");
        pb.environment().remove("GATEHOUSE_COMMAND");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private static void executable(Path file, String script) throws IOException {
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
