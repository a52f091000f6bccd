package org.gatehouse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.gatehouse.cli.CliRun;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaText;
import org.gatehouse.kea.ReservationCommands;
import org.gatehouse.model.ConfigSecrets;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.testing.SecretScan;
import org.gatehouse.testing.SidKeaSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Beyond one site": two real kea-dhcp4 3.0 (Debian sid root, made by packaging/make-test-root.sh)
 * keep their leases and reservations in one PostgreSQL database (Kea's own libdhcp_pgsql.so, Debian
 * 12's PostgreSQL on 127.0.0.1). Gatehouse, unchanged and pointed at one server at a time, writes
 * through host_cmds once; the other server and the database see it. No sync of our own.
 */
@Tag("kea")
@Tag("root")
class Kea3PostgresHostsTest {
    private static final Mac ANNA = Mac.parse("f0:18:98:00:00:8c");
    private static final String NOTE = "Müller, Büro 3 — 東京 ✓";

    @RegisterExtension
    static SidKeaSite site = new SidKeaSite();

    @TempDir
    Path dir;

    private final ObjectMapper mapper = new ObjectMapper();
    private Map<String, String> viaServer1;
    private Map<String, String> viaServer2;

    @BeforeEach
    void fresh() {
        site.db().query("DELETE FROM hosts");
        site.db().query("DELETE FROM lease4");
        viaServer1 = Map.of("GATEHOUSE_KEA", site.server1().endpoint(), "GATEHOUSE_DB", dir.resolve("one.db").toString(), "USER", "test");
        viaServer2 = Map.of("GATEHOUSE_KEA", site.server2().endpoint(), "GATEHOUSE_DB", dir.resolve("two.db").toString(), "USER", "test");
    }

    @Test
    void statusShowsKea3WithHostCmdsOnBothServers() {
        for (Map<String, String> env : List.of(viaServer1, viaServer2)) {
            CliRun status = CliRun.run(env, "status");
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("version:      " + site.root().keaVersion()).contains("host_cmds yes")
                    .contains("192.168.40.5-192.168.40.127");
        }
    }

    @Test
    void oneApproveThroughServer1IsSeenByServer2AndInTheDatabase() throws Exception {
        // A guest's lease as Kea would hand it out; the lease database is shared, so both servers hold it.
        site.client1().execute(new KeaCommands.Lease4Add(new Lease(Ipv4.parse("192.168.40.140"), ANNA, "Jürgens-iPhone", 40,
                LeaseState.DEFAULT, Instant.now().getEpochSecond(), 60)));
        JsonNode leases = json(CliRun.run(viaServer2, "leases", "list", "--format", "json"));
        assertThat(leases).singleElement().satisfies(l -> {
            assertThat(l.path("ip").asText()).isEqualTo("192.168.40.140");
            assertThat(l.path("mac").asText()).isEqualTo(ANNA.toString());
            assertThat(l.path("hostname").asText()).isEqualTo("jürgens-iphone");   // Kea lowercases; the ü survives
            assertThat(l.path("tier").asText()).isEqualTo("newly-unregistered");
        });
        assertThat(CliRun.run(viaServer2, "leases", "list").out()).contains("jürgens-iphone").doesNotContain("Ã");
        assertThat(json(CliRun.run(viaServer2, "queue", "list", "--format", "json"))).extracting(q -> q.path("mac").asText())
                .containsExactly(ANNA.toString());
        assertThat(newlyUsed(viaServer2)).isEqualTo(1);

        CliRun approve = CliRun.run(viaServer1, "approve", ANNA.toString(), "--note", NOTE, "--hostname", "anna-phone");
        assertThat(approve.exit()).as(approve.err()).isZero();
        assertThat(approve.out()).contains("approved " + ANNA).contains("lease 192.168.40.140: deleted");
        // Kea 3.0's config-get answers the database password in clear; the snapshot taken before the approve holds only the marker.
        String dbPassword = site.client1().config().raw().at("/Dhcp4/lease-database/password").asText();
        assertThat(dbPassword).isNotEmpty().isNotEqualTo(ConfigSecrets.MARKER);
        long snapshot = json(CliRun.run(viaServer1, "snapshot", "list", "--format", "json")).get(0).path("id").asLong();
        CliRun show = CliRun.run(viaServer1, "snapshot", "show", Long.toString(snapshot));
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("\"password\" : \"" + ConfigSecrets.MARKER + "\"").doesNotContain(dbPassword);
        assertThat(SecretScan.find(List.of(dir), List.of(dbPassword))).as("the cache files, read raw").isEmpty();

        // Server 2 sees it at once: Gatehouse's list, and Kea's own reservation-get there.
        JsonNode listed = json(CliRun.run(viaServer2, "reservations", "list", "--format", "json"));
        assertThat(listed).singleElement().satisfies(r -> {
            assertThat(r.path("mac").asText()).isEqualTo(ANNA.toString());
            assertThat(r.path("class").asText()).isEqualTo("registered");
            assertThat(r.path("hostname").asText()).isEqualTo("anna-phone");
            assertThat(r.path("note").asText()).isEqualTo(NOTE);
            assertThat(r.path("subnetId").asLong()).isEqualTo(40);
        });
        assertThat(classesIn(site.client2())).contains("[\"registered\"]");
        // The lease Gatehouse deleted through server 1 is gone for server 2 as well.
        assertThat(site.client2().execute(new KeaCommands.Lease4GetByHwAddress(ANNA))).isEmpty();
        assertThat(json(CliRun.run(viaServer2, "queue", "list", "--format", "json"))).isEmpty();
        assertThat(newlyUsed(viaServer2)).isZero();

        // In the database: one host row, subnet 40, the class, the hostname; the note in Kea's user_context.
        assertThat(site.db().query("SELECT encode(dhcp_identifier, 'hex'), dhcp4_subnet_id, dhcp4_client_classes, hostname FROM hosts"))
                .containsExactly("f0189800008c|40|registered|anna-phone");
        String userContext = site.db().query("SELECT user_context FROM hosts").get(0);
        // Kea writes each UTF-8 byte of the note as its own \\u00XX escape, in the database too.
        assertThat(KeaText.decode(mapper.readTree(userContext).path("gatehouse").path("note").asText())).isEqualTo(NOTE);
        assertThat(site.db().query("SELECT count(*) FROM lease4 WHERE hostname <> 'gatehouse-write-lock'")).containsExactly("0");

        // Nothing went into either server's configuration: the database is the one place.
        for (KeaClient kea : new KeaClient[] {site.client1(), site.client2()}) {
            assertThat(kea.config().raw().path("Dhcp4").path("subnet4").get(0).path("reservations")).isEmpty();
        }
    }

    @Test
    void denyThroughServer2ThenUnregisterThroughServer1() {
        assertThat(CliRun.run(viaServer1, "approve", ANNA.toString()).exit()).isZero();

        CliRun deny = CliRun.run(viaServer2, "deny", ANNA.toString(), "--note", "Spam — gesperrt");
        assertThat(deny.exit()).as(deny.err()).isZero();
        assertThat(deny.out()).contains("denied " + ANNA);
        assertThat(classesIn(site.client1())).contains("[\"denied\"]");
        assertThat(site.db().query("SELECT dhcp4_client_classes FROM hosts")).containsExactly("denied");
        assertThat(json(CliRun.run(viaServer1, "reservations", "list", "--format", "json")))
                .singleElement().satisfies(r -> assertThat(r.path("note").asText()).isEqualTo("Spam — gesperrt"));

        CliRun unregister = CliRun.run(viaServer1, "unregister", ANNA.toString());
        assertThat(unregister.exit()).as(unregister.err()).isZero();
        assertThat(unregister.out()).contains("unregistered " + ANNA);
        for (KeaClient kea : new KeaClient[] {site.client1(), site.client2()}) {
            assertThat(kea.execute(new ReservationCommands.ReservationGet(40, ANNA, ReservationCommands.DATABASE))).isEmpty();
        }
        assertThat(site.db().query("SELECT count(*) FROM hosts")).containsExactly("0");
        assertThat(json(CliRun.run(viaServer2, "reservations", "list", "--format", "json"))).isEmpty();
        assertThat(CliRun.run(viaServer2, "unregister", ANNA.toString()).out()).contains("had no reservation; nothing changed");
    }

    /**
     * Separate gatehouse processes decide at the same moment, half through each server, two of them on
     * the same device from different servers. Gatehouse's write lock is a lease, and the lease database
     * is shared, so the servers' writers queue behind one lock: every process exits 0, every device
     * has exactly one row, and the contested device's row is whole (class and note of one decision).
     */
    @Test
    void decisionsThroughBothServersAtOnceAllLandOnce() throws Exception {
        List<Process> started = new ArrayList<>();
        List<String[]> plan = new ArrayList<>();   // mac, verb, note, server
        for (int i = 0; i < 4; i++) {
            plan.add(new String[] {String.format("02:c0:a0:00:00:%02x", i), i % 2 == 0 ? "approve" : "deny", "Gerät " + i + " — 東京", i < 2 ? "1" : "2"});
        }
        plan.add(new String[] {ANNA.toString(), "approve", "erlaubt über 1 ✓", "1"});
        plan.add(new String[] {ANNA.toString(), "deny", "gesperrt über 2 ✗", "2"});
        for (int i = 0; i < plan.size(); i++) {
            String[] p = plan.get(i);
            started.add(gatehouseProcess((p[3].equals("1") ? site.server1() : site.server2()).endpoint(), dir.resolve("p" + i + ".db"),
                    dir.resolve("p" + i + ".out"), p[1], p[0], "--note", p[2]));
        }
        for (int i = 0; i < plan.size(); i++) {
            assertThat(started.get(i).waitFor(120, TimeUnit.SECONDS)).as("process %d finished", i).isTrue();
            assertThat(started.get(i).exitValue()).as("process %d: %s", i, Files.readString(dir.resolve("p" + i + ".out"))).isZero();
        }
        for (int i = 0; i < 4; i++) {
            String[] p = plan.get(i);
            assertThat(site.db().query("SELECT dhcp4_client_classes FROM hosts WHERE dhcp_identifier = decode('"
                    + p[0].replace(":", "") + "', 'hex')")).as(p[0]).containsExactly(p[1].equals("approve") ? "registered" : "denied");
        }
        assertThat(site.db().query("SELECT count(*) FROM hosts")).containsExactly("5");
        JsonNode contested = json(CliRun.run(viaServer1, "reservations", "list", "--format", "json"));
        JsonNode anna = null;
        for (JsonNode r : contested) {
            anna = r.path("mac").asText().equals(ANNA.toString()) ? r : anna;
        }
        assertThat(anna).isNotNull();
        String cls = anna.path("class").asText();
        assertThat(anna.path("note").asText()).as("class %s", cls).isEqualTo(cls.equals("registered") ? "erlaubt über 1 ✓" : "gesperrt über 2 ✗");
        // The write lock was given back: no lock lease is left in the shared lease table.
        assertThat(site.db().query("SELECT count(*) FROM lease4")).containsExactly("0");
    }

    /** The real gatehouse command as a separate JVM (its own cache, the same classpath as this test). */
    private Process gatehouseProcess(String kea, Path db, Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                "org.gatehouse.app.Main", "--kea", kea, "--db", db.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString()); // the log stays out of the user's home
        return pb.start();
    }

    /** Addresses in use in the newly-unregistered pool, as {@code gatehouse pools} reports them. */
    private long newlyUsed(Map<String, String> env) {
        JsonNode pools = json(CliRun.run(env, "pools", "--format", "json"));
        for (JsonNode p : pools) {
            if (p.path("tier").asText().equals("newly-unregistered")) {
                return p.path("used").asLong();
            }
        }
        throw new AssertionError("no newly-unregistered pool in " + pools);
    }

    private String classesIn(KeaClient kea) {
        Optional<JsonNode> host = kea.execute(new ReservationCommands.ReservationGet(40, ANNA, ReservationCommands.DATABASE));
        assertThat(host).as("reservation-get on the other server").isPresent();
        return host.get().path("client-classes").toString();
    }

    private JsonNode json(CliRun run) {
        assertThat(run.exit()).as(run.err()).isZero();
        try {
            return mapper.readTree(run.out());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + run.out(), e);
        }
    }
}
