package org.gatehouse.ui.leases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import javafx.collections.ListChangeListener;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.LeaseFilter;
import org.gatehouse.policy.LeaseService;
import org.junit.jupiter.api.Test;

/** The table model's diff: rows kept by address, only real differences reach the list. */
class LeaseTableModelTest {
    private static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    private static ClassifiedLease lease(int host, String hostname) {
        return new ClassifiedLease(new Lease(Ipv4.parse("192.168.40.0").plus(host), new Mac(0xf01898000000L + host), hostname, 40,
                LeaseState.DEFAULT, T.getEpochSecond(), 86400), host < 128 ? Tier.REGISTERED : Tier.NEWLY_UNREGISTERED, "Apple, Inc.");
    }

    private static LeaseService.LeaseSnapshot snap(List<ClassifiedLease> leases) {
        return new LeaseService.LeaseSnapshot(T, true, leases);
    }

    /** Records every change event the list fires: "-ip" for a removed row, "+ip" for an added one. */
    private static List<String> events(LeaseTableModel m) {
        List<String> out = new ArrayList<>();
        m.rows().addListener((ListChangeListener<LeaseRow>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(r -> out.add("-" + r.ip()));
                c.getAddedSubList().forEach(r -> out.add("+" + r.ip()));
            }
        });
        return out;
    }

    private static LeaseTableModel.Plan refresh(LeaseTableModel m, List<ClassifiedLease> leases) {
        LeaseTableModel.Plan p = m.planRefresh(snap(leases), Map.of());
        assertThat(m.apply(p)).isTrue();
        return p;
    }

    @Test
    void addedChangedAndGoneLeasesBecomeExactlyThoseListChanges() {
        LeaseTableModel m = new LeaseTableModel();
        refresh(m, List.of(lease(10, "a"), lease(20, "b"), lease(30, "c"), lease(40, "d")));
        LeaseRow b = m.rows().get(1);
        List<String> events = events(m);

        LeaseTableModel.Plan p = refresh(m, List.of(lease(10, "a"), lease(20, "b-renamed"), lease(40, "d"), lease(25, "new")));

        assertThat(p.updated()).extracting(e -> e.row().ip()).containsExactly("192.168.40.20");
        assertThat(p.arrived()).extracting(LeaseRow::ip).containsExactly("192.168.40.25");
        assertThat(p.gone()).isEqualTo(1);
        assertThat(events).containsExactlyInAnyOrder("-192.168.40.30", "+192.168.40.25");
        assertThat(m.rows()).extracting(LeaseRow::ip).containsExactly("192.168.40.10", "192.168.40.20", "192.168.40.25", "192.168.40.40");
        assertThat(m.rows().get(1)).as("the changed lease keeps its row").isSameAs(b);
        assertThat(b.hostname()).isEqualTo("b-renamed");
    }

    @Test
    void aListOfTheSameSizeWithOneAddressTwiceIsNotTakenAsUnchanged() {
        LeaseTableModel m = new LeaseTableModel();
        refresh(m, List.of(lease(10, "a"), lease(20, "b")));
        LeaseTableModel.Plan p = refresh(m, List.of(lease(10, "a"), lease(10, "a")));
        assertThat(p.gone()).isEqualTo(1);
        assertThat(m.rows()).extracting(LeaseRow::ip).containsExactly("192.168.40.10");
    }

    @Test
    void anUnchangedRefreshChangesNothing() {
        LeaseTableModel m = new LeaseTableModel();
        List<ClassifiedLease> leases = List.of(lease(10, "a"), lease(20, "b"));
        refresh(m, leases);
        List<String> events = events(m);
        LeaseTableModel.Plan p = refresh(m, new ArrayList<>(leases));
        assertThat(p.changedCount()).isZero();
        assertThat(events).isEmpty();
    }

    @Test
    void aRowWhoseSortKeyChangedMovesAndNothingElseDoes() {
        LeaseTableModel m = new LeaseTableModel();
        refresh(m, List.of(lease(10, "a"), lease(20, "b"), lease(30, "c"), lease(40, "d")));
        m.apply(m.planView(m.params().withSort(List.of(new LeaseTableModel.SortKey(LeaseColumn.HOSTNAME, true))), Map.of(), () -> false));
        List<String> events = events(m);
        refresh(m, List.of(lease(10, "a"), lease(20, "z"), lease(30, "c"), lease(40, "d")));
        assertThat(m.rows()).extracting(LeaseRow::hostname).containsExactly("a", "c", "d", "z");
        assertThat(events).containsExactlyInAnyOrder("-192.168.40.20", "+192.168.40.20");
    }

    @Test
    void searchAndFiltersKeepTheSortOrderAndCount() {
        LeaseTableModel m = new LeaseTableModel();
        refresh(m, List.of(lease(200, "pi"), lease(10, "anna-iphone"), lease(130, "guest")));
        LeaseTableModel.Params p = m.params().withFilter(new LeaseFilter("f0:18:98:00:00", Tier.NEWLY_UNREGISTERED, null));
        m.apply(m.planView(p, Map.of(), () -> false));
        assertThat(m.rows()).extracting(LeaseRow::hostname).containsExactly("guest", "pi");
        assertThat(m.visibleCount()).isEqualTo(2);
        assertThat(m.totalCount()).isEqualTo(3);
        // A refresh keeps applying the filter.
        refresh(m, List.of(lease(200, "pi"), lease(10, "anna-iphone"), lease(130, "guest"), lease(150, "new")));
        assertThat(m.rows()).extracting(LeaseRow::hostname).containsExactly("guest", "new", "pi");
    }

    @Test
    void aSupersededSearchStopsAndAPlanFromAnOldStateIsRefused() {
        LeaseTableModel m = new LeaseTableModel();
        List<ClassifiedLease> many = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(new ClassifiedLease(new Lease(new Ipv4(0x0A640000L + i), new Mac(0x3c22fb000000L + i), "h" + i, 100,
                    LeaseState.DEFAULT, 0, 60), Tier.OTHER, null));
        }
        refresh(m, many);
        assertThatThrownBy(() -> m.planView(m.params().withFilter(new LeaseFilter("h99", null, null)), Map.of(), () -> true))
                .isInstanceOf(CancellationException.class);
        LeaseTableModel.Plan stale = m.planView(m.params().withFilter(new LeaseFilter("h99", null, null)), Map.of(), () -> false);
        refresh(m, many.subList(0, 5));
        assertThat(m.apply(stale)).isFalse();
        assertThat(m.rows()).hasSize(5);
    }

    @Test
    void theOnePassEditForAKeystrokeIsTheSameAsTheGeneralOne() {
        java.util.Random r = new java.util.Random(11);
        List<LeaseTableModel.Entry> order = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            RowData d = new RowData(lease(i % 250, "h" + i), false, "40");
            order.add(new LeaseTableModel.Entry(new LeaseRow(d), d));
        }
        for (int round = 0; round < 50; round++) {
            List<LeaseRow> base = new ArrayList<>();
            List<LeaseRow> next = new ArrayList<>();
            int keepBase = r.nextInt(4);
            int keepNext = r.nextInt(4);
            for (LeaseTableModel.Entry e : order) {
                if (r.nextInt(4) <= keepBase) {
                    base.add(e.row());
                }
                if (r.nextInt(4) <= keepNext) {
                    next.add(e.row());
                }
            }
            RowList.Edit general = LeaseTableModel.diff(base, next);
            RowList.Edit along = LeaseTableModel.diffAlong(order, base, next);
            assertThat(along.removed()).isEqualTo(general.removed());
            assertThat(along.added()).isEqualTo(general.added());
            assertThat(along.removedCount()).isEqualTo(general.removedCount());
            assertThat(along.addedCount()).isEqualTo(general.addedCount());
        }
    }

    @Test
    void sortingBySeenTimesUsesTheCache() {
        LeaseTableModel m = new LeaseTableModel();
        refresh(m, List.of(lease(10, "a"), lease(20, "b")));
        Map<Mac, LeaseService.Seen> seen = Map.of(new Mac(0xf01898000000L + 10), new LeaseService.Seen(T.plusSeconds(60), T.plusSeconds(60)),
                new Mac(0xf01898000000L + 20), new LeaseService.Seen(T, T));
        m.apply(m.planView(m.params().withSort(List.of(new LeaseTableModel.SortKey(LeaseColumn.FIRST_SEEN, true))), seen, () -> false));
        assertThat(m.rows()).extracting(LeaseRow::hostname).containsExactly("b", "a");
    }

    @Test
    void withSeveralServersARowFollowsWhoHoldsItsLeaseAndWhetherTheyDiffer() {
        LeaseTableModel m = new LeaseTableModel();
        List<ClassifiedLease> leases = List.of(lease(10, "beamer"), lease(20, "tablet"));
        Map<Long, LeaseTableModel.Held> both = Map.of(leases.get(0).lease().ip().value(), new LeaseTableModel.Held("server1, server2", null),
                leases.get(1).lease().ip().value(), new LeaseTableModel.Held("server2", null));
        assertThat(m.apply(m.planRefresh(snap(leases), both, Map.of()))).isTrue();
        LeaseRow beamer = m.rows().get(0);
        assertThat(LeaseColumn.SERVERS.text(beamer.data(), 0, Map.of(), java.time.ZoneOffset.UTC)).isEqualTo("server1, server2");
        assertThat(LeaseColumn.SERVERS.text(m.rows().get(1).data(), 0, Map.of(), java.time.ZoneOffset.UTC)).isEqualTo("server2");

        // the same leases, but now the peers disagree about the beamer's: the row (the same one) is updated and flagged
        Map<Long, LeaseTableModel.Held> differ = Map.of(leases.get(0).lease().ip().value(),
                new LeaseTableModel.Held("server1, server2", "server2 has MAC 02:00:00:00:00:99 (not f0:18:98:00:00:0a)"),
                leases.get(1).lease().ip().value(), new LeaseTableModel.Held("server2", null));
        LeaseTableModel.Plan p = m.planRefresh(snap(leases), differ, Map.of());
        assertThat(p.updated()).extracting(e -> e.row()).containsExactly(beamer);
        assertThat(m.apply(p)).isTrue();
        assertThat(m.rows().get(0)).isSameAs(beamer);
        assertThat(LeaseColumn.SERVERS.text(beamer.data(), 0, Map.of(), java.time.ZoneOffset.UTC)).isEqualTo("⚠ server1, server2 differ");
        assertThat(beamer.data().difference()).contains("server2 has MAC");
        // one server: no holders, the column is not shown and reads empty
        assertThat(LeaseColumn.shown(false)).doesNotContain(LeaseColumn.SERVERS);
        assertThat(LeaseColumn.shown(true)).endsWith(LeaseColumn.SERVERS);
    }
}
