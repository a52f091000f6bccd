package org.gatehouse.ui.leases;

import java.time.Instant;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.LeaseFilter;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.shell.ShellViewModel;

/**
 * The Leases screen's state: rows, search, tier filter, loading and error. Fetching runs on the
 * context's task runner; results arrive on the FX thread. Refreshes every {@code refreshSeconds}.
 */
public final class LeasesViewModel {
    private final ConsoleContext context;
    private final ShellViewModel shell;
    private final ObservableList<LeaseRow> rows = FXCollections.observableArrayList();
    private final FilteredList<LeaseRow> visible = new FilteredList<>(rows);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<Tier> tier = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final LongProperty now = new SimpleLongProperty(Instant.now().getEpochSecond());
    private Instant lastFetch = Instant.EPOCH;
    private boolean running;

    public LeasesViewModel(ConsoleContext context, ShellViewModel shell) {
        this.context = context;
        this.shell = shell;
        search.addListener((o, a, b) -> applyFilter());
        tier.addListener((o, a, b) -> applyFilter());
        if (!context.connected()) {
            message.set("No Kea is configured. Start Gatehouse with --kea URI (or set GATEHOUSE_KEA), or try ./gatehouse demo.");
        }
    }

    public ObservableList<LeaseRow> visibleRows() {
        return visible;
    }

    public ObservableList<LeaseRow> allRows() {
        return rows;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<Tier> tierProperty() {
        return tier;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** True while the rows shown come from the cache or an earlier fetch because Kea is unreachable. */
    public BooleanProperty staleProperty() {
        return stale;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    /** Epoch seconds, ticking; expiry countdowns bind to it. */
    public LongProperty nowProperty() {
        return now;
    }

    public void start() {
        running = true;
        if (context.connected()) {
            refresh();
        }
    }

    public void stop() {
        running = false;
    }

    /** Called every second: ticks countdowns and starts a refresh when one is due. */
    public void tick(Instant at) {
        now.set(at.getEpochSecond());
        if (running && context.connected() && !loading.get()
                && at.isAfter(lastFetch.plusSeconds(Math.max(1, context.refreshSeconds())))) {
            refresh();
        }
    }

    public void refresh() {
        if (!context.connected() || loading.get()) {
            return;
        }
        loading.set(true);
        LeaseService service = context.leases();
        context.tasks().run(service::refresh, this::show, this::failed);
    }

    private void show(LeaseService.LeaseSnapshot snap) {
        loading.set(false);
        lastFetch = context.clock().instant();
        rows.setAll(snap.leases().stream().map(LeaseRow::new).toList());
        stale.set(!snap.live());
        message.set("");
        updateSummary();
        shell.reportLive(snap.asOf(), snap.leases().size() + " leases");
    }

    private void failed(Throwable e) {
        loading.set(false);
        lastFetch = context.clock().instant();
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        if (rows.isEmpty()) {
            // Cold start with Kea down: open from the cache, on the task runner (it reads disk).
            context.tasks().run(() -> context.leases().cached(), cached -> cached.ifPresentOrElse(snap -> {
                rows.setAll(snap.leases().stream().map(LeaseRow::new).toList());
                updateSummary();
                stale.set(true);
                message.set("Kea is unreachable (" + why + "); showing the cache.");
                shell.reportOffline(why, snap.asOf());
            }, () -> {
                message.set("Kea is unreachable: " + why);
                shell.reportOffline(why, null);
            }), err -> {
                message.set("Kea is unreachable: " + why);
                shell.reportOffline(why, null);
            });
            return;
        }
        stale.set(true);
        message.set("Kea is unreachable (" + why + "); the table shows the last data.");
        shell.reportOffline(why, null);
    }

    private void applyFilter() {
        LeaseFilter f = new LeaseFilter(search.get(), tier.get(), null);
        visible.setPredicate(r -> f.matches(r.lease()));
        updateSummary();
    }

    private void updateSummary() {
        summary.set(visible.size() == rows.size() ? rows.size() + " leases" : visible.size() + " of " + rows.size() + " leases");
    }
}
