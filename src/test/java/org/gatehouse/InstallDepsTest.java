package org.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/install-deps.sh checks for the OUI registry as a file: with every package recorded as
 * installed but oui.csv gone, it still (re)installs ieee-data, so vendors are not silently blank.
 * dpkg-query, id and apt-get are stand-ins that record what would have run; nothing is installed.
 */
class InstallDepsTest {
    @TempDir
    Path dir;

    private String run(Path oui) throws IOException, InterruptedException {
        return run(oui, "packaging/install-deps.sh", "run");
    }

    private String run(Path oui, String... command) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("apt.log");
        stub(bin.resolve("dpkg-query"), "echo 'install ok installed'");
        stub(bin.resolve("id"), "echo 0");
        stub(bin.resolve("apt-get"), "echo \"apt-get $*\" >> " + log);
        stub(bin.resolve("java"), "echo java-ran");
        stub(bin.resolve("mvn"), "exit 0");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("sh"));
        cmd.addAll(java.util.List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("GATEHOUSE_OUI_CSV", oui.toString());
        // java is a stand-in: training a start-up archive with it would only wait out its timeouts (5 min)
        pb.environment().put("GATEHOUSE_CDS", "off");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static void stub(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void aMissingOuiFileBringsIeeeDataEvenWhenThePackageIsRecordedAsInstalled() throws Exception {
        String apt = run(dir.resolve("gone").resolve("oui.csv"));
        assertThat(apt).contains("apt-get install").contains("--reinstall ieee-data");
    }

    @Test
    void theLauncherLooksForTheFileNotACommand() throws Exception {
        String apt = run(dir.resolve("gone").resolve("oui.csv"), "gatehouse", "--version");
        assertThat(apt).contains("--reinstall ieee-data");
    }

    @Test
    void withTheFileInPlaceNothingIsInstalled() throws Exception {
        Path oui = Files.writeString(dir.resolve("oui.csv"), "Registry,Assignment,Organization Name,Organization Address\n");
        assertThat(run(oui)).isEmpty();
    }
}
