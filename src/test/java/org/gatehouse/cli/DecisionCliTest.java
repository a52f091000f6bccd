package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Mac;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.ConfigSnapshotStore;
import org.gatehouse.store.Database;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * approve / deny / unregister / reservations / pools / queue through the real command line against
 * a real Kea 2.2 (config-set path): what lands in Kea and in its written file, exit codes, and that
 * bad input leaves Kea untouched.
 */
@Tag("kea")
class DecisionCliTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    Map<String, String> env;

    @BeforeEach
    void fresh() throws Exception {
        kea.wipeLeases();
        // Start every test from a configuration without reservations.
        for (HostReservation r : ConfigEdits.reservations(kea.client().config().raw().path("Dhcp4"))) {
            CliRun.run(Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("reset.db").toString()),
                    "reservations", "remove", r.mac().toString());
        }
        env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("cache.db").toString(), "USER", "test");
    }

    private List<HostReservation> reservations() {
        return ConfigEdits.reservations(kea.client().config().raw().path("Dhcp4"));
    }

    private String configJson() {
        return kea.json().write(kea.client().config().raw());
    }

    @Test
    void approveReservesPersistsStampsAndDeletesTheUnregisteredLease() throws Exception {
        kea.addLease(140, "f0:18:98:00:00:8c", "anna-iphone", 60);
        CliRun r = CliRun.run(env, "approve", "F0-18-98-00-00-8C", "--note", "Anna, room 12", "--hostname", "anna-phone");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("approved f0:18:98:00:00:8c").contains("persisted").contains("lease 192.168.40.140: deleted");

        HostReservation res = reservations().get(0);
        assertThat(res.mac()).isEqualTo(Mac.parse("f0:18:98:00:00:8c"));
        assertThat(res.clientClasses()).containsExactly("registered");
        assertThat(res.hostname()).isEqualTo("anna-phone");
        assertThat(res.stamp().note()).isEqualTo("Anna, room 12");
        assertThat(res.stamp().by()).contains("@");
        assertThat(res.stamp().at()).isNotNull();
        // config-write happened: the file Kea restarts from has the reservation and its user-context.
        assertThat(kea.configFile()).contains("f0:18:98:00:00:8c").contains("Anna, room 12");
        assertThat(kea.client().execute(new KeaCommands.Lease4GetByHwAddress(Mac.parse("f0:18:98:00:00:8c")))).isEmpty();

        try (Database db = Database.open(dir.resolve("cache.db"))) {
            assertThat(new ConfigSnapshotStore(db).list(10)).hasSize(1).first()
                    .satisfies(s -> assertThat(s.reason()).isEqualTo("before approve f0:18:98:00:00:8c"));
            List<ActionLog.Entry> log = new ActionLog(db, "x", "y").recent(5);
            assertThat(log).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("approve");
                assertThat(e.target()).isEqualTo("f0:18:98:00:00:8c");
                assertThat(e.result()).startsWith("ok");
            });
        }

        // Approving again changes nothing and says so (idempotent: a script may retry).
        CliRun again = CliRun.run(env, "approve", "f0:18:98:00:00:8c", "--hostname", "anna-phone");
        assertThat(again.exit()).isZero();
        assertThat(again.out()).contains("Kea already had it");
    }

    @Test
    void approveWithoutALeaseInTheOnlySubnetWorksAndResultThreeIsFine() {
        CliRun r = CliRun.run(env, "approve", "f0:18:98:00:00:01");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(reservations()).extracting(HostReservation::mac).containsExactly(Mac.parse("f0:18:98:00:00:01"));
    }

    @Test
    void denyWithBlockButNoSwitchSaysItCannotBlockAndSendsNothing() {
        String before = configJson();
        CliRun r = CliRun.run(env, "deny", "f0:18:98:00:00:02", "--block");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("gatehouse: error: bad --block: no switch is configured, so Gatehouse cannot block");
        assertThat(configJson()).isEqualTo(before);

        CliRun plain = CliRun.run(env, "deny", "f0:18:98:00:00:02", "--note", "spam");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("denied f0:18:98:00:00:02");
        assertThat(reservations()).singleElement().satisfies(x -> assertThat(x.clientClasses()).containsExactly("denied"));

        CliRun un = CliRun.run(env, "unregister", "f0:18:98:00:00:02");
        assertThat(un.exit()).as(un.err()).isZero();
        assertThat(un.out()).contains("unregistered f0:18:98:00:00:02");
        assertThat(reservations()).isEmpty();
        assertThat(CliRun.run(env, "unregister", "f0:18:98:00:00:02").out()).contains("had no reservation; nothing changed");
    }

    @Test
    void badMacOrIpExitsTwoAndLeavesKeaUntouched() {
        String before = configJson();
        for (String[] args : new String[][] {
            {"approve", "f0:18:98:00:00"}, {"deny", "zz:18:98:00:00:01"}, {"unregister", "f0:18:98:00:00:01:02"},
            {"reservations", "add", "f0:18:98:00:00:03", "--class", "registered", "--ip", "192.168.40.300"},
            {"reservations", "add", "f0:18:98:00:00:03", "--class", "registered", "--ip", "10.0.0.5"},
            {"reservations", "add", "f0:18:98:00:00:03", "--class", "registered", "--ip", "192.168.40.130"},
            {"reservations", "add", "f0:18:98:00:00:03", "--class", "no-such-class"},
            {"reservations", "add", "f0:18:98:00:00:03", "--class", "registered\",\"x"},
            {"approve", "f0:18:98:00:00:03", "--hostname", "bad host;rm"},
            {"sync", "--once", "--old-after", "soon"}}) {
            CliRun r = CliRun.run(env, args);
            assertThat(r.exit()).as(String.join(" ", args) + " → " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("gatehouse: error: bad ").doesNotContain("Exception").hasLineCount(1);
        }
        assertThat(CliRun.run(env, "reservations", "add", "f0:18:98:00:00:03", "--class", "registered", "--ip", "192.168.40.130").err())
                .contains("lies in the dynamic pool 192.168.40.128-192.168.40.191");
        assertThat(configJson()).isEqualTo(before);
    }

    @Test
    void fixedAddressOutsideThePoolsIsReservedListedAndExported() throws Exception {
        CliRun add = CliRun.run(env, "reservations", "add", "b8:27:eb:00:00:02", "--class", "registered", "--ip", "192.168.40.2",
                "--hostname", "printer");
        assertThat(add.exit()).as(add.err()).isZero();
        CliRun dup = CliRun.run(env, "reservations", "add", "b8:27:eb:00:00:03", "--class", "registered", "--ip", "192.168.40.2");
        assertThat(dup.exit()).isEqualTo(2);
        assertThat(dup.err()).contains("already reserved for b8:27:eb:00:00:02");

        CliRun list = CliRun.run(env, "reservations", "list", "--format", "json");
        JsonNode arr = new ObjectMapper().readTree(list.out());
        assertThat(arr).hasSize(1);
        assertThat(arr.get(0).get("ip").asText()).isEqualTo("192.168.40.2");
        assertThat(arr.get(0).get("hostname").asText()).isEqualTo("printer");
        assertThat(arr.get(0).get("class").asText()).isEqualTo("registered");

        CliRun export = CliRun.run(env, "reservations", "export");
        assertThat(export.out().lines().toList()).hasSize(2).first().isEqualTo("mac,class,ip,hostname,note,subnet,by,at");
        // Round trip: remove, import the export, and the reservation is back.
        Path file = dir.resolve("export.csv");
        Files.writeString(file, export.out());
        assertThat(CliRun.run(env, "reservations", "remove", "b8:27:eb:00:00:02").exit()).isZero();
        assertThat(reservations()).isEmpty();
        CliRun imp = CliRun.run(env, "reservations", "import", file.toString());
        assertThat(imp.exit()).as(imp.err()).isZero();
        assertThat(reservations()).singleElement().satisfies(x -> assertThat(x.ip()).hasToString("192.168.40.2"));
    }

    @Test
    void importIsValidatedAsAWholeAndWrittenInOneChange() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, """
                mac,class,ip,hostname,note
                f0:18:98:00:01:01,registered,,anna,ok row
                not-a-mac,registered,,,
                f0:18:98:00:01:03,registered,192.168.40.140,,in a pool
                f0:18:98:00:01:04,nonexistent,,,
                f0:18:98:00:01:01,denied,,,"dup, quoted"
                """);
        String before = configJson();
        CliRun r = CliRun.run(env, "reservations", "import", bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("4 problem(s), nothing was written").contains("line 3").contains("line 4").contains("line 5")
                .contains("line 6: f0:18:98:00:01:01 is already given in line 2");
        assertThat(configJson()).isEqualTo(before);

        Path good = dir.resolve("good.json");
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            sb.append(i == 0 ? "" : ",").append(String.format("{\"mac\":\"f0:18:98:00:02:%02x\",\"class\":\"registered\",\"note\":\"batch\"}", i));
        }
        Files.writeString(good, sb.append("]").toString());
        CliRun ok = CliRun.run(env, "reservations", "import", good.toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("imported 50 reservation(s): 50 written");
        assertThat(reservations()).hasSize(50);
        try (Database db = Database.open(dir.resolve("cache.db"))) {
            assertThat(new ConfigSnapshotStore(db).list(10)).hasSize(1);
        }
    }

    @Test
    void queueListsUndecidedDevicesAndPoolsCountThem() throws Exception {
        kea.addLease(140, "f0:18:98:00:00:8c", "anna-iphone", 60);
        kea.addLease(141, "f0:18:98:00:00:8d", "ben-ipad", 60);
        kea.addLease(200, "b8:27:eb:00:00:c8", "pi", 86400);
        kea.addLease(10, "3c:22:fb:00:00:0a", "approved-mac", 86400);
        assertThat(CliRun.run(env, "deny", "f0:18:98:00:00:8d").exit()).isZero();
        CliRun q = CliRun.run(env, "queue", "list", "--format", "json");
        assertThat(q.exit()).as(q.err()).isZero();
        JsonNode arr = new ObjectMapper().readTree(q.out());
        assertThat(arr).extracting(n -> n.get("mac").asText()).containsExactlyInAnyOrder("f0:18:98:00:00:8c", "b8:27:eb:00:00:c8");
        JsonNode first = arr.get(0);
        for (String field : List.of("mac", "ip", "hostname", "vendor", "tier", "firstSeen", "lastSeen")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        CliRun pools = CliRun.run(env, "pools", "--format", "json");
        JsonNode p = new ObjectMapper().readTree(pools.out());
        assertThat(p).hasSize(3);
        JsonNode newly = p.get(1);
        assertThat(newly.get("tier").asText()).isEqualTo("newly-unregistered");
        assertThat(newly.get("size").asLong()).isEqualTo(64);
        assertThat(newly.get("used").asLong()).isEqualTo(2);
        assertThat(newly.get("free").asLong()).isEqualTo(62);
        assertThat(newly.get("level").asText()).isEqualTo("ok");
        assertThat(p.get(0).get("first").asText()).isEqualTo("192.168.40.5");
    }
}
