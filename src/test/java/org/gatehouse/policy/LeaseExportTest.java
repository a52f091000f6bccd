package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseExportTest {
    @TempDir
    Path dir;

    private final Instant seen = Instant.parse("2026-11-27T09:00:00Z");
    private final List<LeaseExport.Row> rows = List.of(
            new LeaseExport.Row(new ClassifiedLease(new Lease(Ipv4.parse("192.168.40.10"), Mac.parse("8c:77:12:00:00:01"), "=cmd|x",
                    40, LeaseState.DEFAULT, 1_800_000_000L, 86400), Tier.REGISTERED, "Samsung Electronics Co.,Ltd"), true, seen, seen),
            new LeaseExport.Row(new ClassifiedLease(new Lease(Ipv4.parse("192.168.40.130"), null, "", 40, LeaseState.DECLINED,
                    1_800_000_000L, 60), Tier.NEWLY_UNREGISTERED, null), false, null, null));

    @Test
    void csvQuotesCommasAndDefusesFormulas() throws Exception {
        Path f = dir.resolve("leases.csv");
        LeaseExport.write(f, LeaseExport.Format.CSV, rows);
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).containsExactly(
                "ip,mac,vendor,hostname,tier,subnet_id,state,expires,first_seen,last_seen,reserved",
                "192.168.40.10,8c:77:12:00:00:01,\"Samsung Electronics Co.,Ltd\",'=cmd|x,registered,40,default,2027-01-16T08:00:00Z,"
                        + "2026-11-27T09:00:00Z,2026-11-27T09:00:00Z,yes",
                "192.168.40.130,,,,newly-unregistered,40,declined,2027-01-15T08:01:00Z,,,no");
        assertThat(dir.resolve("leases.csv.part")).doesNotExist();
    }

    @Test
    void jsonHasTheCliFieldsPlusReservedAndSeen() throws Exception {
        Path f = dir.resolve("leases.json");
        LeaseExport.write(f, LeaseExport.Format.JSON, rows);
        JsonNode a = new KeaJson().read(Files.readString(f));
        assertThat(a).hasSize(2);
        assertThat(a.get(0).get("ip").asText()).isEqualTo("192.168.40.10");
        assertThat(a.get(0).get("vendor").asText()).isEqualTo("Samsung Electronics Co.,Ltd");
        assertThat(a.get(0).get("reserved").asBoolean()).isTrue();
        assertThat(a.get(0).get("firstSeen").asText()).isEqualTo("2026-11-27T09:00:00Z");
        assertThat(a.get(1).get("mac").isNull()).isTrue();
        assertThat(a.get(1).get("state").asText()).isEqualTo("declined");
        assertThat(a.get(1).get("validLifetime").asLong()).isEqualTo(60);
    }
}
