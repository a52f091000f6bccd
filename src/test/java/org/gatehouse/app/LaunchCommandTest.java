package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command the demo's hints tell the user to type: {@code gatehouse} from the installed package
 * (/usr/bin/gatehouse → /opt/gatehouse/bin/gatehouse, jpackage's launcher), what the user typed from a
 * clone, and never a control character.
 */
class LaunchCommandTest {
    @TempDir
    Path dir;

    @Test
    void installedPackageOnThePathIsPlainGatehouse() throws IOException {
        Path launcher = executable(dir.resolve("opt/gatehouse/bin/gatehouse"));
        Path usrBin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(usrBin.resolve("gatehouse"), launcher);
        String command = LaunchCommand.of(Map.of("PATH", dir.resolve("empty") + ":" + usrBin + ":/bin"),
                Map.of("jpackage.app-path", launcher.toString()));
        assertThat(command).isEqualTo("gatehouse");
    }

    /** The .deb's /usr/bin/gatehouse: a script that exports its own path and starts gatehouse-sw (no GPU) or gatehouse. */
    @Test
    void installedWrapperScriptOnThePathIsPlainGatehouse() throws IOException {
        Path softwareLauncher = executable(dir.resolve("opt/gatehouse/bin/gatehouse-sw"));
        Path wrapper = executable(dir.resolve("usr/bin/gatehouse"));
        String command = LaunchCommand.of(Map.of("PATH", dir.resolve("usr/bin") + ":/bin", "GATEHOUSE_COMMAND", wrapper.toString()),
                Map.of("jpackage.app-path", softwareLauncher.toString()));
        assertThat(command).isEqualTo("gatehouse");
        // the image's launcher run directly, with a leftover GATEHOUSE_COMMAND naming another gatehouse: its own path
        assertThat(LaunchCommand.of(Map.of("PATH", "/bin", "GATEHOUSE_COMMAND", wrapper.toString()),
                Map.of("jpackage.app-path", softwareLauncher.toString()))).isEqualTo(softwareLauncher.toString());
    }

    @Test
    void anAppImageNotOnThePathIsItsFullPath() throws IOException {
        Path launcher = executable(dir.resolve("dist/gatehouse/bin/gatehouse"));
        assertThat(LaunchCommand.of(Map.of("PATH", "/usr/bin:/bin"), Map.of("jpackage.app-path", launcher.toString())))
                .isEqualTo(launcher.toString());
    }

    @Test
    void fromACloneItIsWhatTheUserTyped() throws IOException {
        Path clone = executable(dir.resolve("src/gatehouse/gatehouse"));
        assertThat(LaunchCommand.of(Map.of("GATEHOUSE_COMMAND", "./gatehouse", "PATH", "/usr/bin"), Map.of())).isEqualTo("./gatehouse");
        assertThat(LaunchCommand.of(Map.of("GATEHOUSE_COMMAND", clone.toString(), "PATH", "/usr/bin"), Map.of()))
                .isEqualTo(clone.toString());
        // `sh gatehouse` in the clone: $0 has no slash and no gatehouse is on the PATH.
        assertThat(LaunchCommand.of(Map.of("GATEHOUSE_COMMAND", "gatehouse", "PATH", dir.resolve("empty").toString()), Map.of()))
                .isEqualTo("./gatehouse");
    }

    @Test
    void nothingSetIsTheReadmesCommand() {
        assertThat(LaunchCommand.of(Map.of(), Map.of())).isEqualTo("./gatehouse");
    }

    @Test
    void aPathWithSpacesOrControlCharactersPrintsAsOneSafeShellWord() {
        assertThat(LaunchCommand.of(Map.of("GATEHOUSE_COMMAND", "/home/zoë/my tools/gatehouse\u001b[2J"), Map.of()))
                .isEqualTo("'/home/zoë/my tools/gatehouse[2J'");
        assertThat(LaunchCommand.of(Map.of("GATEHOUSE_COMMAND", "/tmp/it's/gatehouse"), Map.of()))
                .isEqualTo("'/tmp/it'\\''s/gatehouse'");
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
