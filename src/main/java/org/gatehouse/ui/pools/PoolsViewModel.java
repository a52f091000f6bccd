package org.gatehouse.ui.pools;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.policy.PoolService.PoolUsage;
import org.gatehouse.policy.PoolService;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * The Pools screen's state: the usage of every pool from the last successful read. The read runs on
 * the task executor every {@code refreshSeconds} (and on Refresh); when it fails the last
 * numbers stay, marked stale, so an outage never blanks the figures the admin was watching.
 */
public final class PoolsViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PoolService service;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final int refreshSeconds;
    private final ZoneId zone;
    private final ObservableList<PoolUsage> pools = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final BooleanProperty stale = new SimpleBooleanProperty(false);
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty updated = new SimpleStringProperty("");
    private final StringProperty alarm = new SimpleStringProperty("");
    private final StringProperty alarmLevel = new SimpleStringProperty("ok");
    private final BooleanProperty severalServers = new SimpleBooleanProperty(false);
    private final PoolChartsViewModel charts;
    private Instant lastFetch = Instant.EPOCH;
    private boolean running;

    /** {@code service} is empty when the session has no Kea. */
    public PoolsViewModel(Optional<PoolService> service, TaskExecutor tasks, Clock clock, int refreshSeconds, ZoneId zone) {
        this(service, tasks, clock, refreshSeconds, zone, a -> { });
    }

    /** {@code critical} hears of each new critical anomaly (the console's desktop notification). */
    public PoolsViewModel(Optional<PoolService> service, TaskExecutor tasks, Clock clock, int refreshSeconds, ZoneId zone,
                          java.util.function.Consumer<org.gatehouse.policy.Anomalies.Anomaly> critical) {
        this.charts = new PoolChartsViewModel(service.flatMap(PoolService::history), tasks, clock, zone, critical);
        this.service = service.orElse(null);
        this.tasks = tasks;
        this.clock = clock;
        this.refreshSeconds = refreshSeconds;
        this.zone = zone;
        if (!configured()) {
            message.set("No Kea configured: start the console with --kea to see pool usage.");
        }
    }

    /** False when the session has no Kea (the screen then says so). */
    public boolean configured() {
        return service != null;
    }

    /** The charts and anomalies from the cache (available whenever the pool service has a history). */
    public PoolChartsViewModel charts() {
        return charts;
    }

    public ObservableList<PoolUsage> pools() {
        return pools;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    /** True while the figures shown are from before a failed read. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale;
    }

    public StringProperty messageProperty() {
        return message;
    }

    /** "Updated 14:02:11", the time of the figures shown. */
    public StringProperty updatedProperty() {
        return updated;
    }

    /** One line naming the pools at warning or critical, or empty when all are ok. */
    public StringProperty alarmProperty() {
        return alarm;
    }

    /** True when the pools shown come from several servers (each names the servers that serve it). */
    public ReadOnlyBooleanProperty severalServersProperty() {
        return severalServers;
    }

    /** The worst level of any pool: ok, warning or critical. */
    public StringProperty alarmLevelProperty() {
        return alarmLevel;
    }

    public void start() {
        running = true;
        refresh();
        charts.refresh();
    }

    public void stop() {
        running = false;
    }

    /** Called every second by the shell; re-reads when the refresh interval has passed. */
    public void tick(Instant now) {
        if (running && configured() && !loading.get() && now.isAfter(lastFetch.plusSeconds(Math.max(1, refreshSeconds)))) {
            refresh();
        }
        if (running) {
            charts.tick(now);
        }
    }

    public void refresh() {
        if (!configured() || loading.get()) {
            return;
        }
        loading.set(true);
        // Each read is also a sample in the cache; the anomalies it revealed go to the list and the badge.
        tasks.run(service::look, look -> {
            show(look.pools());
            if (!look.unreachable().isEmpty()) {
                // several servers, one not read: the others' pools are shown, and whose are missing is said
                message.set(String.join("; ", look.unreachable()) + "; its pools are missing.");
            }
            charts.found(look.anomalies());
        }, e -> {
            loading.set(false);
            lastFetch = clock.instant();
            stale.set(!pools.isEmpty());
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            message.set("Kea is unreachable: " + why + (pools.isEmpty() ? "" : " — showing the figures from " + updated.get().replace("Updated ", "") + "."));
        });
    }

    private void show(List<PoolUsage> fresh) {
        loading.set(false);
        Instant at = clock.instant();
        lastFetch = at;
        pools.setAll(fresh);
        severalServers.set(fresh.stream().anyMatch(p -> p.servers() != null));
        stale.set(false);
        message.set(fresh.isEmpty() ? "Kea's configuration has no pools." : "");
        updated.set("Updated " + TIME.format(at.atZone(zone)));
        alarm.set(alarmText(fresh));
        alarmLevel.set(fresh.stream().anyMatch(p -> "critical".equals(p.level())) ? "critical"
                : fresh.stream().anyMatch(p -> "warning".equals(p.level())) ? "warning" : "ok");
    }

    static String alarmText(List<PoolUsage> pools) {
        List<String> hot = pools.stream().filter(p -> !"ok".equals(p.level()))
                .map(p -> p.tier() + " in " + p.subnet() + PoolsView.servedBy(p, " on ") + " is " + p.level() + " (" + p.used() + " of " + p.size() + " used, " + p.free()
                        + " free)")
                .toList();
        return hot.isEmpty() ? "" : String.join("; ", hot);
    }
}
