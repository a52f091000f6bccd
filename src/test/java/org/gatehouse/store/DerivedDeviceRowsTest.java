package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.junit.jupiter.api.Test;

/**
 * Device and history rows copied in SQL from the stored list (DerivedDeviceRows) against the same
 * rows bound one by one, on random refresh sequences: every column of every device and history
 * row must be the same, in the same order. Lists include every lease state Kea has, a device
 * holding two leases, hostnames in other scripts and with quotes, and (whole lists only) an
 * address listed twice, which must fall back to bound rows.
 */
class DerivedDeviceRowsTest {
    static final Instant T0 = Instant.parse("2026-12-08T08:00:00Z");
    static final Tier[] TIERS = {Tier.REGISTERED, Tier.NEWLY_UNREGISTERED, Tier.OLD_UNREGISTERED, Tier.OTHER};

    record Step(int gapSeconds, List<ClassifiedLease> leases, boolean asChanges) {
    }

    @Provide
    Arbitrary<List<Step>> refreshes() {
        Arbitrary<ClassifiedLease> lease = Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, 11),
                Arbitraries.of("", "phone", "Änna’s iPhone", "ключ\"'; DROP TABLE device; --", "客厅"), Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(0, 3), Arbitraries.of(LeaseState.values())).as((ip, dev, host, tier, cltt, state) ->
                new ClassifiedLease(new Lease(new Ipv4(0x0A000000L + ip), dev == 11 ? null : new Mac(0xF01898000000L + dev), host, 40 + ip % 2,
                        state, 1_700_000_000L + cltt * 600, 3600 + ip), TIERS[tier], null));
        Arbitrary<List<ClassifiedLease>> list = lease.list().ofMaxSize(14);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(1, 60, 1800, 3600), list, Arbitraries.of(false, true)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 80)
    void copiedRowsEqualBoundRows(@ForAll("refreshes") List<Step> steps) throws Exception {
        Path dir = Files.createTempDirectory("gh-derived-");
        try (Database copied = Database.open(dir.resolve("copied.db")); Database bound = Database.open(dir.resolve("bound.db"))) {
            ObservationStore a = new ObservationStore(copied, true);
            ObservationStore b = new ObservationStore(bound, false);
            Map<Ipv4, ClassifiedLease> previous = null;
            Instant at = T0;
            for (Step step : steps) {
                at = at.plusSeconds(step.gapSeconds());
                if (step.asChanges() && previous != null) {
                    // As a live screen sends them: one lease per address.
                    Map<Ipv4, ClassifiedLease> now = new LinkedHashMap<>();
                    step.leases().forEach(cl -> now.putIfAbsent(cl.lease().ip(), cl));
                    Map<Ipv4, ClassifiedLease> before = previous;
                    List<ClassifiedLease> upserts = now.values().stream().filter(cl -> !cl.equals(before.get(cl.lease().ip()))).toList();
                    List<Ipv4> gone = before.keySet().stream().filter(ip -> !now.containsKey(ip)).toList();
                    assertThat(a.recordChanges(upserts, gone, at)).isEqualTo(b.recordChanges(upserts, gone, at));
                    previous = now;
                } else {
                    assertThat(a.record(step.leases(), at)).isEqualTo(b.record(step.leases(), at));
                    previous = new HashMap<>();
                    for (ClassifiedLease cl : step.leases()) {
                        previous.put(cl.lease().ip(), cl); // the stored list keeps the last of an address listed twice
                    }
                }
                assertThat(rows(copied, "device ORDER BY rowid")).as("devices at %s", at).isEqualTo(rows(bound, "device ORDER BY rowid"));
                assertThat(rows(copied, "lease_history ORDER BY id")).as("history at %s", at).isEqualTo(rows(bound, "lease_history ORDER BY id"));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aNewCacheOfFiftyThousandDevicesGetsEveryRow() throws Exception {
        Path dir = Files.createTempDirectory("gh-derived-big-");
        try (Database db = Database.open(dir.resolve("c.db"))) {
            List<ClassifiedLease> leases = new ArrayList<>();
            for (int i = 0; i < 50_000; i++) {
                leases.add(new ClassifiedLease(new Lease(new Ipv4(0x0A000000L + i), new Mac(0xF01898000000L + i), "phone-" + i, 40,
                        LeaseState.DEFAULT, 1_700_000_000L, 3600), Tier.NEWLY_UNREGISTERED, null));
            }
            ObservationStore.Recorded r = new ObservationStore(db).record(leases, T0);
            assertThat(r.newDevices()).isEqualTo(50_000);
            assertThat(rows(db, "device WHERE last_state = 'default' AND last_tier = 'newly-unregistered'")).hasSize(50_000);
            assertThat(rows(db, "lease_history WHERE expires = " + (1_700_003_600L * 1000))).hasSize(50_000);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((x, y) -> y.compareTo(x)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<List<Object>> rows(Database db, String tableAndOrder) {
        return db.read((Connection c) -> {
            List<List<Object>> out = new ArrayList<>();
            try (var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + tableAndOrder)) {
                ResultSetMetaData m = rs.getMetaData();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        row.add(m.getColumnName(i) + "=" + rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }
}
