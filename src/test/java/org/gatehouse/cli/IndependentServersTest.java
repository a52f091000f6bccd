package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.model.Mac;
import org.gatehouse.store.Database;
import org.gatehouse.store.PendingLeaseDeletes;
import org.gatehouse.testing.ComwareCliDouble;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.UnixSocketRelay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several independent kea-dhcp4 2.2 (no HA hook; `--kea` twice): a lease deletion one server
 * missed is retried on that server alone, an import skips the server that does not serve the
 * rows' subnet (owing it nothing), and a deny blocks on the switch once, not once per server.
 */
@Tag("kea")
@Tag("switch")
class IndependentServersTest {
    /** Two servers of one guest subnet (40), and a building of its own (subnet 41 only). */
    @RegisterExtension
    static KeaServer first = new KeaServer();
    @RegisterExtension
    static KeaServer second = new KeaServer();
    @RegisterExtension
    static KeaServer building41 = new KeaServer(config -> {
        ObjectNode only41 = new GuestSiteConfig(new KeaJson()).generate(List.of(new GuestSiteConfig.GuestVlan(41, "192.168.41.0/24")),
                List.of("9.9.9.9"), "192.168.41.4", LocalKea.runtimeIn(Path.of("unused")));
        ((ObjectNode) config.get("Dhcp4")).set("subnet4", only41.path("Dhcp4").path("subnet4"));
    });

    private final KeaJson json = new KeaJson();

    @TempDir
    Path dir;

    @BeforeEach
    void bothRunning() throws IOException {
        if (!second.process().isRunning()) {
            second.restart();
        }
        if (!building41.process().isRunning()) {
            building41.restart();
        }
    }

    private CliRun gh(String one, String two, String... args) {
        List<String> all = new ArrayList<>(List.of("--kea", one, "--kea", two));
        all.addAll(List.of(args));
        return CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c.db").toString()), all.toArray(String[]::new));
    }

    private static List<String> askedAbout(List<String> commands, String ip) {
        return commands.stream().filter(c -> c.contains("lease4-del") || c.contains("lease4-get\"") && c.contains(ip)).toList();
    }

