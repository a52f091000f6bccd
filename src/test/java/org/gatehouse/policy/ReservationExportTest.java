package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Mac;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Reservations screen's export (now in policy): CSV or JSON by the file's name, and both read back by import. */
class ReservationExportTest {
    @TempDir
    Path dir;

    static final List<HostReservation> ALL = List.of(
            new HostReservation(Mac.parse("b8:27:eb:00:00:02"), 40, List.of("registered"), Ipv4.parse("192.168.40.2"), "printer",
                    new HostReservation.Stamp("ops", Instant.parse("2026-12-01T10:00:00Z"), "-- Empfang, Zoë")),
            new HostReservation(Mac.parse("02:11:22:33:44:55"), 40, List.of("denied"), null, "",
                    new HostReservation.Stamp("ops", Instant.parse("2026-12-01T11:00:00Z"), "=spam")));

    @Test
    void csvAndJsonExportsReadBackAsTheSameRows() throws Exception {
        for (String name : List.of("reservations.csv", "reservations.json")) {
            Path file = dir.resolve(name);
            assertThat(ReservationFiles.export(file, ALL)).isEqualTo(2);
            List<ReservationFiles.Row> back = ReservationFiles.parse(Files.readString(file), name);
            assertThat(back).as(name).extracting(ReservationFiles.Row::mac, ReservationFiles.Row::cls, ReservationFiles.Row::note)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("b8:27:eb:00:00:02", "registered", "-- Empfang, Zoë"),
                            org.assertj.core.groups.Tuple.tuple("02:11:22:33:44:55", "denied", "=spam"));
        }
        assertThat(Files.readString(dir.resolve("reservations.json"))).startsWith("[");
        assertThat(Files.readString(dir.resolve("reservations.csv"))).contains("'=spam");
    }
}
