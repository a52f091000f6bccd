package org.gatehouse.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The one CSV cell rule: nothing a spreadsheet would run, RFC 4180 quoting, and a lossless way back for import. */
class CsvCellsTest {

    @Provide
    Arbitrary<String> cells() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of("=", "+", "-", "@", "\t", "\r", "\n", "\0", "'", "\"", ",", ";", " ",
                "cmd|' /C calc'!A0", "HYPERLINK(\"http://x\")", "2+3", "Müller", "東京", "aa:bb:cc:dd:ee:ff", "2001:db8::1"),
                Arbitraries.strings().ofMaxLength(3));
        return piece.list().ofMaxSize(6).map(l -> String.join("", l));
    }

    /** The cell as a spreadsheet sees it after RFC 4180 unquoting. */
    static String unquoted(String cell) {
        if (cell.startsWith("\"")) {
            assertThat(cell).endsWith("\"");
            String inner = cell.substring(1, cell.length() - 1);
            assertThat(inner.replace("\"\"", "")).doesNotContain("\"");
            return inner.replace("\"\"", "\"");
        }
        assertThat(cell).doesNotContain("\"", ",", ";", "\r", "\n", "\t");
        return cell;
    }

    @Property(tries = 3000)
    void noCellStartsWithAFormulaTrigger(@ForAll("cells") String value) {
        String seen = unquoted(CsvCells.cell(value));
        assertThat(seen).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@")
                .doesNotStartWith("\t").doesNotStartWith("\r").doesNotStartWith("\0");
    }

    @Property(tries = 3000)
    void restoreUndoesNeutraliseForEveryValue(@ForAll("cells") String value) {
        assertThat(unquoted(CsvCells.cell(value))).isEqualTo(CsvCells.neutralise(value));
        assertThat(CsvCells.restore(CsvCells.neutralise(value))).isEqualTo(value);
    }

    @Example
    void theOwaspRuleAppliesToEveryCellAlike() {
        assertThat(CsvCells.cell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(CsvCells.cell("-2+3+cmd|' /C calc'!A0")).as("a leading minus is no exception").isEqualTo("'-2+3+cmd|' /C calc'!A0");
        assertThat(CsvCells.cell("-5")).isEqualTo("'-5");
        assertThat(CsvCells.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvCells.cell("\t=1")).isEqualTo("\"'\t=1\"");
        assertThat(CsvCells.cell("a;=cmd")).as("a ;-splitting spreadsheet keeps it one cell").isEqualTo("\"a;=cmd\"");
        assertThat(CsvCells.cell("Samsung Electronics Co.,Ltd")).isEqualTo("\"Samsung Electronics Co.,Ltd\"");
        assertThat(CsvCells.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvCells.cell(null)).isEmpty();
    }

    @Example
    void gatehousesOwnColumnsAreWrittenAsTheyAre() {
        for (String v : List.of("192.168.40.10", "aa:bb:cc:dd:ee:ff", "2001:db8::1", "::1", "40", "2026-11-27T09:00:00Z", "Müller", "東京")) {
            assertThat(CsvCells.cell(v)).isEqualTo(v);
        }
        assertThat(CsvCells.line(List.of("a", "=b", "c,d"))).isEqualTo("a,'=b,\"c,d\"");
    }
}
