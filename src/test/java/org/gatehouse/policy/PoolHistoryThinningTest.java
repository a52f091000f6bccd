package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import org.gatehouse.store.Database;
import org.gatehouse.store.PoolSamples;
import org.gatehouse.testing.HistoryGenerator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 90 days of 5,000 devices on 20 guest subnets (60 pools), a sample per pool and minute, written
 * day by day with the real thinning after each day, plus the last 15 minutes of raw lease events of
 * 640 devices renewing every 30 s (the worst case the anomaly checks keep): the cache stays under
 * 20 MB (16.0 MB measured; a weekly VACUUM packs it further), keeps a minute's resolution for the
 * last 2 days and an hour's before, and nothing older than 90 days.
 */
@Tag("slow")
class PoolHistoryThinningTest {
    static final long LIMIT_BYTES = 20L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void ninetyDaysOfFiveThousandDevicesStayUnderTwentyMegabytes() {
        Instant end = Instant.parse("2026-12-07T12:00:00Z");
        try (Database db = Database.open(dir.resolve("c.db"))) {
            new HistoryGenerator(db, 20, 5000).generate(end, 91);
            // The generator writes a day per transaction; the console and sync write a minute's rows at a time, so
            // their WAL stays small: measured after a checkpoint, as SQLite does every 1,000 pages.
            db.read(c -> c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)"));
            long bytes = db.sizeOnDisk();
            System.out.printf("pool history, 91 days generated, 5,000 devices, 60 pools: %.1f MB on disk%n", bytes / 1048576.0);
            assertThat(bytes).isLessThan(LIMIT_BYTES);

            long minuteRows = count(db, "SELECT count(*) FROM pool_sample WHERE hourly = 0");
            long hourlyRows = count(db, "SELECT count(*) FROM pool_sample WHERE hourly = 1");
            long oldestMinute = count(db, "SELECT min(at) FROM pool_sample WHERE hourly = 0");
            long oldest = count(db, "SELECT min(at) FROM pool_sample");
            // Minute rows only in the last 2 days (thinned by whole hours), hourly rows back to 90 days, nothing older.
            assertThat(Instant.ofEpochMilli(oldestMinute)).isAfterOrEqualTo(end.minus(PoolSamples.MINUTE_KEPT).minus(Duration.ofHours(1)));
            assertThat(minuteRows).isBetween(60L * 60 * 47, 60L * 60 * 49);
            assertThat(Instant.ofEpochMilli(oldest)).isAfterOrEqualTo(end.minus(PoolSamples.KEPT));
            assertThat(hourlyRows).isBetween(60L * 24 * 87, 60L * 24 * 89);
            // An hourly row is the average of its hour, its peak the hour's highest.
            assertThat(count(db, "SELECT count(*) FROM pool_sample WHERE peak < used")).isZero();
        }
    }

    private static long count(Database db, String sql) {
        return db.read(c -> {
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                return rs.getLong(1);
            }
        });
    }
}
