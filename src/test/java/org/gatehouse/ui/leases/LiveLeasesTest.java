package org.gatehouse.ui.leases;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaTransport;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.ui.task.TaskExecutor;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.StatusService;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.testing.KeaTestCommands;
import org.gatehouse.testing.MutableClock;
import org.gatehouse.testing.ScaleKea;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.shell.ShellViewModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Leases view-model on a real kea-dhcp4 holding 3,000 leases: leases added, deleted,
 * changed and expired between refreshes arrive as exactly those row changes; Kea stopped in the
 * middle of a paged fetch makes the screen go offline (rows kept, greyed, "as of", backoff), and
 * Kea restarted brings it back live without duplicate rows. Same-thread task executor: every step
 * is complete when the call returns.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("kea")
class LiveLeasesTest {
    static final int COUNT = 3000;
    static final Instant START = Instant.now();

    @TempDir
    static Path dir;

    static final KeaJson json = new KeaJson();
    static LocalKea kea;
    static KeaClient client;
    static Database db;
    static List<Lease> leases;
    /** After this many more exchanges the transport stops Kea (a crash in the middle of a fetch); -1: never. */
    static final AtomicInteger stopAfter = new AtomicInteger(-1);
    static final MutableClock clock = new MutableClock(START);
    static LeasesViewModel vm;
    static ShellViewModel shell;
    static final List<String> events = new ArrayList<>();

