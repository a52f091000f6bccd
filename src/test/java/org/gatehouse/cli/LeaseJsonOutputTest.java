package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.LeaseExport;
import org.junit.jupiter.api.Test;

/**
 * {@code leases list --format json} is written lease by lease through Jackson's generator (issue 13:
 * no map per lease, no tree, no string of the whole list). Scripts read that output: it must be the
 * very text the contract's maps gave before, byte for byte, hostile hostnames included.
 */
class LeaseJsonOutputTest {

    private static final List<ClassifiedLease> LEASES = List.of(
            new ClassifiedLease(new Lease(Ipv4.parse("192.168.40.10"), Mac.parse("f0:18:98:00:00:0a"), "zoë-iPhone ✓ 名前", 40,
                    LeaseState.DEFAULT, 1_764_000_000L, 86_400), Tier.REGISTERED, "Apple, Inc."),
            new ClassifiedLease(new Lease(Ipv4.parse("192.168.40.140"), null, "\"quoted\" \\ back\u0007bell\u001b[31mred\u202egnp.exe\n", 40,
                    LeaseState.EXPIRED_RECLAIMED, 0, 60), Tier.NEWLY_UNREGISTERED, null),
            new ClassifiedLease(new Lease(Ipv4.parse("10.100.192.7"), Mac.parse("da:a1:19:00:00:8c"), "", 100,
                    LeaseState.DECLINED, 1_764_000_123L, 3600), Tier.OLD_UNREGISTERED, "randomized"));

    @Test
    void streamedJsonIsTheTextTheContractMapsGave() {
        StringWriter before = new StringWriter();
        new Printer(new PrintWriter(before)).json(LEASES.stream().map(LeaseExport::json).toList());
        StringWriter now = new StringWriter();
        LeasesCommand.print(new Printer(new PrintWriter(now)), OutputFormat.JSON, null, null, LEASES);
        assertThat(now.toString()).isEqualTo(before.toString());
        assertThat(now.toString()).contains("\"hostname\" : \"zoë-iPhone ✓ 名前\"").contains("\\u0007bell\\u001B[31mred")
                .contains("\"mac\" : null").contains("\"vendor\" : null");
    }

    @Test
    void anEmptyListIsAnEmptyArrayAsBefore() {
        StringWriter before = new StringWriter();
        new Printer(new PrintWriter(before)).json(List.of());
        StringWriter now = new StringWriter();
        LeasesCommand.print(new Printer(new PrintWriter(now)), OutputFormat.JSON, null, null, List.of());
        assertThat(now.toString()).isEqualTo(before.toString());
    }
}
