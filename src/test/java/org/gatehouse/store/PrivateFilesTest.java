package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.PrivateFiles;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.CacheService;
import org.gatehouse.policy.LeaseExport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache (with its -wal and -shm files), backups and every export are 0600 and the directories
 * Gatehouse creates for them 0700 — also when the process runs with umask 000, and also when the
 * file was there before, readable by everyone.
 */
class PrivateFilesTest {
    private static final String FILE = "rw-------";
    private static final String DIR = "rwx------";

    @TempDir
    Path dir;

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static void worldReadable(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
    }

    @Test
    void theCacheAndItsWalAndShmFilesArePrivateWhileInUse() throws Exception {
        Path file = dir.resolve("new/deeper/cache.db");
        try (Database db = Database.open(file)) {
            new ActionLog(db, "anna", "ws1").append(ActionLog.Draft.of(Instant.now(), "test", "Müller-Gerät").result(ActionLog.OK));
            assertThat(Path.of(file + "-wal")).exists();
            assertThat(Path.of(file + "-shm")).exists();
            assertThat(mode(file)).isEqualTo(FILE);
            assertThat(mode(Path.of(file + "-wal"))).isEqualTo(FILE);
            assertThat(mode(Path.of(file + "-shm"))).isEqualTo(FILE);
        }
        assertThat(mode(dir.resolve("new"))).isEqualTo(DIR);
        assertThat(mode(dir.resolve("new/deeper"))).isEqualTo(DIR);
    }

    @Test
    void aCacheAnOlderGatehouseLeftReadableIsNarrowedWhenOpened() throws Exception {
        Path file = dir.resolve("cache.db");
        Database.open(file).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (Database db = Database.open(file)) {
            new ActionLog(db, "anna", "ws1").append(ActionLog.Draft.of(Instant.now(), "test", "x").result(ActionLog.OK));
            assertThat(mode(file)).isEqualTo(FILE);
            assertThat(mode(Path.of(file + "-wal"))).isEqualTo(FILE);
        }
    }

    @Test
    void backupsAndExportsArePrivateEvenOverAFileEveryoneCouldRead() throws Exception {
        try (Database db = Database.open(dir.resolve("cache.db"))) {
            ActionLog log = new ActionLog(db, "anna", "ws1");
            AuditEntry row = log.append(ActionLog.Draft.of(Instant.now(), "approve", "f0:18:98:12:34:56").note("Zoë's phone")
                    .result(ActionLog.OK));
            CacheService cache = new CacheService(db, new CacheMaintenance(db), log, Clock.systemUTC());

            Path overwritten = dir.resolve("old-backup.db");
            worldReadable(overwritten, "stale");
            cache.backup(overwritten);
            Path fresh = dir.resolve("usb/2026/backup.db");
            cache.backup(fresh);
            assertThat(mode(overwritten)).isEqualTo(FILE);
            assertThat(mode(fresh)).isEqualTo(FILE);
            assertThat(mode(dir.resolve("usb"))).isEqualTo(DIR);
            assertThat(mode(dir.resolve("usb/2026"))).isEqualTo(DIR);
            assertThat(Database.inspect(fresh).healthy()).isTrue();

            List<Path> exports = new ArrayList<>();
            for (LeaseExport.Format f : LeaseExport.Format.values()) {
                Path p = dir.resolve("leases." + f.extension());
                worldReadable(p, "old");
                LeaseExport.write(p, f, List.of(new LeaseExport.Row(new ClassifiedLease(new Lease(Ipv4.parse("192.168.40.10"),
                        Mac.parse("8c:77:12:00:00:01"), "zoë", 40, LeaseState.DEFAULT, 1_800_000_000L, 86400), Tier.REGISTERED, null),
                        true, null, null)));
                exports.add(p);
            }
            AuditService audit = new AuditService(log, new ObservationStore(db));
            for (AuditService.ExportFormat f : AuditService.ExportFormat.values()) {
                Path p = dir.resolve("audit." + f.name().toLowerCase());
                worldReadable(p, "old");
                assertThat(audit.export(List.of(row), f, p)).isEqualTo(1);
                exports.add(p);
            }
            // the Reservations screen's export
            Path reservations = dir.resolve("reservations.csv");
            worldReadable(reservations, "old");
            PrivateFiles.writeAtomically(reservations, out -> out.write("mac,class\n".getBytes(StandardCharsets.UTF_8)));
            exports.add(reservations);

            for (Path p : exports) {
                assertThat(mode(p)).as(p.toString()).isEqualTo(FILE);
                assertThat(Files.readString(p)).as(p.toString()).isNotEqualTo("old");
            }
            assertThat(Files.readString(dir.resolve("audit.csv"))).contains("Zoë's phone");
        }
    }

    @Test
    void onlyRegularFilesAreEverNarrowed() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), shared);
        PrivateFiles.restrict(shared);
        PrivateFiles.restrict(link);
        PrivateFiles.restrict(Path.of(""));
        assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
        assertThat(mode(Path.of("").toAbsolutePath())).isNotEqualTo(FILE);
    }

    /** A real `gatehouse db backup` in its own JVM under umask 000: default cache location and the backup. */
    @Test
    void aRealRunWithUmask000StillCreatesPrivateFiles() throws Exception {
        Path xdg = dir.resolve("xdg");
        Path backup = dir.resolve("out/nested/cache-backup.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path control = dir.resolve("control");
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "umask 000 && touch '" + control + "' && exec \"$0\" \"$@\"", java,
                "-Duser.home=" + dir.resolve("home"), "-cp", System.getProperty("java.class.path"), "org.gatehouse.app.Main",
                "db", "backup", backup.toString());
        pb.environment().put("XDG_DATA_HOME", xdg.toString());
        pb.environment().remove("GATEHOUSE_DB");
        pb.environment().remove("GATEHOUSE_KEA");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();

        assertThat(mode(control)).as("the umask really was 000").isEqualTo("rw-rw-rw-");
        Path cache = xdg.resolve("gatehouse/cache.db");
        assertThat(cache).exists();
        assertThat(mode(xdg)).isEqualTo(DIR);
        assertThat(mode(xdg.resolve("gatehouse"))).isEqualTo(DIR);
        assertThat(mode(cache)).isEqualTo(FILE);
        assertThat(mode(backup)).isEqualTo(FILE);
        assertThat(mode(dir.resolve("out"))).isEqualTo(DIR);
        assertThat(mode(dir.resolve("out/nested"))).isEqualTo(DIR);
    }
}