    @BeforeAll
    static void startKea() throws Exception {
        leases = ScaleKea.leases(COUNT, START, 3);
        kea = ScaleKea.start(json, leases);
        UnixSocketTransport socket = new UnixSocketTransport(kea.socket());
        KeaTransport crashing = new KeaTransport() {
            @Override
            public String describe() {
                return socket.describe();
            }

            @Override
            public boolean wantsService() {
                return false;
            }

            @Override
            public String exchange(String request, Duration timeout) {
                if (stopAfter.get() == 0) {
                    kea.stop();
                    stopAfter.set(-1);
                } else if (stopAfter.get() > 0) {
                    stopAfter.decrementAndGet();
                }
                return socket.exchange(request, timeout);
            }
        };
        client = new KeaClient(crashing, json, Duration.ofSeconds(10));
        db = Database.open(dir.resolve("live.db"));
        LeaseService service = new LeaseService(client, new ObservationStore(db), new ActionLog(db, "test", "test"),
                new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), clock);
        ConsoleContext ctx = ConsoleContext.builder(TaskExecutor.sameThread(), clock).kea(kea.endpoint(), service, new StatusService(client)).refreshSeconds(2).build();
        shell = new ShellViewModel(kea.endpoint(), ZoneOffset.UTC);
        vm = new LeasesViewModel(LeasesAccess.from(ctx), shell, ZoneOffset.UTC);
        vm.visibleRows().addListener((ListChangeListener<LeaseRow>) c -> {
            while (c.next()) {
                c.getRemoved().forEach(r -> events.add("-" + r.ip()));
                c.getAddedSubList().forEach(r -> events.add("+" + r.ip()));
            }
        });
    }

    @AfterAll
    static void stop() {
        if (kea != null) {
            kea.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static Set<Long> keys() {
        Set<Long> k = new HashSet<>();
        vm.visibleRows().forEach(r -> k.add(r.key()));
        return k;
    }

    @Test
    @Order(1)
    void theFirstRefreshShowsEveryLeaseOnce() {
        vm.start();
        assertThat(vm.visibleRows()).hasSize(COUNT);
        assertThat(keys()).hasSize(COUNT);
        assertThat(vm.summaryProperty().get()).isEqualTo(COUNT + " leases");
        assertThat(vm.offlineProperty().get()).isFalse();
        assertThat(shell.connectionProperty().get()).isEqualTo(ShellViewModel.Connection.LIVE);
        // Sorted by address, numerically.
        List<Long> ips = vm.visibleRows().stream().map(LeaseRow::key).toList();
        assertThat(ips).isSorted();
    }

    @Test
    @Order(2)
    void addedDeletedChangedAndExpiredLeasesArriveAsExactlyThoseChanges() {
        events.clear();
        long now = clock.instant().getEpochSecond();
        List<Lease> added = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Lease l = new Lease(ScaleKea.BASE.plus(ScaleKea.OLD_FIRST + 5000 + i), new Mac(0xdca632100000L + i), "added-" + i,
                    ScaleKea.SUBNET, LeaseState.DEFAULT, now, 86400);
            client.execute(new KeaCommands.Lease4Add(l));
            added.add(l);
        }
        List<Lease> deleted = List.of(leases.get(100), leases.get(101), leases.get(102), leases.get(1500), leases.get(2999));
        deleted.forEach(l -> client.execute(new KeaCommands.Lease4Del(l.ip())));
        Lease renamed = leases.get(200);
        client.execute(new KeaTestCommands.Lease4Update(new Lease(renamed.ip(), renamed.mac(), "renamed", renamed.subnetId(),
                LeaseState.DEFAULT, renamed.cltt(), renamed.validLifetime())));
        Lease expiring = leases.get(300);
        client.execute(new KeaTestCommands.Lease4Update(new Lease(expiring.ip(), expiring.mac(), expiring.hostname(),
                expiring.subnetId(), LeaseState.DEFAULT, now - 120, 60)));
        client.execute(new KeaTestCommands.LeasesReclaim());
        LeaseRow renamedRow = rowOf(renamed);

        clock.advance(Duration.ofSeconds(2));
        vm.tick(clock.instant());

        assertThat(vm.visibleRows()).hasSize(COUNT);
        assertThat(keys()).hasSize(COUNT);
        List<String> expected = new ArrayList<>();
        deleted.forEach(l -> expected.add("-" + l.ip()));
        added.forEach(l -> expected.add("+" + l.ip()));
        assertThat(events).as("only the added and deleted leases change the list").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rowOf(renamed)).as("a changed lease keeps its row").isSameAs(renamedRow);
        assertThat(renamedRow.hostname()).isEqualTo("renamed");
        assertThat(rowOf(expiring).state()).isEqualTo("expired-reclaimed");
        assertThat(LeaseColumn.EXPIRES.text(rowOf(expiring).data(), vm.nowProperty().get(), vm.seen(), ZoneOffset.UTC)).isEqualTo("expired");
        assertThat(renamedRow.flashing()).as("changed rows flash").isTrue();
        assertThat(rowOf(added.get(0)).flashing()).isTrue();
        assertThat(vm.visibleRows().get(0).flashing()).as("unchanged rows do not").isFalse();
        clock.advance(LeasesViewModel.FLASH);
        vm.tick(clock.instant());
        assertThat(renamedRow.flashing()).isFalse();
    }

    private static LeaseRow rowOf(Lease l) {
        return vm.visibleRows().stream().filter(r -> r.key() == l.ip().value()).findFirst().orElseThrow();
    }

    @Test
    @Order(3)
    void keaStoppedMidFetchGoesOfflineAndRestartedComesBackWithoutDuplicates() {
        clock.advance(Duration.ofSeconds(2));
        vm.tick(clock.instant());
        int before = vm.visibleRows().size();
        events.clear();

        stopAfter.set(3); // config-get, two pages, then Kea dies
        clock.advance(Duration.ofSeconds(2));
        vm.tick(clock.instant());

        assertThat(kea.isRunning()).isFalse();
        assertThat(vm.offlineProperty().get()).isTrue();
        assertThat(vm.staleProperty().get()).as("the table greys out").isTrue();
        assertThat(vm.visibleRows()).as("the table stays").hasSize(before);
        assertThat(events).isEmpty();
        String asOf = vm.asOfProperty().get().atZone(ZoneOffset.UTC).toLocalTime().withNano(0).toString();
        assertThat(vm.messageProperty().get()).contains("unreachable").contains("as of " + asOf).contains("reconnecting in 2 s");
        assertThat(shell.connectionProperty().get()).isEqualTo(ShellViewModel.Connection.OFFLINE);

        // Still down at the next attempt: the wait doubles.
        clock.advance(Duration.ofSeconds(1));
        vm.tick(clock.instant());
        assertThat(vm.reconnectInProperty().get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        vm.tick(clock.instant());
        assertThat(vm.offlineProperty().get()).isTrue();
        assertThat(vm.reconnectInProperty().get()).isEqualTo(4);

        kea.restart(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(4));
        vm.tick(clock.instant());

        assertThat(vm.offlineProperty().get()).isFalse();
        assertThat(vm.staleProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(vm.visibleRows()).hasSize(before);
        assertThat(keys()).as("no duplicate rows").hasSize(before);
        assertThat(events).as("the same leases came back: no row changed place").isEmpty();
        assertThat(shell.connectionProperty().get()).isEqualTo(ShellViewModel.Connection.LIVE);
    }

    @Test
    @Order(4)
    void aColdStartWithKeaDownOpensFromTheCache() {
        KeaClient dead = new KeaClient(new UnixSocketTransport(dir.resolve("no-such.sock")), json, Duration.ofSeconds(1));
        LeaseService service = new LeaseService(dead, new ObservationStore(db), new ActionLog(db, "test", "test"),
                new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), clock);
        ShellViewModel coldShell = new ShellViewModel("unix:" + dir.resolve("no-such.sock"), ZoneOffset.UTC);
        LeasesViewModel cold = new LeasesViewModel(LeasesAccess.from(ConsoleContext.builder(TaskExecutor.sameThread(), clock)
                .kea("unix:x", service, new StatusService(dead)).refreshSeconds(2).build()), coldShell, ZoneOffset.UTC);
        cold.start();
        assertThat(cold.visibleRows()).hasSize(vm.visibleRows().size());
        assertThat(cold.staleProperty().get()).isTrue();
        assertThat(cold.messageProperty().get()).contains("Showing the data as of");
        assertThat(coldShell.connectionProperty().get()).isEqualTo(ShellViewModel.Connection.OFFLINE);
        coldShell.tick(clock.instant());
        assertThat(coldShell.dataAgeTextProperty().get()).startsWith("as of ");
    }
}
