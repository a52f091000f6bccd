package org.gatehouse.ui.leases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.ObservableList;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.LeaseFilter;
import org.gatehouse.policy.LeaseService;

/**
 * The lease table's rows, kept by address. The work is split so that 50,000 rows never stall
 * the FX thread: {@link #planRefresh} and {@link #planView} run on a background thread against an
 * immutable {@link State} and return a {@link Plan} (which rows changed, arrived, left, and the
 * list edit); {@link #apply} runs on the FX thread and only sets the changed rows' data and
 * applies the edit. Plans are computed one at a time, each from the state the previous one left.
 */
public final class LeaseTableModel {

    public record SortKey(LeaseColumn column, boolean ascending) {
    }

    /** What the table shows of the data: the filter and the sort order. */
    public record Params(LeaseFilter filter, List<SortKey> sort) {
        public static final Params DEFAULT = new Params(LeaseFilter.ALL, List.of(new SortKey(LeaseColumn.IP, true)));

        public Params {
            sort = List.copyOf(sort);
        }

        public Params withFilter(LeaseFilter f) {
            return new Params(f, sort);
        }

        public Params withSort(List<SortKey> s) {
            return new Params(filter, s);
        }
    }

    /** A row and the data it will show once the plan is applied. */
    record Entry(LeaseRow row, RowData data) {
    }

    /** Everything the table holds, as of the last applied plan; {@code index} is {@code sorted}'s. Never changed after it is built. */
    record State(Map<Long, Entry> entries, List<Entry> sorted, SearchIndex index, List<LeaseRow> visible, Params params) {
        static final State EMPTY = new State(Map.of(), List.of(), SearchIndex.EMPTY, List.of(), Params.DEFAULT);
    }

    /** The outcome of a background pass, applied on the FX thread. */
    public record Plan(State base, State next, List<Entry> updated, List<LeaseRow> arrived, int gone, RowList.Edit edit) {
        public int changedCount() {
            return updated.size() + arrived.size() + gone;
        }
    }

    private final RowList rows = new RowList();
    private final Map<String, String> lowerCaseVendors = new ConcurrentHashMap<>();
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();
    private volatile State state = State.EMPTY;

    /** The rows the table shows, in display order. */
    public ObservableList<LeaseRow> rows() {
        return rows;
    }

    RowList rowList() {
        return rows;
    }

    /**
     * Moves whenever rows changed in place (new data, flashing on or off): the cells on screen
     * listen to this one value and redraw if their row changed, instead of every row carrying properties.
     */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** FX thread: tells the cells on screen that rows changed in place. */
    void rowsChanged() {
        revision.set(revision.get() + 1);
    }

    /** True while an applied plan is being announced to the list's listeners. */
    boolean applying() {
        return rows.applying();
    }

    State state() {
        return state;
    }

    public int totalCount() {
        return state.entries().size();
    }

    public int visibleCount() {
        return state.visible().size();
    }

    public Params params() {
        return state.params();
    }

    /** Every row's data, in display order of the whole (unfiltered) list. */
    public List<RowData> allData() {
        return state.sorted().stream().map(Entry::data).toList();
    }

    /** The data of the rows shown (filtered), in display order. */
    public List<RowData> visibleData() {
        State s = state;
        return s.visible().stream().map(r -> s.entries().get(r.key()).data()).toList();
    }

    /**
     * Background: merges a new lease list into the current rows, keyed by address. Rows whose
     * lease is unchanged keep their data (and search text); changed ones get new data.
     */
    public Plan planRefresh(LeaseService.LeaseSnapshot snap, Map<Mac, LeaseService.Seen> seen) {
        return planRefresh(snap, null, seen);
    }

    /** Which servers hold a lease and how they differ (several servers; see {@link org.gatehouse.policy.MergedLeases}). */
    public record Held(String servers, String difference) {
    }

