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
 * The package's /usr/bin/gatehouse (packaging/deb/gatehouse), run as a copy that looks for the image's
 * launchers and for GPU devices in directories of ours: without a GPU it starts gatehouse-sw (JavaFX's
 * software renderer) with GDK_GL=disable, so that GTK loads no Mesa; with a DRM render node or an NVIDIA
 * device, the plain launcher with GDK_GL as the user had it. Arguments arrive unchanged (spaces,
 * quotes, non-ASCII), and the launcher is told the command the user typed.
 */
class InstalledLauncherTest {
    private static final Path WRAPPER = Path.of("packaging/deb/gatehouse");

    @TempDir
    Path dir;
    private Path bin;
    private Path dev;

    @BeforeEach
    void launchers() throws IOException {
        bin = Files.createDirectories(dir.resolve("opt/gatehouse/bin"));
        dev = Files.createDirectories(dir.resolve("dev"));
        for (String launcher : List.of("gatehouse", "gatehouse-sw")) {
            // Prints which launcher ran, what reached it, and the environment the wrapper set.
            executable(bin.resolve(launcher), "#!/bin/sh\necho \"launcher: " + launcher + "\"\nfor a; do echo \"arg: $a\"; done\n"
                    + "echo \"GDK_GL: ${GDK_GL-unset}\"\necho \"GATEHOUSE_COMMAND: ${GATEHOUSE_COMMAND-unset}\"\n");
        }
    }

    @Test
    void withoutAGpuItStartsTheSoftwareRendererWithGtkGlDisabled() throws Exception {
        List<String> out = run(Map.of(), "--kea", "unix:/run/kea/kea4 ctrl", "leases", "list", "zoë's phone");
        assertThat(out).containsExactly("launcher: gatehouse-sw", "arg: --kea", "arg: unix:/run/kea/kea4 ctrl", "arg: leases",
                "arg: list", "arg: zoë's phone", "GDK_GL: disable", "GATEHOUSE_COMMAND: " + dir.resolve("usr-bin-gatehouse"));
    }

    @Test
    void withARenderNodeItStartsThePlainLauncherAndLeavesGdkGlAlone() throws Exception {
        Files.createDirectories(dev.resolve("dri"));
        Files.writeString(dev.resolve("dri/renderD128"), "");
        assertThat(run(Map.of(), "--version")).containsExactly("launcher: gatehouse", "arg: --version", "GDK_GL: unset",
                "GATEHOUSE_COMMAND: " + dir.resolve("usr-bin-gatehouse"));
    }

    @Test
    void withAnNvidiaDeviceItStartsThePlainLauncher() throws Exception {
        Files.writeString(dev.resolve("nvidia0"), "");
        assertThat(run(Map.of(), "demo")).startsWith("launcher: gatehouse", "arg: demo");
    }

    @Test
    void aGdkGlTheUserSetIsKept() throws Exception {
        assertThat(run(Map.of("GDK_GL", "gles"), "--version")).contains("launcher: gatehouse-sw", "GDK_GL: gles");
    }

    /** The wrapper, with /opt/gatehouse/bin and /dev moved into the test's directory, run with {@code env} added. */
    private List<String> run(Map<String, String> env, String... args) throws Exception {
        String script = Files.readString(WRAPPER, StandardCharsets.UTF_8);
        assertThat(script).startsWith("#!/bin/sh\n").contains("/dev/dri/renderD* /dev/nvidia0", "/opt/gatehouse/bin/");
        Path copy = dir.resolve("usr-bin-gatehouse");
        executable(copy, script.replace("/opt/gatehouse/bin/", bin + "/").replace("/dev/dri/renderD* /dev/nvidia0",
                dev + "/dri/renderD* " + dev + "/nvidia0"));
        List<String> cmd = new ArrayList<>(List.of(copy.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
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
