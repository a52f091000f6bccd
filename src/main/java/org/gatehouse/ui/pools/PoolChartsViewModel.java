package org.gatehouse.ui.pools;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.policy.ActivityStats;
import org.gatehouse.policy.Anomalies;
import org.gatehouse.policy.ChartSet;
import org.gatehouse.policy.PoolHistory;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * The Pools screen's history: the charts of the chosen period and subnet, computed from the cache
 * off the FX thread (so they work with Kea down), the data's age, and the anomalies list with the
 * count the sidebar's badge shows until the screen is opened.
 */
public final class PoolChartsViewModel {
    static final Duration RECHART_EVERY = Duration.ofSeconds(60);
    static final Duration ANOMALIES_SHOWN = Duration.ofDays(7);
    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm");

    private final PoolHistory history;
    private final ActivityStats stats;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final ZoneId zone;
    private final Consumer<Anomalies.Anomaly> critical;
    private final ObjectProperty<ChartSet.Range> range = new SimpleObjectProperty<>(ChartSet.Range.DAY);
    private final ObjectProperty<Long> subnet = new SimpleObjectProperty<>();
    private final ObjectProperty<ChartSet> charts = new SimpleObjectProperty<>();
    private final StringProperty age = new SimpleStringProperty("");
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final ObservableList<Anomalies.Anomaly> anomalies = FXCollections.observableArrayList();
    private final IntegerProperty unseen = new SimpleIntegerProperty(0);
    private Instant lastChart = Instant.EPOCH;
    private boolean again;

    /** {@code critical} is told of each new critical anomaly (the desktop notification). */
    public PoolChartsViewModel(Optional<PoolHistory> history, TaskExecutor tasks, Clock clock, ZoneId zone,
                               Consumer<Anomalies.Anomaly> critical) {
        this.history = history.orElse(null);
        this.stats = this.history == null ? null : new ActivityStats(this.history);
        this.tasks = tasks;
        this.clock = clock;
        this.zone = zone;
        this.critical = critical;
        range.addListener((o, a, b) -> refresh());
        subnet.addListener((o, a, b) -> {
            if (b != null && (charts.get() == null || !b.equals(charts.get().subnetId()))) {
                refresh();
            }
        });
    }

    public boolean available() {
        return history != null;
    }

    public ObjectProperty<ChartSet.Range> rangeProperty() {
        return range;
    }

    /** The subnet whose utilisation is drawn (null: the first with samples). */
    public ObjectProperty<Long> subnetProperty() {
        return subnet;
    }

    /** The charts shown; null before the first computation. */
    public ObjectProperty<ChartSet> chartsProperty() {
        return charts;
    }

    /** "From the cache: newest sample 14:02 (3 min old)", or that there is none yet. */
    public StringProperty ageProperty() {
        return age;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** Anomalies of the last 7 days, newest first. */
    public ObservableList<Anomalies.Anomaly> anomalies() {
        return anomalies;
    }

    /** Anomalies found since the screen was last looked at (the sidebar's badge). */
    public IntegerProperty unseenProperty() {
        return unseen;
    }

    public void seen() {
        unseen.set(0);
    }

    /** Recomputes the charts and the anomaly list in the background; a request while one runs is done after it. */
    public void refresh() {
        if (history == null) {
            return;
        }
        if (loading.get()) {
            again = true;
            return;
        }
        loading.set(true);
        ChartSet.Range r = range.get();
        Long s = subnet.get();
        Instant now = clock.instant();
        lastChart = now;
        tasks.run(() -> new Computed(stats.charts(r, s), history.anomalies().list(now.minus(ANOMALIES_SHOWN), now.plusSeconds(1))),
                this::show, e -> {
                    loading.set(false);
                    age.set("The cache could not be read: " + e.getMessage());
                });
    }

    private record Computed(ChartSet charts, List<Anomalies.Anomaly> anomalies) {
    }

    private void show(Computed c) {
        loading.set(false);
        charts.set(c.charts());
        if (c.charts().subnetId() != null && !c.charts().subnetId().equals(subnet.get())) {
            subnet.set(c.charts().subnetId());
        }
        List<Anomalies.Anomaly> newestFirst = new ArrayList<>(c.anomalies());
        java.util.Collections.reverse(newestFirst);
        anomalies.setAll(newestFirst);
        updateAge(clock.instant());
        if (again) {
            again = false;
            refresh();
        }
    }

    /** A look at Kea (the Pools screen's refresh) found these new anomalies. */
    public void found(List<Anomalies.Anomaly> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        unseen.set(unseen.get() + fresh.size());
        fresh.stream().filter(Anomalies.Anomaly::critical).forEach(critical);
        refresh();
    }

    /**
     * Writes the report of the chosen period to {@code file} in the background (HTML, or JSON or
     * CSV by the file's extension); {@code done} hears the file written, {@code failed} why not.
     */
    public void export(java.nio.file.Path file, String site, Consumer<java.nio.file.Path> done, Consumer<Throwable> failed) {
        if (history == null) {
            return;
        }
        Duration period = range.get().length();
        tasks.run(() -> {
            org.gatehouse.policy.Report report = new org.gatehouse.policy.Report(history);
            report.write(file, report.build(period, site), org.gatehouse.policy.Report.formatOf(file));
            return file;
        }, done, failed::accept);
    }

    /** Called every second: the age label ticks, the charts follow the samples once a minute. */
    public void tick(Instant now) {
        updateAge(now);
        if (history != null && Duration.between(lastChart, now).compareTo(RECHART_EVERY) >= 0) {
            refresh();
        }
    }

    private void updateAge(Instant now) {
        ChartSet c = charts.get();
        if (c == null) {
            return;
        }
        age.set(c.newest().map(n -> "From the cache: newest sample " + HM.format(n.atZone(zone)) + " ("
                + Math.max(0, Duration.between(n, now).toMinutes()) + " min old)").orElse("No samples in the cache yet"));
    }
}
