package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

/**
 * Old against new on random refresh sequences: the cache before migration 007 (every device
 * stamped on every refresh, {@link LegacyObservations}) and the presence-interval cache must give
 * the same first seen, last seen and times seen, and so the same aging answer (unregistered
 * devices first seen 30 minutes ago or more). The new cache gets each list either whole
 * ({@code record}) or as its changes ({@code recordChanges}, as a live screen sends them).
 */
class PresenceEquivalenceTest {
    static final Duration AGING = Duration.ofMinutes(30);
    static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    static final Tier[] TIERS = {Tier.REGISTERED, Tier.NEWLY_UNREGISTERED, Tier.OLD_UNREGISTERED};

    /** One refresh: seconds since the previous one, the list, and whether the new cache gets only the changes. */
    record Step(int gapSeconds, List<ClassifiedLease> leases, boolean asChanges) {
    }

    @Provide
    Arbitrary<List<Step>> refreshes() {
        // 12 devices on 16 addresses: devices come and go, move address and tier, rename, renew; each address at most once.
        Arbitrary<ClassifiedLease> lease = Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, 11),
                Arbitraries.of("", "phone", "Änna’s iPhone"), Arbitraries.integers().between(0, 2), Arbitraries.longs().between(0, 3),
                Arbitraries.integers().between(0, 9)).as((ip, dev, host, tier, cltt, state) -> new ClassifiedLease(
                new Lease(new Ipv4(0x0A000000L + ip), dev == 11 ? null : new Mac(0xF01898000000L + dev), host, 40,
                        state == 0 ? LeaseState.EXPIRED_RECLAIMED : LeaseState.DEFAULT, 1_700_000_000L + cltt * 600, 3600), TIERS[tier], null));
        Arbitrary<List<ClassifiedLease>> list = lease.list().ofMaxSize(14).map(PresenceEquivalenceTest::onePerAddress);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(1, 5, 60, 600, 1200, 1799, 1800, 1801, 3600), list,
                Arbitraries.of(false, true)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(12);
    }

    private static List<ClassifiedLease> onePerAddress(List<ClassifiedLease> leases) {
        Map<Ipv4, ClassifiedLease> byIp = new LinkedHashMap<>();
        leases.forEach(cl -> byIp.putIfAbsent(cl.lease().ip(), cl));
        return List.copyOf(byIp.values());
    }

    @Property(tries = 60)
    void oldAndNewCachesAgreeOnSightingsAndAging(@ForAll("refreshes") List<Step> steps) throws Exception {
        Path dir = Files.createTempDirectory("gh-presence-");
        try (Database db = Database.open(dir.resolve("new.db"));
             Connection oldDb = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("old.db"))) {
            ObservationStore store = new ObservationStore(db);
            LegacyObservations legacy = new LegacyObservations(oldDb);
            Map<Ipv4, ClassifiedLease> previous = null;
            Set<Mac> severalLeases = new HashSet<>();
            Instant at = T0;
            for (Step step : steps) {
                at = at.plusSeconds(step.gapSeconds());
                Map<Ipv4, ClassifiedLease> now = new LinkedHashMap<>();
                Map<Mac, Integer> perMac = new HashMap<>();
                for (ClassifiedLease cl : step.leases()) {
                    now.put(cl.lease().ip(), cl);
                    if (cl.lease().mac() != null && perMac.merge(cl.lease().mac(), 1, Integer::sum) > 1) {
                        severalLeases.add(cl.lease().mac());
                    }
                }
                legacy.record(step.leases(), at);
                if (step.asChanges() && previous != null) {
                    Map<Ipv4, ClassifiedLease> before = previous;
                    List<ClassifiedLease> upserts = step.leases().stream().filter(cl -> !cl.equals(before.get(cl.lease().ip()))).toList();
                    List<Ipv4> gone = before.keySet().stream().filter(ip -> !now.containsKey(ip)).toList();
                    store.recordChanges(upserts, gone, at);
                } else {
                    store.record(step.leases(), at);
                }
                previous = now;
                compare(store, legacy, step.leases(), at, severalLeases);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void compare(ObservationStore store, LegacyObservations legacy, List<ClassifiedLease> list, Instant at,
                                Set<Mac> severalLeases) throws Exception {
        Map<Mac, long[]> old = legacy.devices();
        Map<Mac, ObservationStore.Device> neu = store.devices();
        assertThat(neu.keySet()).as("devices known at %s", at).isEqualTo(old.keySet());
        for (Map.Entry<Mac, long[]> e : old.entrySet()) {
            ObservationStore.Device d = neu.get(e.getKey());
            assertThat(d.firstSeen().toEpochMilli()).as("first seen of %s at %s", e.getKey(), at).isEqualTo(e.getValue()[0]);
            assertThat(d.lastSeen().toEpochMilli()).as("last seen of %s at %s", e.getKey(), at).isEqualTo(e.getValue()[1]);
            if (!severalLeases.contains(e.getKey())) {
                // (the old cache counted a device holding two changed leases twice in one refresh)
                assertThat((long) d.timesSeen()).as("times seen of %s at %s", e.getKey(), at).isEqualTo(e.getValue()[2]);
                assertThat(d.lastTier()).as("tier of %s at %s", e.getKey(), at).isEqualTo(legacy.tierOf(e.getKey()));
            }
        }
        Map<Mac, Instant> firstNew = new HashMap<>();
        neu.forEach((mac, d) -> firstNew.put(mac, d.firstSeen()));
        Map<Mac, Instant> firstOld = new HashMap<>();
        old.forEach((mac, v) -> firstOld.put(mac, Instant.ofEpochMilli(v[0])));
        assertThat(aged(list, firstNew, at)).as("aging answer at %s", at).isEqualTo(aged(list, firstOld, at));
        assertThat(store.lastSnapshot().orElseThrow().rows()).extracting(r -> r.lease().ip())
                .containsExactlyInAnyOrderElementsOf(list.stream().map(cl -> cl.lease().ip()).toList());
    }

    /** The aging rule (AgingService): newly-unregistered, assigned, first seen at or before now minus 30 minutes. */
    private static Set<Mac> aged(List<ClassifiedLease> list, Map<Mac, Instant> firstSeen, Instant at) {
        Set<Mac> out = new TreeSet<>();
        for (ClassifiedLease cl : list) {
            Lease l = cl.lease();
            if (l.mac() != null && l.state() == LeaseState.DEFAULT && cl.tier() == Tier.NEWLY_UNREGISTERED
                    && !firstSeen.get(l.mac()).isAfter(at.minus(AGING))) {
                out.add(l.mac());
            }
        }
        return out;
    }
}