    /** The same with several servers: {@code held} by address (null with one server). */
    public Plan planRefresh(LeaseService.LeaseSnapshot snap, Map<Long, Held> held, Map<Mac, LeaseService.Seen> seen) {
        State s = state;
        Params p = s.params();
        Map<Long, String> labels = new HashMap<>();
        if (unchanged(s, snap, held, labels) && p.sort().stream().noneMatch(k -> k.column().readsSeen())) {
            // The usual refresh of a quiet site: nothing to merge, re-sort or re-index (and nothing to collect later).
            return new Plan(s, s, List.of(), List.of(), 0, new RowList.Edit(s.visible(), s.visible(), new boolean[0], new boolean[0], 0, 0));
        }
        Map<Long, Entry> next = new HashMap<>(Math.max(16, snap.leases().size() * 2));
        List<Entry> updated = new ArrayList<>();
        List<LeaseRow> arrived = new ArrayList<>();
        for (ClassifiedLease cl : snap.leases()) {
            long ip = cl.lease().ip().value();
            if (next.containsKey(ip)) {
                continue;
            }
            long subnetId = cl.lease().subnetId();
            String subnet = labels.computeIfAbsent(subnetId, id -> label(id, snap.subnets()));
            boolean reserved = snap.reserved(cl);
            Held h = held == null ? null : held.get(ip);
            Entry old = s.entries().get(ip);
            if (old != null && old.data().reserved() == reserved && old.data().subnet().equals(subnet) && old.data().lease().equals(cl)
                    && sameHolders(old.data(), h)) {
                next.put(ip, old);
                continue;
            }
            RowData d = h == null ? new RowData(cl, reserved, subnet) : new RowData(cl, reserved, subnet, h.servers(), h.difference());
            if (old != null) {
                Entry e = new Entry(old.row(), d);
                updated.add(e);
                next.put(ip, e);
            } else {
                LeaseRow row = new LeaseRow(d);
                arrived.add(row);
                next.put(ip, new Entry(row, d));
            }
        }
        int gone = s.entries().size() + arrived.size() - next.size();
        List<Entry> order = new ArrayList<>(next.size());
        for (Entry e : s.sorted()) {
            Entry n = next.get(e.row().key());
            if (n != null && n.row() == e.row()) {
                order.add(n);
            }
        }
        for (LeaseRow r : arrived) {
            order.add(next.get(r.key()));
        }
        sort(order, p.sort(), seen);
        SearchIndex index = SearchIndex.build(order, lowerCaseVendors);
        List<LeaseRow> visible = filter(order, index, p.filter(), () -> false);
        State ns = new State(Collections.unmodifiableMap(next), Collections.unmodifiableList(order), index, visible, p);
        return new Plan(s, ns, updated, arrived, gone, diff(s.visible(), visible));
    }

