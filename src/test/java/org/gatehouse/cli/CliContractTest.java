package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.gatehouse.testing.FakeUnixServer;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The command line of docs/cli.md against a real Kea: output formats and exit codes. */
@Tag("kea")
class CliContractTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static Map<String, String> env;

    @BeforeAll
    static void leases() {
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
        kea.addLease(140, "da:a1:19:00:00:8c", "", 60);
        kea.addLease(200, "b8:27:eb:00:00:c8", "pi", 86400);
        env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("cache.db").toString());
    }

    @Test
    void leasesListAsJsonHasTheContractFields() throws Exception {
        CliRun r = CliRun.run(env, "leases", "list", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode arr = new ObjectMapper().readTree(r.out());
        assertThat(arr).hasSize(3);
        JsonNode anna = arr.get(0);
        assertThat(anna.get("ip").asText()).isEqualTo("192.168.40.10");
        assertThat(anna.get("mac").asText()).isEqualTo("f0:18:98:00:00:0a");
        assertThat(anna.get("hostname").asText()).isEqualTo("anna-iphone");
        assertThat(anna.get("subnetId").asLong()).isEqualTo(40);
        assertThat(anna.get("state").asText()).isEqualTo("default");
        assertThat(anna.get("validLifetime").asLong()).isEqualTo(86400);
        assertThat(anna.get("expires").asText()).endsWith("Z");
        assertThat(anna.get("tier").asText()).isEqualTo("registered");
        assertThat(anna.get("vendor").asText()).isEqualTo("Apple, Inc.");
        assertThat(anna.has("cltt")).isTrue();
        assertThat(arr.get(1).get("tier").asText()).isEqualTo("newly-unregistered");
        assertThat(arr.get(1).get("vendor").asText()).isEqualTo("randomized");
        assertThat(arr.get(2).get("tier").asText()).isEqualTo("old-unregistered");
    }

    @Test
    void optionsBeforeTheCommandWorkToo() {
        CliRun r = CliRun.run(Map.of(), "--kea", kea.endpoint(), "--db", dir.resolve("c2.db").toString(), "leases", "list",
                "--tier", "old-unregistered", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(2).first()
                .as("the lease export's header: one lease CSV").isEqualTo("ip,mac,vendor,hostname,tier,subnet_id,state,expires,first_seen,last_seen,reserved");
        assertThat(r.out()).contains("192.168.40.200,b8:27:eb:00:00:c8,").contains(",pi,old-unregistered,40,default,");
    }

    @Test
    void searchMatchesMacWithAnySeparator() {
        for (String q : new String[] {"b827eb", "B8-27", "b827.eb00"}) {
            CliRun r = CliRun.run(env, "leases", "list", "--search", q, "--format", "csv");
            assertThat(r.out().lines().count()).as(q).isEqualTo(2);
        }
    }

    @Test
    void statusShowsVersionCapabilitiesAndPools() {
        CliRun r = CliRun.run(env, "status");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("reachable:    yes").contains("lease_cmds").contains("192.168.40.128-192.168.40.191")
                .contains("newly-unregistered");
    }

    @Test
    void showGivesTheLeaseAndItsHistory() {
        CliRun.run(env, "leases", "list");
        CliRun r = CliRun.run(env, "leases", "show", "F0-18-98-00-00-0A");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("192.168.40.10").contains("history (local cache)");
    }

    @Test
    void missingSocketIsExit3WithOneLineNamingIt() {
        CliRun r = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c3.db").toString()), "--kea", "unix:/nonexistent/kea.sock", "leases", "list");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("gatehouse: error: unix:/nonexistent/kea.sock: ");
    }

    @Test
    void badInputIsExit2AndNothingIsSent() {
        assertThat(CliRun.run(env, "leases", "show", "aa:bb:cc").exit()).isEqualTo(2);
        assertThat(CliRun.run(env, "leases", "release", "192.168.40.300").exit()).isEqualTo(2);
        assertThat(CliRun.run(env, "leases", "list", "--tier", "vip").exit()).isEqualTo(2);
        assertThat(CliRun.run(env, "frobnicate").exit()).isEqualTo(2);
        assertThat(CliRun.run(Map.of(), "--kea", "ftp://x", "status").exit()).isEqualTo(2);
        // the lease that "release 192.168.40.300" might have hit is untouched
        assertThat(kea.client().allLeases()).hasSize(3);
    }

    @Test
    void garbageFromTheSocketIsExit1ShowingWhatCame() throws Exception {
        try (FakeUnixServer fake = new FakeUnixServer(dir.resolve("fake.sock"), "<html>not kea</html>", false)) {
            CliRun r = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c4.db").toString()), "--kea", "unix:" + fake.path(), "status");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("reachable:    no");
            CliRun l = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c4.db").toString()), "--kea", "unix:" + fake.path(), "leases", "list");
            assertThat(l.exit()).isEqualTo(1);
            assertThat(l.err()).contains("<html>not kea</html>");
        }
    }

    @Test
    void releaseDeletesTheLeaseAndSaysWhenThereWasNone() {
        kea.addLease(150, "f0:18:98:00:00:96", "", 60);
        CliRun r = CliRun.run(env, "leases", "release", "192.168.40.150");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("released 192.168.40.150");
        CliRun again = CliRun.run(env, "leases", "release", "192.168.40.150");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("nothing changed");
    }
}
