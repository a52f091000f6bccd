package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;

/**
 * Every CSV file Gatehouse writes (lease export of the console, audit export, reservation export)
 * neutralises formula cells the same way, and the reservation file still reads back as written.
 */
class CsvExportSafetyTest {
    static final String DDE = "=cmd|' /C calc'!A0";
    static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");

    @Example
    void theLeaseExportFileNeutralisesAFormulaHostname() throws Exception {
        Path dir = Files.createTempDirectory("gh-export");
        Path file = dir.resolve("leases.csv");
        Lease lease = new Lease(Ipv4.parse("192.168.40.150"), Mac.parse("02:00:00:00:00:96"), DDE, 40, LeaseState.DEFAULT, 1_800_000_000L, 60);
        LeaseExport.write(file, LeaseExport.Format.CSV, List.of(new LeaseExport.Row(new ClassifiedLease(lease, Tier.NEWLY_UNREGISTERED,
                "randomized"), false, null, null)));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(1)).startsWith("192.168.40.150,02:00:00:00:00:96,randomized,'=cmd|' /C calc'!A0,newly-unregistered,");
        Files.delete(file);
        Files.delete(dir);
    }

    @Example
    void theAuditExportNeutralisesFormulaCellsInEveryColumn() throws Exception {
        AuditEntry e = new AuditEntry(7, AT, "@admin", "ws1", "approve", DDE, "02:00:00:00:00:96", "-", "+registered", DDE,
                "-2+3+cmd|' /C calc'!A0", "ok", "ab12");
        StringWriter out = new StringWriter();
        new AuditService(null, null).export(List.of(e), AuditService.ExportFormat.CSV, out);
        assertThat(out.toString()).isEqualTo("id,at,user,workstation,action,target,mac,before,after,note,detail,result,hash\r\n"
                + "7,2026-11-27T09:00:00Z,'@admin,ws1,approve,'=cmd|' /C calc'!A0,02:00:00:00:00:96,'-,'+registered,"
                + "'=cmd|' /C calc'!A0,'-2+3+cmd|' /C calc'!A0,ok,ab12\r\n");
    }

    @Provide
    Arbitrary<String> notes() {
        Arbitrary<String> piece = Arbitraries.of("=", "+", "-", "@", "'", "\"", ",", ";", " ", "cmd|' /C calc'!A0", "Müller", "東京", "1");
        return piece.list().ofMaxSize(6).map(l -> String.join("", l).strip());
    }

    @Property(tries = 500)
    void whatTheReservationExportWritesTheImportReadsBack(@ForAll("notes") String note) {
        HostReservation r = new HostReservation(Mac.parse("f0:18:98:00:00:01"), 40, List.of("registered"), null, "anna-iphone",
                new HostReservation.Stamp("anna", AT, note));
        String file = ReservationFiles.csv(List.of(r));
        String noteCell = ReservationFiles.csv(file, "reservations.csv").get(1).get(4); // as a spreadsheet reads it
        assertThat(noteCell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
        List<ReservationFiles.Row> rows = ReservationFiles.parse(file, "reservations.csv");
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.note()).isEqualTo(note);
            assertThat(row.mac()).isEqualTo("f0:18:98:00:00:01");
            assertThat(row.hostname()).isEqualTo("anna-iphone");
        });
    }
}
