package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/**
 * {@code gatehouse} builds only the command its arguments name (start-up time); what it prints and
 * its exit code are those of the whole command tree, for every command's help, versions and usage
 * errors (whose messages list and suggest commands).
 */
class CommandTreeTest {

    private record Answer(int exit, String out, String err) {
    }

    private static Answer run(boolean wholeTree, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandLine cl = wholeTree ? GatehouseCli.create(null, name -> null, o, e)
                : GatehouseCli.forArguments(args, null, name -> null, o, e, (command, debug) -> { });
        int exit = cl.execute(args);
        return new Answer(exit, out.toString(), err.toString());
    }

    private static List<String[]> argumentLists() {
        List<String[]> lists = new ArrayList<>();
        for (List<String> path : HelpTest.commandPaths()) {
            List<String> help = new ArrayList<>(path);
            help.add("--help");
            lists.add(help.toArray(String[]::new));
            if (path.size() <= 1) {
                List<String> version = new ArrayList<>(path);
                version.add("-V");
                lists.add(version.toArray(String[]::new));
            }
        }
        String[][] odd = {
            {"--version"}, {"-hV"}, {"help"}, {"help", "leases"}, {"help", "leases", "list"},
            {"leses"}, {"leases", "lisst"}, {"leases", "list", "--bogus"}, {"--bogus", "leases", "list"},
            {"--kea"}, {"--kea", "--db", "x", "leases", "list"}, {"--kea=unix:/nonexistent", "--help"},
            {"--profile", "leases", "leases", "list", "--help"}, {"--profile=status", "status", "--help"},
            {"--debug", "--format", "json", "pools", "--help"}, {"--format", "yaml", "pools"}, {"--timeout", "x", "status"},
            {"--", "status"}, {"-", "status"}, {"Status", "--help"}, {"switch", "block", "--help", "--kea"},
            {"reservations", "add"}, {"db", "retention", "--days"}, {"leases", "list", "ip", "extra", "words", "--help"},
            {"--snmp-user", "ü-ser", "switch", "macs", "--help"}, {"--kea", "unix:/ä", "profile", "list", "--help"},
        };
        lists.addAll(List.of(odd));
        return lists;
    }

    @TestFactory
    Stream<DynamicTest> answersAsTheWholeTreeDoes() {
        return argumentLists().stream().map(args -> DynamicTest.dynamicTest("gatehouse " + String.join(" ", args), () -> {
            Answer whole = run(true, args);
            Answer built = run(false, args);
            assertThat(built).isEqualTo(whole);
        }));
    }

    @Test
    void usageErrorsAndHelpStillNameEveryCommand() {
        assertThat(run(false, "leses").err()).contains("Did you mean: gatehouse leases");
        assertThat(run(false, "--kea").err()).contains("Missing required parameter for option '--kea'").contains("reservations", "snapshot");
        assertThat(run(false, "--help").out()).contains("approve", "reservations", "snapshot", "offline");
    }

    private static List<String> builtCommands(String... args) {
        StringWriter sink = new StringWriter();
        CommandLine cl = GatehouseCli.forArguments(args, null, name -> null, new PrintWriter(sink), new PrintWriter(sink), (c, d) -> { });
        return List.copyOf(cl.getSubcommands().keySet());
    }

    @Test
    void aCommandBuildsOnlyItself() {
        assertThat(builtCommands("--kea", "unix:/run/kea/kea4.sock", "--db", "leases", "leases", "list", "--format", "json"))
                .containsExactly("leases");
        assertThat(builtCommands("--profile", "status", "switch", "blocked")).containsExactly("switch");
        assertThat(builtCommands("--version")).isEmpty();
        assertThat(builtCommands("--kea", "unix:/run/kea/kea4.sock")).as("the console").isEmpty();
        assertThat(builtCommands("--help")).hasSizeGreaterThan(15);
        assertThat(builtCommands("help", "leases")).hasSizeGreaterThan(15);
    }
}
