package org.gatehouse.ui.leases;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.LeaseExport;
import org.gatehouse.policy.LeaseFilter;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.shell.ShellViewModel;

/**
 * The Leases screen's state. Fetching runs on the context's task runner every
 * {@code refreshSeconds}; each result is merged into the table by a background pass (see
 * {@link LeaseTableModel}) and only the differences reach the FX thread. Search and filters run
 * the same way, one pass at a time, a newer keystroke cancelling the pass in progress. When Kea
 * cannot be reached the rows stay (stale), and reconnecting backs off exponentially.
 */
public final class LeasesViewModel {
    /** How long a changed row stays highlighted. */
    static final Duration FLASH = Duration.ofMillis(1500);
    /** Backoff after failures: the refresh interval doubling each time, at most this. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** A refresh that changes more rows than this fraction (e.g. the first live one after the cache) flashes none. */
    private static final double FLASH_AT_MOST = 0.2;
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ConsoleContext context;
    private final ShellViewModel shell;
    private final ZoneId zone;
    private final LeaseTableModel model = new LeaseTableModel();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Tier> tier = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> subnet = new SimpleObjectProperty<>();
    private final ObjectProperty<LeaseState> state = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final BooleanProperty offline = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final LongProperty now;
    private final ObjectProperty<Instant> asOf = new SimpleObjectProperty<>();
    private final IntegerProperty reconnectIn = new SimpleIntegerProperty(-1);
    private final ReadOnlyIntegerWrapper seenVersion = new ReadOnlyIntegerWrapper();
    private final ObservableList<Long> subnets = FXCollections.observableArrayList();
    private final AtomicInteger viewGeneration = new AtomicInteger();
    private final List<LeaseRow> flashing = new ArrayList<>();
    private List<LeaseTableModel.SortKey> sort = LeaseTableModel.Params.DEFAULT.sort();
    private volatile Map<Mac, LeaseService.Seen> seen = Map.of();
    private Map<Long, String> subnetCidrs = Map.of();
    private Instant flashedAt = Instant.EPOCH;
    private Instant lastFetch = Instant.EPOCH;
    private Instant nextAttempt = Instant.EPOCH;
    private int failures;
    private String offlineWhy = "";
    private boolean running;
    private boolean fetching;
    private boolean computing;
    private boolean viewDirty;
    private boolean triedCache;
    private LeaseService.LeaseSnapshot pendingSnapshot;
    private long lastPlanNanos;

    public LeasesViewModel(ConsoleContext context, ShellViewModel shell) {
        this(context, shell, ZoneId.systemDefault());
    }

    public LeasesViewModel(ConsoleContext context, ShellViewModel shell, ZoneId zone) {
        this.context = context;
        this.shell = shell;
        this.zone = zone;
        this.now = new SimpleLongProperty(context.clock().instant().getEpochSecond());
        search.addListener((o, a, b) -> viewChanged());
        tier.addListener((o, a, b) -> viewChanged());
        subnet.addListener((o, a, b) -> viewChanged());
        state.addListener((o, a, b) -> viewChanged());
        if (!context.connected()) {
            message.set("No Kea is configured. Start Gatehouse with --kea URI (or set GATEHOUSE_KEA), or try ./gatehouse demo.");
        }
    }

    // --- what the view binds to

    /** The rows shown, filtered and sorted, in display order. */
    public ObservableList<LeaseRow> visibleRows() {
        return model.rows();
    }

