package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.gatehouse.app.Main;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.model.Lease;
import org.gatehouse.store.Database;
import org.gatehouse.testing.ScaleKea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leases list} records the list in the cache on a second thread while it prints it (issue 13):
 * real {@code gatehouse} processes on a real kea-dhcp4 holding 12,000 leases (some hostnames not
 * ASCII), several at once on one cache, one of them killed with SIGKILL while it records. Every
 * process that ends prints every lease once, and the cache holds each device once, with one
 * history row for its one lease, whatever was killed when.
 */
@Tag("kea")
class LeasesListRecordingTest {
    private static final int LEASES = 12_000;

    @TempDir
    static Path dir;

    static LocalKea kea;
    static List<Lease> leases;

    @BeforeAll
    static void start() throws Exception {
        List<Lease> made = new ArrayList<>(ScaleKea.leases(LEASES, Instant.now(), 7));
        for (int i = 0; i < made.size(); i += 101) {
            Lease l = made.get(i);
            made.set(i, new Lease(l.ip(), l.mac(), "zoë-iphone-ünïcode-" + i, l.subnetId(), l.state(), l.cltt(), l.validLifetime()));
        }
        leases = List.copyOf(made);
        kea = ScaleKea.start(new KeaJson(), leases);
    }

    @AfterAll
    static void stop() {
        if (kea != null) {
            kea.close();
        }
    }

    @Test
    void inProcessTheCommandReturnsOnlyOnceTheListIsRecorded() throws Exception {
        Path db = dir.resolve("in-process.db");
        Map<String, String> env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", db.toString());
        for (int run = 1; run <= 2; run++) {
            CliRun r = CliRun.run(env, "leases", "list", "--format", "json");
            assertThat(r.exit()).as(r.err()).isZero();
            assertEveryLeaseOnce(r.out());
            // Read right after the command returned: the recording thread must have committed by then.
            assertCacheHoldsTheList(db, run);
        }
    }

    @Test
    void parallelProcessesAndOneKilledWhileRecordingLeaveEachDeviceOnce() throws Exception {
        Path db = dir.resolve("parallel.db");
        Process victim = start(db, dir.resolve("victim.out"));
        List<Process> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(start(db, dir.resolve("p" + i + ".out")));
        }
        // SIGKILL as soon as the victim starts printing: the list is then being recorded beside the output.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (Files.size(dir.resolve("victim.out")) == 0 && victim.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        victim.destroyForcibly();
        assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < others.size(); i++) {
            Process p = others.get(i);
            assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("process %d ends", i).isTrue();
            assertThat(p.exitValue()).as(Files.readString(dir.resolve("p" + i + ".err"), StandardCharsets.UTF_8)).isZero();
            assertEveryLeaseOnce(Files.readString(dir.resolve("p" + i + ".out"), StandardCharsets.UTF_8));
        }
        Database.Inspection check = Database.inspect(db);
        assertThat(check.healthy()).as(check.problems()).isTrue();
        assertDevicesOnceEach(db);

        // Killed alone on a new cache, mid-recording: all of the list or none of it; the next run completes it.
        Path fresh = dir.resolve("killed-alone.db");
        Process alone = start(fresh, dir.resolve("alone.out"));
        while (Files.size(dir.resolve("alone.out")) == 0 && alone.isAlive()) {
            Thread.sleep(2);
        }
        alone.destroyForcibly();
        assertThat(alone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Database.inspect(fresh).healthy()).isTrue();
        int devices = count(fresh, "SELECT count(*) FROM device");
        assertThat(devices).as("devices after a kill mid-recording: all or none").isIn(0, distinctMacs());
        assertThat(count(fresh, "SELECT count(*) FROM lease_snapshot")).isEqualTo(devices == 0 ? 0 : LEASES);
        assertThat(count(fresh, "SELECT count(*) FROM lease_history")).isEqualTo(devices);
        Process again = start(fresh, dir.resolve("again.out"));
        assertThat(again.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).isZero();
        assertEveryLeaseOnce(Files.readString(dir.resolve("again.out"), StandardCharsets.UTF_8));
        assertDevicesOnceEach(fresh);
    }

    /** A {@code gatehouse leases list --format json} process, started as the launcher starts a command. */
    private static Process start(Path db, Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(e -> !e.contains("/org/openjfx/") && !e.contains("monocle")).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dfile.encoding=UTF-8", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath,
                Main.class.getName(), "--kea", kea.endpoint(), "--db", db.toString(), "leases", "list", "--format", "json");
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_"));
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        Files.deleteIfExists(out);
        Files.createFile(out);
        return pb.redirectOutput(out.toFile()).redirectError(out.resolveSibling(out.getFileName().toString().replace(".out", ".err")).toFile())
                .start();
    }

    private static void assertEveryLeaseOnce(String json) throws Exception {
        JsonNode arr = new ObjectMapper().readTree(json);
        assertThat(arr.size()).isEqualTo(LEASES);
        Set<String> ips = new HashSet<>();
        Map<String, String> hosts = new java.util.HashMap<>();
        arr.forEach(n -> {
            ips.add(n.get("ip").asText());
            hosts.put(n.get("ip").asText(), n.get("hostname").asText());
        });
        assertThat(ips).hasSize(LEASES);
        assertThat(hosts.get(leases.get(101).ip().toString())).isEqualTo("zoë-iphone-ünïcode-101");
    }

    private static void assertCacheHoldsTheList(Path db, int lists) throws Exception {
        assertDevicesOnceEach(db);
        assertThat(count(db, "SELECT number FROM lease_refresh")).isEqualTo(lists);
        assertThat(count(db, "SELECT count(*) FROM device WHERE present_from IS NULL")).as("devices not in the newest list").isZero();
    }

    /** Every device of the list once, with the one history row of its one lease; the stored list is Kea's. */
    private static void assertDevicesOnceEach(Path db) throws Exception {
        assertThat(count(db, "SELECT count(*) FROM device")).isEqualTo(distinctMacs());
        assertThat(count(db, "SELECT count(*) FROM lease_history")).as("history rows, one per device").isEqualTo(distinctMacs());
        assertThat(count(db, "SELECT count(*) FROM (SELECT mac FROM lease_history GROUP BY mac HAVING count(*) > 1)")).isZero();
        assertThat(count(db, "SELECT count(*) FROM lease_snapshot")).isEqualTo(LEASES);
        assertThat(count(db, "SELECT count(*) FROM lease_snapshot WHERE hostname LIKE 'zoë-iphone-ünïcode-%'"))
                .isEqualTo((LEASES + 100) / 101);
    }

    private static int distinctMacs() {
        Set<Long> macs = new HashSet<>();
        leases.forEach(l -> macs.add(l.mac().value()));
        return macs.size();
    }

    private static int count(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
