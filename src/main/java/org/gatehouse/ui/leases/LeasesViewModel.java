package org.gatehouse.ui.leases;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
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
import org.gatehouse.ui.shell.ShellViewModel;
import org.gatehouse.ui.task.BackgroundTask;
import org.gatehouse.ui.task.TaskHandle;

/**
 * The Leases screen's state. {@link LeaseFeed} fetches from Kea; each list is merged into the
 * table by a background pass (see {@link LeaseTableModel}) and only the differences reach the FX
 * thread. A search keystroke, a filter or a sort is a background pass too, with a latest-wins key:
 * a newer keystroke supersedes the pass in progress, and no keystroke waits for a refresh pass. A
 * pass whose base state moved on (the other kind was applied first) is simply made again.
 */
public final class LeasesViewModel {
    /** How long a changed row stays highlighted. */
    static final Duration FLASH = Duration.ofMillis(1500);
    /** Backoff after failures: the refresh interval doubling each time, at most this. */
    static final Duration MAX_BACKOFF = LeaseFeed.MAX_BACKOFF;
    /** A refresh that changes more rows than this fraction (e.g. the first live one after the cache) flashes none. */
    private static final double FLASH_AT_MOST = 0.2;

    private final LeasesAccess access;
    private final ZoneId zone;
    private final LeaseFeed feed;
    private final LeaseTableModel model = new LeaseTableModel();
    private final Object viewKey = new Object();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Tier> tier = new SimpleObjectProperty<>();
    private final ObjectProperty<Long> subnet = new SimpleObjectProperty<>();
    private final ObjectProperty<LeaseState> state = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final LongProperty now;
    private final ReadOnlyIntegerWrapper seenVersion = new ReadOnlyIntegerWrapper();
    private final ObservableList<Long> subnets = FXCollections.observableArrayList();
    private final List<LeaseRow> flashing = new ArrayList<>();
    private List<LeaseTableModel.SortKey> sort = LeaseTableModel.Params.DEFAULT.sort();
    private volatile Map<Mac, LeaseService.Seen> seen = Map.of();
    private Map<Long, String> subnetCidrs = Map.of();
    private Instant flashedAt = Instant.EPOCH;
    private boolean running;
    private boolean merging;
    private TaskHandle viewPass;
    private LeaseFeed.Fetched pendingSnapshot;
    private long lastPlanNanos;

    public LeasesViewModel(LeasesAccess access, ShellViewModel shell) {
        this(access, shell, ZoneId.systemDefault());
    }

