package org.gatehouse.ui.leases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import org.gatehouse.model.Mac;
import org.gatehouse.model.SafeText;
import org.gatehouse.policy.KeaServers;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.MergedLeases;
import org.gatehouse.ui.shell.ShellViewModel;

/**
 * Where the Leases screen's data comes from: a fetch from Kea every {@code refreshSeconds} on
 * the task runner, and when Kea cannot be reached, the rows kept (stale), reconnecting with
 * exponential backoff, and a cold start opened from the cache's last lease list. Each fetched
 * list goes to {@code arrived}; everything here runs on the FX thread except the fetch itself.
 */
final class LeaseFeed {
    /** Backoff after failures: the refresh interval doubling each time, at most this. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final LeasesAccess access;
    private final ShellViewModel shell;
    private final ZoneId zone;
    private final StringProperty message;
    private final Consumer<Fetched> arrived;
    private final BooleanSupplier empty;
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty stale = new SimpleBooleanProperty();
    private final BooleanProperty offline = new SimpleBooleanProperty();
    private final ObjectProperty<Instant> asOf = new SimpleObjectProperty<>();
    private final IntegerProperty reconnectIn = new SimpleIntegerProperty(-1);
    private Instant lastFetch = Instant.EPOCH;
    private Instant nextAttempt = Instant.EPOCH;
    private int failures;
    private String offlineWhy = "";
    private boolean fetching;
    private boolean triedCache;

    /**
     * @param arrived called with each fetched (or cached) list
     * @param empty   true while the table holds no row (then a failed start opens the cache)
     */
    LeaseFeed(LeasesAccess access, ShellViewModel shell, ZoneId zone, StringProperty message,
              Consumer<Fetched> arrived, BooleanSupplier empty) {
        this.access = access;
        this.shell = shell;
        this.zone = zone;
        this.message = message;
        this.arrived = arrived;
        this.empty = empty;
    }

    BooleanProperty loading() {
        return loading;
    }

    BooleanProperty stale() {
        return stale;
    }

    BooleanProperty offline() {
        return offline;
    }

    ObjectProperty<Instant> asOf() {
        return asOf;
    }

    IntegerProperty reconnectIn() {
        return reconnectIn;
    }

    boolean fetching() {
        return fetching;
    }

    /** Starts a refresh or a reconnect when one is due. */
    void tick(Instant at) {
        if (!access.connected() || fetching) {
            return;
        }
        if (failures > 0) {
            long wait = Math.max(0, Duration.between(at, nextAttempt).toMillis() + 999) / 1000;
            reconnectIn.set((int) wait);
            showOffline();
            if (!at.isBefore(nextAttempt)) {
                refresh();
            }
        } else if (!at.isBefore(lastFetch.plusSeconds(Math.max(1, access.refreshSeconds())))) {
            refresh();
        }
    }

    /** Fetches now (also "reconnect now" while offline). */
    void refresh() {
        if (!access.connected() || fetching) {
            return;
        }
        fetching = true;
        loading.set(true);
        LeaseService service = access.leases().orElseThrow();
        if (access.several().isPresent()) {
            // several servers: their leases merged, recorded in the cache through the first server's lease service (whose sightings these are)
            KeaServers servers = access.several().get();
            access.tasks().run(() -> Fetched.of(MergedLeases.fetch(servers), servers.first().leases().seenTimes()), this::fetched,
                    this::fetchFailed);
            return;
        }
        access.tasks().run(() -> Fetched.of(service.refresh(), service.seenTimes()), this::fetched, this::fetchFailed);
    }

    /** Fetches as soon as the fetch in flight (if any) is done. */
    void refreshSoon() {
        if (!fetching) {
            refresh();
        } else {
            lastFetch = Instant.EPOCH;
        }
    }

    /**
     * A fetched list, the cache's sighting times, and the subnet ids it names (sorted; found off the FX thread);
     * with several servers, who holds each lease ({@code held}, by address; else null) and which servers could not be read.
     */
    record Fetched(LeaseService.LeaseSnapshot snapshot, Map<Mac, LeaseService.Seen> seen, List<Long> subnetIds,
                   Map<Long, LeaseTableModel.Held> held, List<String> unreachable) {
        static Fetched of(LeaseService.LeaseSnapshot snap, Map<Mac, LeaseService.Seen> seen) {
            return new Fetched(snap, seen, subnetIds(snap), null, List.of());
        }

        static Fetched of(MergedLeases.Read read, Map<Mac, LeaseService.Seen> seen) {
            LeaseService.LeaseSnapshot snap = read.snapshot();
            Map<List<String>, String> names = new HashMap<>(); // one string per set of servers, shared by the rows
            Map<Long, LeaseTableModel.Held> held = new HashMap<>(read.leases().size() * 2);
            for (MergedLeases.Merged m : read.leases()) {
                held.putIfAbsent(m.lease().lease().ip().value(), new LeaseTableModel.Held(names.computeIfAbsent(m.servers(),
                        k -> SafeText.escapeForTerminal(String.join(", ", k))),
                        m.difference() == null ? null : SafeText.escapeForTerminal(m.difference())));
            }
            return new Fetched(snap, seen, subnetIds(snap), held, read.unreachable());
        }

        private static List<Long> subnetIds(LeaseService.LeaseSnapshot snap) {
            TreeSet<Long> ids = new TreeSet<>(snap.subnets().keySet());
            snap.leases().forEach(cl -> ids.add(cl.lease().subnetId()));
            return List.copyOf(ids);
        }
    }

    private void fetched(Fetched f) {
        fetching = false;
        loading.set(false);
        lastFetch = access.clock().instant();
        failures = 0;
        reconnectIn.set(-1);
        offline.set(false);
        stale.set(false);
        // a server that could not be read: the rows are the others', and the screen says whose leases are missing
        message.set(f.unreachable().isEmpty() ? "" : String.join("; ", f.unreachable()) + "; its leases are missing from this list.");
        asOf.set(f.snapshot().asOf());
        shell.reportLive(f.snapshot().asOf(), f.snapshot().leases().size() + " leases");
        arrived.accept(f);
    }

    private void fetchFailed(Throwable e) {
        fetching = false;
        loading.set(false);
        Instant at = access.clock().instant();
        lastFetch = at;
        failures++;
        long backoff = Math.min(MAX_BACKOFF.toSeconds(), Math.max(1, access.refreshSeconds()) * (1L << Math.min(failures - 1, 10)));
        nextAttempt = at.plusSeconds(backoff);
        reconnectIn.set((int) backoff);
        offlineWhy = e.getMessage() == null ? e.toString() : e.getMessage();
        offline.set(true);
        stale.set(true);
        if (empty.getAsBoolean() && !triedCache) {
            // Cold start with Kea down: open from the cache, on the task runner (it reads disk).
            triedCache = true;
            LeaseService service = access.leases().orElseThrow();
            access.tasks().run(() -> service.cached().map(s -> Fetched.of(s, service.seenTimes())), cached -> cached.ifPresent(c -> {
                if (empty.getAsBoolean() && offline.get()) {
                    asOf.set(c.snapshot().asOf());
                    arrived.accept(c);
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
}
