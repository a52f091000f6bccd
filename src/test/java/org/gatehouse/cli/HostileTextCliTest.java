package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.SafeText;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client-chosen text against its reader, through the real command line and a real Kea 2.2: a
 * hostname with terminal escapes, a bidi override and a line break must not reach the terminal raw,
 * and a hostname or note that is a spreadsheet formula must not reach a spreadsheet runnable.
 */
@Tag("kea")
class HostileTextCliTest {
    /** Recolours the terminal, reverses what follows, starts a fake row; then C1 NEL and a zero-width space. */
    static final String TERMINAL_ATTACK = "evil\u001b[31mred\u202etxt.exe\nfake-row\u0085x\u200by";
    /** The classic DDE payload (Kea lowercases hostnames: "=cmd|' /c calc'!a0"). */
    static final String FORMULA = "=cmd|' /C calc'!A0";
    /** Starts like a negative number; a "numbers are data" exception would let it through. */
    static final String NEGATIVE_FORMULA = "-2+3+cmd|' /C calc'!A0";

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static Map<String, String> env;

    @BeforeAll
    static void leases() {
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
        kea.addLease(150, "02:00:00:00:00:96", TERMINAL_ATTACK, 60);
        kea.addLease(151, "02:00:00:00:00:97", FORMULA, 60);
        env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("cache.db").toString(), "USER", "test");
    }

    /** Characters a terminal acts on or that reorder/hide text, except the line ends of the output itself. */
    static boolean rawControl(int cp) {
        int type = Character.getType(cp);
        return (cp != '\n' && type == Character.CONTROL) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    @Test
    void theLeaseTableShowsEscapesOnOneRowAndNoRawControlCharacter() throws Exception {
        CliRun table = CliRun.run(env, "leases", "list");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out().codePoints().filter(HostileTextCliTest::rawControl).mapToObj(Integer::toHexString).toList())
                .as("raw control, bidi or invisible characters in the table").isEmpty();
        assertThat(table.out()).contains("evil\\x1b[31mred").contains("\\nfake-row").doesNotContain("\u001b").doesNotContain("\u202e");
        // The cell is exactly the escaped form of the hostname Gatehouse read from Kea (JSON keeps the data as it is).
        JsonNode json = new ObjectMapper().readTree(CliRun.run(env, "leases", "list", "--format", "json").out());
        List<String> lines = table.out().lines().toList();
        assertThat(lines).as("a header and one line per lease: the newline in the hostname did not start a row").hasSize(json.size() + 1);
        assertThat(lines).noneMatch(l -> l.startsWith("fake-row"));
        String hostname = json.get(1).get("hostname").asText();
        assertThat(hostname).startsWith("evil\u001b[31mred").contains("\nfake-row");
        assertThat(lines.get(2)).startsWith("192.168.40.150").contains(SafeText.escapeForTerminal(hostname));
    }

    @Test
    void errorLinesShowHostileTextEscapedOnOneLine() {
        CliRun r = CliRun.run(env, "leases", "show", "\u001b[2J\u202eevil\nline");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("gatehouse: error: ").contains("\\x1b[2J\\u202eevil\\nline").doesNotContain("\u001b", "\u202e");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void leaseCsvNeutralisesAFormulaHostname() {
        CliRun csv = CliRun.run(env, "leases", "list", "--format", "csv");
        assertThat(csv.exit()).as(csv.err()).isZero();
        String row = csv.out().lines().filter(l -> l.startsWith("192.168.40.151,")).findFirst().orElseThrow();
        assertThat(row.split(",")[3]).as("the hostname column").isEqualTo("'=cmd|' /c calc'!a0");
    }

    @Test
    void auditAndReservationCsvNeutraliseFormulaNotesAndImportReadsThemBack() throws Exception {
        // Devices without a lease (--subnet), so that the other tests' leases stay as they are.
        CliRun approve = CliRun.run(env, "approve", "f0:18:98:00:00:aa", "--subnet", "40", "--note", FORMULA);
        assertThat(approve.exit()).as(approve.out() + approve.err()).isZero();
        assertThat(CliRun.run(env, "deny", "02:00:00:00:00:bb", "--subnet", "40", "--note", NEGATIVE_FORMULA).exit()).isZero();

        // The audit's note column (decisions keep their note in the detail column, after "note: ").
        assertThat(CliRun.run(env, "db", "retention", "30", "--note", FORMULA).exit()).isZero();
        assertThat(CliRun.run(env, "db", "retention", "31", "--note", NEGATIVE_FORMULA).exit()).isZero();
        CliRun audit = CliRun.run(env, "audit", "list", "--format", "csv");
        assertThat(audit.exit()).as(audit.err()).isZero();
        assertThat(audit.out()).contains(",'" + FORMULA + ",").contains(",'" + NEGATIVE_FORMULA + ",")
                .doesNotContain("," + FORMULA).doesNotContain("," + NEGATIVE_FORMULA);

        CliRun export = CliRun.run(env, "reservations", "export");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains(",'" + FORMULA + ",").contains(",'" + NEGATIVE_FORMULA + ",");

        // What export wrote, import reads back as the note that was typed.
        Path file = dir.resolve("reservations.csv");
        Files.writeString(file, export.out());
        assertThat(CliRun.run(env, "unregister", "f0:18:98:00:00:aa").exit()).isZero();
        assertThat(CliRun.run(env, "unregister", "02:00:00:00:00:bb").exit()).isZero();
        assertThat(new ObjectMapper().readTree(CliRun.run(env, "reservations", "list", "--format", "json").out())).isEmpty();
        CliRun imported = CliRun.run(env, "reservations", "import", file.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        JsonNode list = new ObjectMapper().readTree(CliRun.run(env, "reservations", "list", "--format", "json").out());
        assertThat(list).extracting(n -> n.get("note").asText()).containsExactlyInAnyOrder(FORMULA, NEGATIVE_FORMULA);
    }
}
