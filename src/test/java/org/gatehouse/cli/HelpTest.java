package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** {@code gatehouse [COMMAND ...] --help} works for every command of the tree, and reads well. */
class HelpTest {

    /** Every command path of the real command line: [], [status], [leases], [leases, list], … */
    static List<List<String>> commandPaths() {
        CommandLine root = GatehouseCli.create(null, name -> null, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<List<String>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) { // aliases would list a command twice
                path.add(name);
                collect(sub, path, into);
                path.remove(path.size() - 1);
            }
        });
    }

    /** Runs the command line with System.err captured too: picocli writes its own warnings there. */
    static CliRun runCapturingStderr(String... args) {
        PrintStream realErr = System.err;
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
        CliRun r;
        try {
            r = CliRun.run(Map.of(), args);
        } finally {
            System.setErr(realErr);
        }
        return new CliRun(r.exit(), r.out(), r.err() + stray.toString(StandardCharsets.UTF_8));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAnswersHelp() {
        List<List<String>> paths = commandPaths();
        assertThat(paths).as("the tree was walked").hasSizeGreaterThan(40)
                .contains(List.of(), List.of("leases", "list"), List.of("switch", "block"), List.of("db", "retention"));
        return paths.stream().map(path -> DynamicTest.dynamicTest("gatehouse " + String.join(" ", path) + " --help", () -> {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun r = runCapturingStderr(args.toArray(String[]::new));
            String name = String.join(" ", Stream.concat(Stream.of("gatehouse"), path.stream()).toList());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("Usage: " + name + " ").doesNotContain("Unknown option");
            assertThat(r.err()).as("nothing on stderr, no picocli warning").isEmpty();
        }));
    }

    @Test
    void topLevelHelpHasNoWarningAndListsEveryCommand() {
        CliRun r = runCapturingStderr("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        // the pools description with its percent signs is printed as written, not raw format text
        assertThat(r.out()).contains("(warning >= 80 %, critical >= 95 %)").doesNotContain("%%").doesNotContain("%n");
        assertThat(r.out()).contains("approve", "deny", "reservations", "snapshot", "offline");
    }

    @Test
    void ownOptionsComeFirstAndConnectionOptionsOnceAsAGroup() {
        CliRun r = runCapturingStderr("leases", "list", "--help");
        String out = r.out();
        int own = out.indexOf("--search=TEXT", out.indexOf("Options:"));
        int heading = out.indexOf("Connection options");
        assertThat(own).isPositive();
        assertThat(heading).isGreaterThan(own);
        assertThat(out.indexOf("--tier=T", heading)).as("own options are not repeated among the shared ones").isNegative();
        assertThat(out.split("--kea=URI", -1)).as("--kea listed once, in the group").hasSize(2);
        assertThat(out.indexOf("--kea=URI")).isGreaterThan(heading);
        assertThat(out.split("Connection options", -1)).hasSize(2);
        // the synopsis names the group instead of spelling out twenty shared options
        assertThat(out.lines().findFirst().orElseThrow()).contains("--search=TEXT").doesNotContain("--kea");
        assertThat(out).contains("[CONNECTION-OPTIONS]");
    }

    @Test
    void subcommandHelpDoesNotRunTheCommand() {
        // approve needs a Kea; with --help it must only print its usage, not try to connect
        CliRun r = runCapturingStderr("approve", "aa:bb:cc:dd:ee:ff", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: gatehouse approve").doesNotContain("written to Kea");
        assertThat(r.err()).isEmpty();
    }
}
