package org.gatehouse.app;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.gatehouse.cli.CliRun;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log a support case reads: the real launcher in a child JVM (umask 022) against a real
 * kea-dhcp4, with XDG_STATE_HOME in a test directory. One line per Kea command with its duration
 * and outcome, in a 0600 file in a 0700 directory; DEBUG only when asked; sync also to the journal.
 */
@Tag("kea")
@Tag("switch")
class LogFileTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    java.nio.file.Path dir;

    @BeforeAll
    static void leases() {
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
    }

    @Test
    void eachKeaCommandIsLoggedWithItsDurationAndOutcomeInAPrivateFile() throws Exception {
        GatehouseProcess.User user = GatehouseProcess.User.in(dir);
        GatehouseProcess list = user.run(Map.of(), "--kea", kea.endpoint(), "leases", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("anna-iphone");
        assertThat(list.err()).as("a successful command prints no log lines").isEmpty();
        GatehouseProcess status = user.run(Map.of(), "--kea", kea.endpoint(), "status");
        assertThat(status.exit()).as(status.err()).isZero();

        assertThat(Files.getPosixFilePermissions(user.logDir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(user.logFile())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String log = user.log();
        String at = "at unix:" + kea.socket();
        assertThat(log).containsPattern("INFO .* gatehouse .+ starting: command leases list, Java 17[^,]*, Linux ")
                .containsPattern("INFO .* gatehouse .+ starting: command status,");
        assertThat(log).as("one line for the whole paged walk")
                .containsPattern("INFO .* kea lease4-get-page " + java.util.regex.Pattern.quote(at) + ": ok, 1 pages, \\d+ leases in \\d+ ms")
                .containsPattern("INFO .* kea config-get " + java.util.regex.Pattern.quote(at) + ": ok in \\d+ ms");
        assertThat(log).as("INFO by default: no DEBUG lines").doesNotContain(" DEBUG ");
    }

    @Test
    void aFailedCommandIsLoggedWithItsTypedError() throws Exception {
        GatehouseProcess.User user = GatehouseProcess.User.in(dir);
        java.nio.file.Path nowhere = dir.resolve("no-kea-here.sock");
        GatehouseProcess r = user.run(Map.of(), "--kea", "unix:" + nowhere, "leases", "list");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(user.log()).containsPattern("INFO .* kea \\S+ at unix:" + java.util.regex.Pattern.quote(nowhere.toString())
                + ": KeaUnreachable: .+ in \\d+ ms");
        // a Kea refusal carries Kea's result code
        GatehouseProcess refused = user.run(Map.of(), "--kea", kea.endpoint(), "leases", "show", "192.168.40.200");
        assertThat(user.log()).as(refused.err()).containsPattern("kea lease4-get at \\S+: (ok|Kea\\w+ result \\d)");
    }

    @Test
    void debugRaisesTheLevelAndSoDoesTheEnvironment() throws Exception {
        GatehouseProcess.User flag = GatehouseProcess.User.in(dir.resolve("flag"));
        assertThat(flag.run(Map.of(), "--kea", kea.endpoint(), "leases", "list", "--debug").exit()).isZero();
        assertThat(flag.log()).containsPattern("DEBUG .* kea lease4-get-page: request of \\d+ bytes")
                .as("each page at DEBUG").containsPattern("DEBUG .* kea lease4-get-page at \\S+: ok in \\d+ ms")
                .containsPattern("DEBUG .* kea lease4-get-page: reply of \\d+ bytes")
                .as("sizes, never content").doesNotContain("anna-iphone");

        GatehouseProcess.User env = GatehouseProcess.User.in(dir.resolve("env"));
        assertThat(env.run(Map.of("GATEHOUSE_LOG_LEVEL", "debug"), "--kea", kea.endpoint(), "status").exit()).isZero();
        assertThat(env.log()).contains(" DEBUG ");

        GatehouseProcess.User quiet = GatehouseProcess.User.in(dir.resolve("quiet"));
        assertThat(quiet.run(Map.of("GATEHOUSE_LOG_LEVEL", "warn"), "--kea", kea.endpoint(), "status").exit()).isZero();
        assertThat(quiet.log()).doesNotContain(" INFO ").doesNotContain(" DEBUG ");

        GatehouseProcess.User bogus = GatehouseProcess.User.in(dir.resolve("bogus"));
        GatehouseProcess r = bogus.run(Map.of("GATEHOUSE_LOG_LEVEL", "chatty\u001b[2J"), "--kea", kea.endpoint(), "status");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("gatehouse: warning: GATEHOUSE_LOG_LEVEL=chatty\\x1b[2J is not a level").doesNotContain("\u001b");
        assertThat(bogus.log()).contains(" INFO ").doesNotContain(" DEBUG ");
    }

    @Test
    void syncAlsoLogsToTheJournalAndPrintsItsPassLineOnce() throws Exception {
        GatehouseProcess.User user = GatehouseProcess.User.in(dir);
        GatehouseProcess r = user.run(Map.of(), "--kea", kea.endpoint(), "sync", "--once");
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> passLines = r.out().lines().toList();
        assertThat(passLines).as("sync's own line per pass, not doubled by the log").hasSize(1);
        assertThat(r.err()).as("the journal (stderr) gets the log lines").contains("INFO ").contains("kea lease4-get-page at ")
                .doesNotContain(passLines.get(0));
        assertThat(user.log()).contains("starting: command sync").contains("kea lease4-get-page at ");
    }

    @Test
    void eachSwitchSessionIsLoggedWithItsCommandsDurationAndOutcome() throws Exception {
        GatehouseProcess.User user = GatehouseProcess.User.in(dir);
        try (ComwareCliDouble sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options())) {
            java.nio.file.Path password = CliRun.writePrivate(dir.resolve("switch-password"), sw.password() + "\n");
            java.nio.file.Path wrong = CliRun.writePrivate(dir.resolve("wrong-password"), "not-" + sw.password() + "\n");
            String endpoint = "ssh://" + sw.user() + "@127.0.0.1:" + sw.port();
            List<String> common = List.of("--switch", endpoint, "--known-hosts", dir.resolve("known_hosts").toString(),
                    "--accept-new-host-key", "--timeout", "4");
            GatehouseProcess block = user.run(Map.of(), concat(common, "--switch-password-file", password.toString(), "switch", "block",
                    "aa:bb:cc:00:11:22"));
            assertThat(block.exit()).as(block.err()).isZero();
            GatehouseProcess refused = user.run(Map.of(), concat(common, "--switch-password-file", wrong.toString(), "switch", "blocked"));
            assertThat(refused.exit()).isNotZero();
            String quoted = java.util.regex.Pattern.quote(endpoint);
            assertThat(user.log()).containsPattern("INFO .* switch session " + quoted + ": ok, (9|1\\d) commands in \\d+ ms")
                    .containsPattern("INFO .* switch session " + quoted + ": failed \\(.+\\), 0 commands in \\d+ ms")
                    .doesNotContain(sw.password());
        }
    }

    private static String[] concat(List<String> first, String... rest) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    @Test
    void anUnwritableStateDirectoryWarnsAndTheCommandStillRuns() throws Exception {
        GatehouseProcess.User user = GatehouseProcess.User.in(dir);
        Files.writeString(user.state(), "a file where the directory should be");
        GatehouseProcess r = user.run(Map.of(), "--kea", kea.endpoint(), "leases", "list");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("anna-iphone");
        assertThat(r.err()).startsWith("gatehouse: warning: cannot write the log file ").contains("logging to the file is off");
    }
}
