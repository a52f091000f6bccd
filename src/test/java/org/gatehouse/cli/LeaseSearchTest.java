package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The search on real Kea data: with separators a MAC search means octets, without them any run of hex digits. */
@Tag("kea")
class LeaseSearchTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    @Test
    void separatorsMeanOctetsAndBareHexMeansAnyRun() throws Exception {
        Map<String, String> env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("c.db").toString());
        kea.addLease(140, "02:19:10:a1:b6:26", "", 3600);  // ...1 0:a1:b... : 0a1b across octets
        kea.addLease(141, "00:0a:1b:00:00:01", "", 3600);  // octets 0a and 1b
        kea.addLease(142, "0a:1b:00:00:00:02", "", 3600);  // octets 0a and 1b, at the start
        kea.addLease(143, "00:ab:01:b0:00:03", "", 3600);  // no 0a1b at all

        assertThat(macs(env, "0a:1b")).containsExactlyInAnyOrder("00:0a:1b:00:00:01", "0a:1b:00:00:00:02");
        assertThat(macs(env, "0A-1B")).containsExactlyInAnyOrder("00:0a:1b:00:00:01", "0a:1b:00:00:00:02");
        assertThat(macs(env, "0a1b")).containsExactlyInAnyOrder("02:19:10:a1:b6:26", "00:0a:1b:00:00:01", "0a:1b:00:00:00:02");
    }

    private static List<String> macs(Map<String, String> env, String search) throws Exception {
        CliRun run = CliRun.run(env, "leases", "list", "--search", search, "--format", "json");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> out = new ArrayList<>();
        new ObjectMapper().readTree(run.out()).forEach(n -> out.add(n.path("mac").asText()));
        return out;
    }
}