    public LeaseTableModel model() {
        return model;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<Tier> tierProperty() {
        return tier;
    }

    public ObjectProperty<Long> subnetProperty() {
        return subnet;
    }

    public ObjectProperty<LeaseState> stateProperty() {
        return state;
    }

    /** The subnet ids seen, for the subnet filter. */
    public ObservableList<Long> subnets() {
        return subnets;
    }

    /** True while a fetch from Kea is in flight. */
    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** True while the rows shown come from the cache or an earlier fetch because Kea is unreachable. */
    public BooleanProperty staleProperty() {
        return stale;
    }

    /** True after a failed fetch until the next one succeeds. */
    public BooleanProperty offlineProperty() {
        return offline;
    }

    /** A warning: Kea unreachable, a failed action. Empty when all is well. */
    public StringProperty messageProperty() {
        return message;
    }

    /** The outcome of the last action (released, exported). */
    public StringProperty noticeProperty() {
        return notice;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    /** Epoch seconds, ticking; expiry countdowns bind to it. */
    public LongProperty nowProperty() {
        return now;
    }

    /** When the data shown was true. */
    public ObjectProperty<Instant> asOfProperty() {
        return asOf;
    }

    /** Seconds until the next reconnect attempt, or -1 while connected. */
    public IntegerProperty reconnectInProperty() {
        return reconnectIn;
    }

    /** Moves whenever the cache's first/last-seen times were updated. */
    public ReadOnlyIntegerProperty seenVersionProperty() {
        return seenVersion.getReadOnlyProperty();
    }

    /** First and last sighting per MAC, from the cache. */
    public Map<Mac, LeaseService.Seen> seen() {
        return seen;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Nanoseconds the last applied background pass took on the FX thread (for the benchmark). */
    public long lastApplyNanos() {
        return lastPlanNanos;
    }

    /** True while nothing is fetched or computed and no change waits (tests, benchmark). */
    public boolean idle() {
        return !fetching && !computing && !viewDirty && pendingSnapshot == null;
    }

    // --- lifecycle

    public void start() {
        running = true;
        if (context.connected()) {
            refresh();
        }
    }

    public void stop() {
        running = false;
    }

    /** Called every second: ticks countdowns, ends flashes, and starts a refresh or reconnect when due. */
    public void tick(Instant at) {
        now.set(at.getEpochSecond());
        if (!flashing.isEmpty() && !at.isBefore(flashedAt.plus(FLASH))) {
            flashing.forEach(r -> r.flash(false));
            flashing.clear();
        }
        if (!running || !context.connected() || fetching) {
            return;
        }
        if (failures > 0) {
            long wait = Math.max(0, Duration.between(at, nextAttempt).toMillis() + 999) / 1000;
            reconnectIn.set((int) wait);
            showOffline();
            if (!at.isBefore(nextAttempt)) {
                refresh();
            }
        } else if (!at.isBefore(lastFetch.plusSeconds(Math.max(1, context.refreshSeconds())))) {
            refresh();
        }
    }

    /** Fetches now (also "reconnect now" while offline). */
    public void refresh() {
        if (!context.connected() || fetching) {
            return;
        }
        fetching = true;
        loading.set(true);
        LeaseService service = context.leases();
        context.tasks().run(() -> new Fetched(service.refresh(), service.seenTimes()), this::fetched, this::fetchFailed);
    }

    private record Fetched(LeaseService.LeaseSnapshot snapshot, Map<Mac, LeaseService.Seen> seen) {
    }

    private void fetched(Fetched f) {
        fetching = false;
        loading.set(false);
        lastFetch = context.clock().instant();
        failures = 0;
        reconnectIn.set(-1);
        offline.set(false);
        stale.set(false);
        message.set("");
        LeaseService.LeaseSnapshot snap = f.snapshot();
        asOf.set(snap.asOf());
        seen = f.seen();
        seenVersion.set(seenVersion.get() + 1);
        updateSubnets(snap);
        shell.reportLive(snap.asOf(), snap.leases().size() + " leases");
        pendingSnapshot = snap;
        pump();
    }

    private void fetchFailed(Throwable e) {
        fetching = false;
        loading.set(false);
        Instant at = context.clock().instant();
        lastFetch = at;
        failures++;
        long backoff = Math.min(MAX_BACKOFF.toSeconds(), Math.max(1, context.refreshSeconds()) * (1L << Math.min(failures - 1, 10)));
        nextAttempt = at.plusSeconds(backoff);
        reconnectIn.set((int) backoff);
        offlineWhy = e.getMessage() == null ? e.toString() : e.getMessage();
        offline.set(true);
        stale.set(true);
        if (model.totalCount() == 0 && !triedCache) {
            // Cold start with Kea down: open from the cache, on the task runner (it reads disk).
            triedCache = true;
            LeaseService service = context.leases();
            context.tasks().run(() -> service.cached().map(s -> new Fetched(s, service.seenTimes())), cached -> cached.ifPresent(c -> {
                if (model.totalCount() == 0 && offline.get()) {
                    asOf.set(c.snapshot().asOf());
                    seen = c.seen();
                    seenVersion.set(seenVersion.get() + 1);
                    updateSubnets(c.snapshot());
                    pendingSnapshot = c.snapshot();
                    pump();
                    showOffline();
                }
            }), err -> showOffline());
        }
        showOffline();
    }

    private void showOffline() {
        Instant t = asOf.get();
        String data = t == null ? "No data to show yet" : "Showing the data as of " + LocalTime.ofInstant(t, zone).format(HMS);
        int in = reconnectIn.get();
        message.set("Kea is unreachable: " + offlineWhy + ". " + data + "; "
                + (fetching ? "reconnecting…" : in <= 0 ? "reconnecting now." : "reconnecting in " + in + " s."));
        shell.reportOffline(offlineWhy, t);
    }

    /** "Subnet 40 · 192.168.40.0/24" (the CIDR when the configuration was read). */
    public String subnetLabel(Long id) {
        return "Subnet " + LeaseTableModel.label(id, subnetCidrs);
    }

    private void updateSubnets(LeaseService.LeaseSnapshot snap) {
        if (!snap.subnets().isEmpty()) {
            subnetCidrs = snap.subnets();
        }
        TreeSet<Long> ids = new TreeSet<>(snap.subnets().keySet());
        snap.leases().forEach(cl -> ids.add(cl.lease().subnetId()));
        if (!new ArrayList<>(ids).equals(subnets)) {
            subnets.setAll(ids);
        }
    }

    // --- the background lane: one pass at a time, each from the state the last one left

    private void viewChanged() {
        viewGeneration.incrementAndGet();
        viewDirty = true;
        pump();
    }

    /** The table's sort order changed (header click): re-sorted off the FX thread. */
    public void sortBy(List<LeaseTableModel.SortKey> keys) {
        List<LeaseTableModel.SortKey> next = keys.isEmpty() ? LeaseTableModel.Params.DEFAULT.sort() : List.copyOf(keys);
        if (!next.equals(sort)) {
            sort = next;
            viewChanged();
        }
    }

    public LeaseTableModel.Params params() {
        return new LeaseTableModel.Params(new LeaseFilter(search.get(), tier.get(), subnet.get(), state.get()), sort);
    }

    private void pump() {
        if (computing) {
            return;
        }
        Map<Mac, LeaseService.Seen> times = seen;
        if (pendingSnapshot != null) {
            LeaseService.LeaseSnapshot snap = pendingSnapshot;
            pendingSnapshot = null;
            computing = true;
            context.tasks().run(() -> model.planRefresh(snap, times), plan -> planned(plan, true), this::planFailed);
        } else if (viewDirty) {
            viewDirty = false;
            LeaseTableModel.Params p = params();
            int generation = viewGeneration.get();
            computing = true;
            context.tasks().run(() -> model.planView(p, times, () -> viewGeneration.get() != generation),
                    plan -> planned(plan, false), this::planFailed);
        }
    }

    private void planned(LeaseTableModel.Plan plan, boolean refresh) {
        computing = false;
        long t0 = System.nanoTime();
        int before = model.totalCount();
        if (model.apply(plan)) {
            if (refresh && before > 0 && plan.changedCount() <= Math.max(50, FLASH_AT_MOST * before)) {
                flashedAt = context.clock().instant();
                for (LeaseTableModel.Entry e : plan.updated()) {
                    flash(e.row());
                }
                plan.arrived().forEach(this::flash);
            }
            updateSummary();
        }
        lastPlanNanos = System.nanoTime() - t0;
        pump();
    }

    private void flash(LeaseRow r) {
        r.flash(true);
        flashing.add(r);
    }

    private void planFailed(Throwable e) {
        computing = false;
        if (!(e instanceof CancellationException)) {
            message.set("Could not update the table: " + e);
        }
        pump();
    }

    private void updateSummary() {
        int total = model.totalCount();
        int shown = model.visibleCount();
        summary.set(shown == total ? total + " leases" : shown + " of " + total + " leases");
    }

    // --- actions

    /** Deletes the row's lease in Kea (the view asks for confirmation first), then refreshes. */
    public void release(LeaseRow row) {
        if (!context.connected()) {
            return;
        }
        var ip = row.lease().lease().ip();
        context.tasks().run(() -> context.leases().release(ip), deleted -> {
            notice.set(deleted ? "Released " + ip + "." : "Kea had no lease for " + ip + "; nothing changed.");
            fetchSoon();
        }, e -> message.set("Could not release " + ip + ": " + e.getMessage()));
    }

    private void fetchSoon() {
        if (!fetching) {
            refresh();
        } else {
            lastFetch = Instant.EPOCH;
        }
    }

    /** Loads the device's history from the cache and hands it to {@code show} (on the FX thread). */
    public void history(LeaseRow row, Consumer<LeaseService.DeviceHistory> show) {
        Mac mac = row.lease().lease().mac();
        if (mac == null || !context.connected()) {
            notice.set("This lease has no MAC address, so it has no device history.");
            return;
        }
        context.tasks().run(() -> context.leases().deviceHistory(mac), show,
                e -> message.set("Could not read the history of " + mac + ": " + e.getMessage()));
    }

    /** Writes the rows shown (filtered, in display order) to {@code file}. */
    public void export(Path file, LeaseExport.Format format) {
        Map<Mac, LeaseService.Seen> times = seen;
        List<RowData> rows = model.visibleData();
        context.tasks().run(() -> {
            List<LeaseExport.Row> out = new ArrayList<>(rows.size());
            for (RowData d : rows) {
                Mac mac = d.lease().lease().mac();
                LeaseService.Seen s = mac == null ? null : times.get(mac);
                out.add(new LeaseExport.Row(d.lease(), d.reserved(), s == null ? null : s.first(), s == null ? null : s.last()));
            }
            LeaseExport.write(file, format, out);
            return out.size();
        }, n -> notice.set("Exported " + n + " leases to " + file + "."), e -> message.set("Export failed: " + e.getMessage()));
    }
}
