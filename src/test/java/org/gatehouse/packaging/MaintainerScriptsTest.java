package org.gatehouse.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb's maintainer scripts (packaging/deb/) run with the system's commands replaced by shims on PATH
 * that log their arguments, so nothing on this machine changes: a server without a desktop (menu and icon
 * tools exiting 3, as xdg-desktop-menu does there) must still install, remove and purge cleanly, and a real
 * failure (adduser refusing) must still fail the install.
 */
class MaintainerScriptsTest {
    private static final Path SCRIPTS = Path.of("packaging/deb");

    @TempDir
    Path dir;
    private Path bin;
    private Path log;

    @BeforeEach
    void shims() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        log = dir.resolve("calls.log");
        // Everything a desktop-less server lacks or refuses: exit 3 like xdg-desktop-menu with no menu directory.
        for (String tool : List.of("xdg-desktop-menu", "xdg-icon-resource", "update-desktop-database", "gtk-update-icon-cache",
                "mandb", "systemctl", "deb-systemd-invoke")) {
            shim(tool, 3);
        }
        for (String tool : List.of("adduser", "deluser", "delgroup", "install", "chown", "chmod", "rm", "rmdir")) {
            shim(tool, 0);
        }
    }

    @Test
    void postinstCreatesTheServiceUserAndSucceedsWithoutADesktop() throws Exception {
        shimGetent("group");   // no user gatehouse yet; Kea's group _kea exists
        assertThat(run("postinst", "configure")).isZero();
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).anySatisfy(c -> assertThat(c).startsWith("adduser --system --group")
                .contains("--home /var/lib/gatehouse").endsWith(" gatehouse"));
        assertThat(calls).contains("adduser --quiet gatehouse _kea");
        assertThat(calls).anySatisfy(c -> assertThat(c).startsWith("install -d -o gatehouse -g gatehouse -m 0750 /var/lib/gatehouse"));
        assertThat(calls).noneMatch(c -> c.startsWith("systemctl enable"));
    }

    /** The app's CDS archive: postinst runs the installed gatehouse-cds; its failure (any exit) never fails the install. */
    @Test
    void postinstMakesTheCdsArchiveAndSurvivesItsFailure() throws Exception {
        shimGetent("passwd group");
        Path opt = Files.createDirectories(dir.resolve("opt-gatehouse/lib"));
        write(opt.resolve("gatehouse-cds"), "#!/bin/sh\necho \"gatehouse-cds $*\" >> '" + log + "'\necho 'cannot dump' >&2\nexit 2\n");
        assertThat(installedAt(dir.resolve("opt-gatehouse"), "postinst")).contains(dir.resolve("opt-gatehouse/lib/gatehouse-cds") + " make");
        assertThat(run(dir.resolve("postinst"), bin + ":/usr/bin:/bin", "configure")).isZero();
        assertThat(Files.readAllLines(log)).contains("gatehouse-cds make");
    }

    /** prerm removed the archive before an upgrade that failed: the old version's postinst abort-upgrade makes it again. */
    @Test
    void aFailedUpgradeGetsItsArchiveBack() throws Exception {
        Path opt = Files.createDirectories(dir.resolve("opt-gatehouse/lib"));
        write(opt.resolve("gatehouse-cds"), "#!/bin/sh\necho \"gatehouse-cds $*\" >> '" + log + "'\nexit 0\n");
        installedAt(dir.resolve("opt-gatehouse"), "postinst");
        for (String abort : List.of("abort-upgrade", "abort-remove", "abort-deconfigure")) {
            assertThat(run(dir.resolve("postinst"), bin + ":/usr/bin:/bin", abort, "0.1.0-2")).isZero();
        }
        assertThat(Files.readAllLines(log)).containsExactly("gatehouse-cds make", "gatehouse-cds make", "gatehouse-cds make");
    }

    @Test
    void postinstWithoutTheCdsScriptStillSucceeds() throws Exception {
        shimGetent("passwd group");
        installedAt(dir.resolve("opt-gatehouse-missing"), "postinst");
        assertThat(run(dir.resolve("postinst"), bin + ":/usr/bin:/bin", "configure")).isZero();
    }

    @Test
    void prermRemovesTheGeneratedArchiveOnRemoveAndUpgrade() throws Exception {
        String archive = "rm -f /opt/gatehouse/lib/app/gatehouse.jsa";
        assertThat(run("prerm", "upgrade", "0.1.0-1")).isZero();
        assertThat(Files.readAllLines(log)).contains(archive);
        Files.delete(log);
        assertThat(run("prerm", "remove")).isZero();
        assertThat(Files.readAllLines(log)).contains(archive);
    }

    @Test
    void postinstFailsWhenTheUserCannotBeCreated() throws Exception {
        shimGetent("group");
        shim("adduser", 1);
        assertThat(run("postinst", "configure")).isNotZero();
    }

    @Test
    void postinstOnUpgradeKeepsTheExistingUser() throws Exception {
        shimGetent("passwd group");
        assertThat(run("postinst", "configure", "0.1.0-1")).isZero();
        assertThat(Files.readAllLines(log)).noneMatch(c -> c.startsWith("adduser --system"));
    }

    @Test
    void prermSurvivesAFailingSystemctl() throws Exception {
        assertThat(run("prerm", "remove")).isZero();
    }

    @Test
    void prermStopsTheServiceThroughDebSystemdInvokeWhenSystemdRuns() throws Exception {
        assertThat(runUnderSystemd("prerm", bin + ":/usr/bin:/bin", "remove")).isZero();
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).contains("deb-systemd-invoke stop gatehouse-sync.service");
        assertThat(calls).noneMatch(c -> c.startsWith("systemctl"));
    }

    @Test
    void prermFallsBackToSystemctlWithoutDebSystemdInvoke() throws Exception {
        Files.delete(bin.resolve("deb-systemd-invoke"));
        assertThat(runUnderSystemd("prerm", bin.toString(), "remove")).isZero();   // only the shims: no deb-systemd-invoke
        assertThat(Files.readAllLines(log)).contains("systemctl stop gatehouse-sync.service");
    }

    @Test
    void prermOnRemoveDropsTheEnableLinkButNotOnUpgrade() throws Exception {
        String link = "rm -f /etc/systemd/system/multi-user.target.wants/gatehouse-sync.service";
        assertThat(run("prerm", "upgrade", "0.1.0-1")).isZero();
        assertThat(Files.exists(log) ? Files.readAllLines(log) : List.<String>of()).doesNotContain(link);
        assertThat(run("prerm", "remove")).isZero();
        assertThat(Files.readAllLines(log)).contains(link);
    }

    @Test
    void purgeRemovesTheUserAndItsState() throws Exception {
        shimGetent("passwd group");
        assertThat(run("postrm", "purge")).isZero();
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).contains("rm -rf /var/lib/gatehouse", "rm -f /opt/gatehouse/lib/app/gatehouse.jsa",
                "deluser --quiet --system gatehouse",
                "delgroup --quiet --system gatehouse");
    }

    @Test
    void removeWithoutPurgeKeepsTheUserAndItsState() throws Exception {
        shimGetent("passwd group");
        assertThat(run("postrm", "remove")).isZero();
        assertThat(Files.exists(log) ? Files.readAllLines(log) : List.<String>of())
                .noneMatch(c -> c.startsWith("rm ") || c.startsWith("deluser"));
    }

    @Test
    void everyScriptParses() throws Exception {
        for (String s : List.of("postinst", "prerm", "postrm", "gatehouse-cds", "gatehouse")) {
            Process p = new ProcessBuilder("sh", "-n", SCRIPTS.resolve(s).toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(s + ": " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }
    }

    /** getent answering for the databases listed ("passwd", "group"), "not found" (2) for the others. */
    private void shimGetent(String known) throws IOException {
        write("getent", "#!/bin/sh\necho \"getent $*\" >> '" + log + "'\ncase \" " + known + " \" in *\" $1 \"*) exit 0 ;; esac\nexit 2\n");
    }

    private void shim(String name, int exit) throws IOException {
        write(name, "#!/bin/sh\necho \"" + name + " $*\" >> '" + log + "'\nexit " + exit + "\n");
    }

    /** A copy of {@code script} in {@link #dir} that finds the installed files under {@code opt} instead of /opt/gatehouse. */
    private String installedAt(Path opt, String script) throws IOException {
        String text = Files.readString(SCRIPTS.resolve(script)).replace("/opt/gatehouse/", opt + "/");
        Files.writeString(dir.resolve(script), text);
        return text;
    }

    private void write(String name, String script) throws IOException {
        write(bin.resolve(name), script);
    }

    private void write(Path f, String script) throws IOException {
        Files.writeString(f, script);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private int run(String script, String... args) throws Exception {
        return run(SCRIPTS.resolve(script), bin + ":/usr/bin:/bin", args);
    }

    /** The script as on a machine where systemd runs: a copy that looks for /run/systemd/system in a directory of ours. */
    private int runUnderSystemd(String script, String path, String... args) throws Exception {
        Path running = Files.createDirectories(dir.resolve("run-systemd-system"));
        String text = Files.readString(SCRIPTS.resolve(script));
        assertThat(text).contains("[ -d /run/systemd/system ]");
        Path copy = dir.resolve(script);
        Files.writeString(copy, text.replace("[ -d /run/systemd/system ]", "[ -d '" + running + "' ]"));
        return run(copy, path, args);
    }

    private int run(Path script, String path, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/bin/sh", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(script.getFileName() + ".out").toFile());
        pb.environment().put("PATH", path);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