    /**
     * Background: the rows shown for new params (a search keystroke, a filter, a sort). Stops
     * early, throwing {@link CancellationException}, once {@code cancelled} turns true.
     */
    public Plan planView(Params p, Map<Mac, LeaseService.Seen> seen, BooleanSupplier cancelled) {
        State s = state;
        List<Entry> order = s.sorted();
        SearchIndex index = s.index();
        if (!p.sort().equals(s.params().sort()) || p.sort().stream().anyMatch(k -> k.column().readsSeen())) {
            order = new ArrayList<>(order);
            sort(order, p.sort(), seen);
            order = Collections.unmodifiableList(order);
            index = SearchIndex.build(order, lowerCaseVendors);
        }
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("superseded");
        }
        List<LeaseRow> visible = filter(order, index, p.filter(), cancelled);
        State ns = new State(s.entries(), order, index, visible, p);
        // Same order as before (a keystroke): both lists are subsequences of it, so one walk finds the edit.
        RowList.Edit edit = order == s.sorted() ? diffAlong(order, s.visible(), visible) : diff(s.visible(), visible);
        return new Plan(s, ns, List.of(), List.of(), 0, edit);
    }

    /** True when {@code snap} holds exactly the leases of {@code s}, each as the row shows it. */
    private static boolean unchanged(State s, LeaseService.LeaseSnapshot snap, Map<Long, Held> held, Map<Long, String> labels) {
        if (snap.leases().size() != s.entries().size()) {
            return false;
        }
        long[] ips = new long[snap.leases().size()];
        int i = 0;
        for (ClassifiedLease cl : snap.leases()) {
            Entry old = s.entries().get(cl.lease().ip().value());
            String subnet = labels.computeIfAbsent(cl.lease().subnetId(), id -> label(id, snap.subnets()));
            if (old == null || old.data().reserved() != snap.reserved(cl) || !old.data().subnet().equals(subnet)
                    || !old.data().lease().equals(cl) || !sameHolders(old.data(), held == null ? null : held.get(cl.lease().ip().value()))) {
                return false;
            }
            ips[i++] = cl.lease().ip().value();
        }
        // Every address once: then the list is the same set of rows, not one row twice and another gone.
        Arrays.sort(ips);
        for (int j = 1; j < ips.length; j++) {
            if (ips[j] == ips[j - 1]) {
                return false;
            }
        }
        return true;
    }

    /** The edit between two subsequences of {@code order} ({@link RowEdits#along}). */
    static RowList.Edit diffAlong(List<Entry> order, List<LeaseRow> base, List<LeaseRow> next) {
        return RowEdits.along(order, base, next);
    }

    private static boolean sameHolders(RowData d, Held h) {
        return h == null ? d.servers() == null && d.difference() == null
                : java.util.Objects.equals(d.servers(), h.servers()) && java.util.Objects.equals(d.difference(), h.difference());
    }

    /** FX thread: applies a plan made from the current state; false (and nothing done) if the state moved on. */
    public boolean apply(Plan plan) {
        if (plan.base() != state) {
            return false;
        }
        for (Entry e : plan.updated()) {
            e.row().update(e.data());
        }
        rows.apply(plan.edit());
        state = plan.next();
        if (!plan.updated().isEmpty()) {
            rowsChanged();
        }
        return true;
    }

    static String label(long id, Map<Long, String> subnets) {
        String cidr = subnets.get(id);
        return cidr == null ? Long.toString(id) : id + " · " + cidr;
    }

    private static void sort(List<Entry> order, List<SortKey> keys, Map<Mac, LeaseService.Seen> seen) {
        Map<Mac, Instant> first = Map.of();
        Map<Mac, Instant> last = Map.of();
        if (keys.stream().anyMatch(k -> k.column().readsSeen()) && seen != null) {
            // A copy: later refreshes move "last seen" while we sort, which would break the sort's contract.
            first = new HashMap<>();
            last = new HashMap<>();
            for (Entry e : order) {
                Mac mac = e.data().lease().lease().mac();
                LeaseService.Seen t = mac == null ? null : seen.get(mac);
                if (t != null) {
                    first.put(mac, t.first());
                    last.put(mac, t.last());
                }
            }
        }
        Comparator<RowData> c = null;
        for (SortKey k : keys) {
            Comparator<RowData> one = k.column().comparator(first, last);
            if (!k.ascending()) {
                one = one.reversed();
            }
            c = c == null ? one : c.thenComparing(one);
        }
        Comparator<RowData> byIp = Comparator.comparingLong(RowData::ipValue);
        Comparator<RowData> total = c == null ? byIp : c.thenComparing(byIp);
        order.sort(Comparator.comparing(Entry::data, total));
    }

    private static List<LeaseRow> filter(List<Entry> order, SearchIndex index, LeaseFilter f, BooleanSupplier cancelled) {
        List<LeaseRow> out = new ArrayList<>(f.isAll() ? order.size() : Math.min(order.size(), 1024));
        if (f.isAll()) {
            for (Entry e : order) {
                out.add(e.row());
            }
            return Collections.unmodifiableList(out);
        }
        boolean[] hit = index.matches(f, cancelled);
        for (int i = 0; i < hit.length; i++) {
            if (hit[i]) {
                out.add(order.get(i).row());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The list edit from {@code base} to {@code next} ({@link RowEdits#between}). */
    static RowList.Edit diff(List<LeaseRow> base, List<LeaseRow> next) {
        return RowEdits.between(base, next);
    }
}