    @Test
    void aLeaseDeletionTheSecondServerMissedIsRetriedThereAloneOnceItIsBack() throws Exception {
        String mac = "02:00:00:16:1a:01";
        String ip = "192.168.40.150";
        first.addLease(150, mac, "laptop", 3600);
        second.addLease(150, mac, "laptop", 3600);
        try (UnixSocketRelay one = new UnixSocketRelay(dir.resolve("one.sock"), first.socket());
             UnixSocketRelay two = new UnixSocketRelay(dir.resolve("two.sock"), second.socket())) {
            // server2 goes down right after it persisted the reservation, before its lease is deleted
            AtomicBoolean crashed = new AtomicBoolean();
            two.afterAnswer(command -> {
                if (command.contains("config-write") && crashed.compareAndSet(false, true)) {
                    second.stop();
                    try {
                        two.shut();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            CliRun approve = gh(one.endpoint(), two.endpoint(), "approve", mac, "--note", "Gäste-WLAN ✓");
            assertThat(crashed).isTrue();
            assertThat(approve.exit()).as(approve.out() + approve.err()).isEqualTo(3);
            assertThat(approve.out()).contains("server1 (" + one.endpoint() + "): approved " + mac)
                    .contains("server2 (" + two.endpoint() + "): approved " + mac).contains("lease " + ip + ": deleted")
                    .contains("lease " + ip + ": lease4-del failed");
            assertThat(approve.err()).contains("server2: ");
            assertThat(first.client().execute(new KeaCommands.Lease4GetByHwAddress(Mac.parse(mac)))).isEmpty();
            try (Database db = Database.open(dir.resolve("c.db"))) {
                assertThat(new PendingLeaseDeletes(db).all()).singleElement()
                        .satisfies(p -> assertThat(p.server()).isEqualTo(two.endpoint()));
            }

            // server2 still down: the deletion stays owed to it; server1 is not asked (it has no such lease to settle it with)
            int asked = one.commands().size();
            CliRun early = gh(one.endpoint(), two.endpoint(), "sync", "--once");
            assertThat(early.out()).as(early.err()).contains("lease deletions still pending: 1");
            assertThat(askedAbout(one.commands().subList(asked, one.commands().size()), ip)).isEmpty();

            // back: the next sync deletes server2's lease there, audited; server1 is still not asked
            second.restart();
            two.open();
            assertThat(second.client().execute(new KeaCommands.Lease4GetByHwAddress(Mac.parse(mac)))).hasSize(1);
            asked = one.commands().size();
            CliRun back = gh(one.endpoint(), two.endpoint(), "sync", "--once");
            assertThat(back.exit()).as(back.out() + back.err()).isZero();
            assertThat(back.out()).doesNotContain("lease deletions still pending");
            assertThat(second.client().execute(new KeaCommands.Lease4GetByHwAddress(Mac.parse(mac)))).isEmpty();
            assertThat(askedAbout(one.commands().subList(asked, one.commands().size()), ip)).isEmpty();
            assertThat(two.commands()).anyMatch(c -> c.contains("lease4-del") && c.contains(ip));
            JsonNode retries = json.read(gh(one.endpoint(), two.endpoint(), "audit", "list", "--action", "lease-delete-retry",
                    "--format", "json").out());
            assertThat(retries).singleElement().satisfies(r -> {
                assertThat(r.path("detail").asText()).isEqualTo(ip + " on server2");
                assertThat(r.path("result").asText()).isEqualTo("ok");
                assertThat(r.path("target").asText()).isEqualTo(mac);
            });
            try (Database db = Database.open(dir.resolve("c.db"))) {
                assertThat(new PendingLeaseDeletes(db).all()).isEmpty();
            }
        }
    }

    @Test
    void anImportIsSkippedOnTheServerThatDoesNotServeItsSubnetAndNothingIsOwedToIt() throws IOException {
        Path csv = dir.resolve("drucker.csv");
        Files.writeString(csv, "mac,class,hostname,note,subnet\n"
                + "02:00:00:16:1b:01,registered,drucker-1,Drucker Flur ✓,40\n"
                + "02:00:00:16:1b:02,denied,,Störer,40\n");
        CliRun imported = gh(first.endpoint(), building41.endpoint(), "reservations", "import", csv.toString());
        assertThat(imported.exit()).as(imported.out() + imported.err()).isZero();
        assertThat(imported.out()).contains("server1 (" + first.endpoint() + "): ")
                .contains("skipped: server2 (" + building41.endpoint() + ") does not serve subnet 40");
        assertThat(imported.err()).doesNotContain("pending");
        assertThat(reservationClass(first, "02:00:00:16:1b:01")).isEqualTo("registered");
        assertThat(reservationClass(first, "02:00:00:16:1b:02")).isEqualTo("denied");
        assertThat(reservationClass(building41, "02:00:00:16:1b:01")).isNull();

        CliRun status = gh(first.endpoint(), building41.endpoint(), "status");
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).doesNotContain("pending");
        JsonNode servers = json.read(gh(first.endpoint(), building41.endpoint(), "status", "--format", "json").out()).path("servers");
        assertThat(servers.get(1).path("pending").asInt()).isZero();
        assertThat(gh(first.endpoint(), building41.endpoint(), "offline", "list").out()).doesNotContain("02:00:00:16:1b:0");

        // a file for both buildings: each server gets its own rows and says what it left out
        Path both = dir.resolve("beide.csv");
        Files.writeString(both, "mac,class,ip,note\n"
                + "02:00:00:16:1b:11,registered,192.168.40.3,Haus A\n"
                + "02:00:00:16:1b:12,registered,192.168.41.3,Haus B\n");
        CliRun split = gh(first.endpoint(), building41.endpoint(), "reservations", "import", both.toString());
        assertThat(split.exit()).as(split.out() + split.err()).isZero();
        assertThat(split.out()).contains("1 row skipped (does not serve address 192.168.41.3)")
                .contains("1 row skipped (does not serve address 192.168.40.3)");
        assertThat(reservationClass(first, "02:00:00:16:1b:11")).isEqualTo("registered");
        assertThat(reservationClass(building41, "02:00:00:16:1b:12")).isEqualTo("registered");
        assertThat(reservationClass(first, "02:00:00:16:1b:12")).isNull();
        assertThat(reservationClass(building41, "02:00:00:16:1b:11")).isNull();

        // a row no server serves: the whole file is refused, nothing written anywhere
        Path nowhere = dir.resolve("nirgends.csv");
        Files.writeString(nowhere, "mac,class,subnet\n02:00:00:16:1b:21,registered,40\n02:00:00:16:1b:22,registered,99\n");
        CliRun refused = gh(first.endpoint(), building41.endpoint(), "reservations", "import", nowhere.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("no server serves subnet 99").contains("nothing was written");
        assertThat(reservationClass(first, "02:00:00:16:1b:21")).isNull();
    }

    @Test
    void aDecisionOwedToAServerThatWasDownAndDoesNotServeItsSubnetIsSkippedWhenItIsBack() throws IOException {
        String mac = "02:00:00:16:1e:01";
        building41.stop();
        CliRun approve = gh(first.endpoint(), building41.endpoint(), "approve", mac, "--subnet", "40", "--note", "Empfang");
        assertThat(approve.exit()).as(approve.out() + approve.err()).isEqualTo(3);
        assertThat(approve.err()).contains("server2 (" + building41.endpoint() + ") unreachable").contains("applied on server1");
        assertThat(reservationClass(first, mac)).isEqualTo("registered");

        building41.restart();
        CliRun sync = gh(first.endpoint(), building41.endpoint(), "sync", "--once");
        assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
        assertThat(sync.out()).contains("owed to server2").contains("skipped: server2 does not serve subnet 40; nothing written");
        assertThat(reservationClass(building41, mac)).isNull();
        CliRun status = gh(first.endpoint(), building41.endpoint(), "status");
        assertThat(status.exit()).as(status.out() + status.err()).isZero();
        assertThat(status.out()).doesNotContain("pending");
    }

    @Test
    void aDenyOnTwoServersBlocksOnTheSwitchOnce() throws Exception {
        String mac = "f0:18:98:00:1d:01";
        try (ComwareCliDouble sw = new ComwareCliDouble(dir.resolve("hostkey"), new ComwareCliDouble.Options())) {
            Path password = CliRun.writePrivate(dir.resolve("pw"), sw.password());
            List<String> withSwitch = List.of("--switch", "ssh://" + sw.user() + "@127.0.0.1:" + sw.port(),
                    "--switch-password-file", password.toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                    "--accept-new-host-key", "--timeout", "5");
            List<String> deny = new ArrayList<>(withSwitch);
            deny.addAll(List.of("deny", mac, "--subnet", "40", "--block", "--note", "Störer ✗"));
            CliRun denied = gh(first.endpoint(), second.endpoint(), deny.toArray(String[]::new));
            assertThat(denied.exit()).as(denied.out() + denied.err()).isZero();
            assertThat(reservationClass(first, mac)).isEqualTo("denied");
            assertThat(reservationClass(second, mac)).isEqualTo("denied");
            String rule = "deny source-mac f018-9800-1d01 ffff-ffff-ffff";
            assertThat(sw.saved().rules(4000)).containsValue(rule);
            assertThat(sw.logins()).as("SSH sessions for one deny").isEqualTo(1);
            assertThat(sw.received()).filteredOn(l -> l.contains(rule)).hasSize(1);
            assertThat(denied.out()).containsOnlyOnce("switch: done");

            assertThat(json.read(gh(first.endpoint(), second.endpoint(), "audit", "list", "--action", "switch-block", "--format", "json")
                    .out())).as("one switch-block row").hasSize(1);
            assertThat(json.read(gh(first.endpoint(), second.endpoint(), "audit", "list", "--action", "deny", "--format", "json")
                    .out())).as("a deny row per server").hasSize(2);
        }
    }

    /** The first class of the MAC's reservation in the server's running configuration, or null. */
    private static String reservationClass(KeaServer kea, String mac) {
        for (JsonNode subnet : kea.client().config().raw().path("Dhcp4").path("subnet4")) {
            for (JsonNode r : subnet.path("reservations")) {
                if (r.path("hw-address").asText().equalsIgnoreCase(mac)) {
                    return r.path("client-classes").get(0).asText();
                }
            }
        }
        return null;
    }
}