    public LeasesViewModel(LeasesAccess access, ShellViewModel shell, ZoneId zone) {
        this.access = access;
        this.zone = zone;
        this.now = new SimpleLongProperty(access.clock().instant().getEpochSecond());
        this.feed = new LeaseFeed(access, shell, zone, message, this::arrived, () -> model.totalCount() == 0);
        search.addListener((o, a, b) -> viewChanged());
        tier.addListener((o, a, b) -> viewChanged());
        subnet.addListener((o, a, b) -> viewChanged());
        state.addListener((o, a, b) -> viewChanged());
        if (!access.connected()) {
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

    /** What this screen may do (deny and block, export), as the session configured it. */
    public LeasesAccess access() {
        return access;
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
        return feed.loading();
    }

    /** True while the rows shown come from the cache or an earlier fetch because Kea is unreachable. */
    public BooleanProperty staleProperty() {
        return feed.stale();
    }

    /** True after a failed fetch until the next one succeeds. */
    public BooleanProperty offlineProperty() {
        return feed.offline();
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
        return feed.asOf();
    }

    /** Seconds until the next reconnect attempt, or -1 while connected. */
    public IntegerProperty reconnectInProperty() {
        return feed.reconnectIn();
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
        return !feed.fetching() && !merging && pendingSnapshot == null && (viewPass == null || viewPass.isDone());
    }

    // --- lifecycle

    public void start() {
        running = true;
        if (access.connected()) {
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
            model.rowsChanged();
        }
        if (running) {
            feed.tick(at);
        }
    }

    /** Fetches now (also "reconnect now" while offline). */
    public void refresh() {
        feed.refresh();
    }

    private void arrived(LeaseFeed.Fetched f) {
        seen = f.seen();
        seenVersion.set(seenVersion.get() + 1);
        if (!f.snapshot().subnets().isEmpty()) {
            subnetCidrs = f.snapshot().subnets();
        }
        if (!f.subnetIds().equals(subnets)) {
            subnets.setAll(f.subnetIds());
        }
        pendingSnapshot = f;
        merge();
    }

    /** "Subnet 40 · 192.168.40.0/24" (the CIDR when the configuration was read). */
    public String subnetLabel(Long id) {
        return "Subnet " + LeaseTableModel.label(id, subnetCidrs);
    }

    // --- background passes: merges one at a time; view passes latest-wins, never behind a merge

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

    /** A keystroke, a filter or a sort: a new view pass supersedes the one in progress. */
    private void viewChanged() {
        LeaseTableModel.Params p = params();
        Map<Mac, LeaseService.Seen> times = seen;
        BackgroundTask<LeaseTableModel.Plan> pass = BackgroundTask
                .withProgress(progress -> model.planView(p, times, progress::cancelled))
                .latestWins(viewKey)
                .onSuccess(plan -> {
                    if (!applied(plan, false)) {
                        viewChanged();
                    }
                })
                .onException(this::passFailed);
        viewPass = access.tasks().execute(pass);
    }

    /** The next fetched list, merged off the FX thread; one merge at a time, each from the state the last one left. */
    private void merge() {
        if (merging || pendingSnapshot == null) {
            return;
        }
        LeaseFeed.Fetched snap = pendingSnapshot;
        Map<Mac, LeaseService.Seen> times = seen;
        merging = true;
        access.tasks().run(() -> model.planRefresh(snap.snapshot(), snap.held(), times), plan -> {
            merging = false;
            // Not applied: a keystroke's pass landed first; the same list is merged again on its state.
            if (applied(plan, true) && pendingSnapshot == snap) {
                pendingSnapshot = null;
            }
            merge();
        }, e -> {
            merging = false;
            if (pendingSnapshot == snap) {
                pendingSnapshot = null;
            }
            passFailed(e);
        });
    }

    /** FX thread: applies a pass made from the current state; false if another pass landed first. */
    private boolean applied(LeaseTableModel.Plan plan, boolean refresh) {
        long t0 = System.nanoTime();
        int before = model.totalCount();
        if (!model.apply(plan)) {
            return false;
        }
        if (refresh && before > 0 && plan.changedCount() <= Math.max(50, FLASH_AT_MOST * before)) {
            flashedAt = access.clock().instant();
            for (LeaseTableModel.Entry e : plan.updated()) {
                flash(e.row());
            }
            plan.arrived().forEach(this::flash);
            model.rowsChanged();
        }
        updateSummary();
        lastPlanNanos = System.nanoTime() - t0;
        return true;
    }

    private void flash(LeaseRow r) {
        r.flash(true);
        flashing.add(r);
    }

    private void passFailed(Throwable e) {
        if (!(e instanceof CancellationException)) {
            message.set("Could not update the table: " + e);
        }
    }

    private void updateSummary() {
        int total = model.totalCount();
        int shown = model.visibleCount();
        summary.set(shown == total ? total + " leases" : shown + " of " + total + " leases");
    }

    // --- actions

    /** Deletes the row's lease in Kea (the view asks for confirmation first), then refreshes. */
    public void release(LeaseRow row) {
        if (access.leases().isEmpty()) {
            return;
        }
        LeaseService service = access.leases().get();
        var ip = row.lease().lease().ip();
        access.tasks().run(() -> service.release(ip), deleted -> {
            notice.set(deleted ? "Released " + ip + "." : "Kea had no lease for " + ip + "; nothing changed.");
            feed.refreshSoon();
        }, e -> message.set("Could not release " + ip + ": " + e.getMessage()));
    }

    /** Loads the device's history from the cache and hands it to {@code show} (on the FX thread). */
    public void history(LeaseRow row, Consumer<org.gatehouse.policy.DeviceHistory> show) {
        Mac mac = row.lease().lease().mac();
        if (mac == null || access.leases().isEmpty()) {
            notice.set("This lease has no MAC address, so it has no device history.");
            return;
        }
        LeaseService service = access.leases().get();
        access.tasks().run(() -> service.deviceHistory(mac), show,
                e -> message.set("Could not read the history of " + mac + ": " + e.getMessage()));
    }

    /** Writes the rows shown (filtered, in display order) to {@code file}. */
    public void export(Path file, LeaseExport.Format format) {
        Map<Mac, LeaseService.Seen> times = seen;
        List<RowData> rows = model.visibleData();
        access.tasks().run(() -> {
            List<LeaseExport.Row> out = new ArrayList<>(rows.size());
            for (RowData d : rows) {
                Mac mac = d.lease().lease().mac();
                LeaseService.Seen s = mac == null ? null : times.get(mac);
                out.add(new LeaseExport.Row(d.lease(), d.reserved(), s == null ? null : s.first(), s == null ? null : s.last()));
            }
            access.export().write(file, format, out);
            return out.size();
        }, n -> notice.set("Exported " + n + " leases to " + file + "."), e -> message.set("Export failed: " + e.getMessage()));
    }
}
