package org.gatehouse.ui.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.CacheService;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.CacheMaintenance;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.ui.task.ControlledTaskExecutor;
import org.gatehouse.ui.task.ThreadedTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Trail tab runs real queries against a real cache; an older query that answers after a newer
 * one (a wide filter the user narrowed while it ran) must not replace the newer one's rows.
 */
class TrailLatestWinsTest {
    static final String ZOE = "02:00:00:00:00:01";
    static final String PRINTER = "02:00:00:00:00:02";

    @TempDir
    Path dir;
    Database db;
    AuditTools tools;

    @BeforeEach
    void cache() {
        db = Database.open(dir.resolve("audit.db"));
        ActionLog log = new ActionLog(db, "anna", "desk-1");
        log.append(ActionLog.Draft.of(Instant.now(), "approve", ZOE).note("Zoë's laptop").result(ActionLog.OK));
        log.append(ActionLog.Draft.of(Instant.now(), "deny", PRINTER).note("Drucker im Flur").result(ActionLog.OK));
        log.append(ActionLog.Draft.of(Instant.now(), "approve", PRINTER).result(ActionLog.refused("reservation-add failed")));
        tools = new AuditTools(new AuditService(log, new ObservationStore(db)), null, null,
                new CacheService(db, new CacheMaintenance(db), log, Clock.systemUTC()), Map.of());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static List<String> targets(TrailViewModel vm) {
        return vm.rows().stream().map(AuditEntry::target).distinct().toList();
    }

    @Test
    void theOlderQueryAnsweringLastIsDropped() {
        ControlledTaskExecutor tasks = new ControlledTaskExecutor();
        TrailViewModel vm = new TrailViewModel(tools, tasks);
        vm.macProperty().set(ZOE);
        vm.refresh();
        vm.macProperty().set(PRINTER);
        vm.refresh();
        tasks.runWaiting(1); // the newer (printer) query answers first
        assertThat(targets(vm)).containsExactly(PRINTER);
        assertThat(vm.summaryProperty().get()).isEqualTo("2 rows");
        tasks.runWaiting(0); // then the older (Zoë) one
        assertThat(targets(vm)).containsExactly(PRINTER);
        assertThat(vm.summaryProperty().get()).isEqualTo("2 rows");
        assertThat(vm.loadingProperty().get()).isFalse();
    }

    @Test
    void inOrderAnswersStillShowTheLastQuery() {
        ControlledTaskExecutor tasks = new ControlledTaskExecutor();
        TrailViewModel vm = new TrailViewModel(tools, tasks);
        vm.macProperty().set(PRINTER);
        vm.refresh();
        vm.macProperty().set(ZOE);
        vm.refresh();
        tasks.runAll();
        assertThat(targets(vm)).containsExactly(ZOE);
        assertThat(vm.rows()).extracting(AuditEntry::note).containsExactly("Zoë's laptop");
    }

    /** Real threads: the older query's work is held on a latch until the newer one is on screen. */
    @Test
    void aSlowOlderQueryOnItsOwnThreadNeverReplacesTheNewerRows() throws Exception {
        CountDownLatch newerShown = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        ExecutorService fx = Executors.newSingleThreadExecutor(r -> new Thread(r, "stand-in-fx"));
        ExecutorService workers = Executors.newCachedThreadPool();
        try {
            ThreadedTaskExecutor tasks = new ThreadedTaskExecutor(work -> {
                boolean older = started.getAndIncrement() == 0;
                workers.execute(() -> {
                    if (older) {
                        try {
                            newerShown.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    work.run(); // the real query, then its outcome is posted to the stand-in FX thread
                    finished.incrementAndGet();
                });
            }, fx);
            TrailViewModel vm = fx.submit(() -> new TrailViewModel(tools, tasks)).get();
            fx.submit(() -> {
                vm.macProperty().set(ZOE);
                vm.refresh();
                vm.macProperty().set(PRINTER);
                vm.refresh();
            }).get();
            await().atMost(Duration.ofSeconds(10)).until(() -> fx.submit(() -> targets(vm)).get().equals(List.of(PRINTER)));
            newerShown.countDown();
            // the older query now runs for real and answers; once its outcome has been handled on the FX stand-in, look again
            await().atMost(Duration.ofSeconds(10)).until(() -> finished.get() == 2);
            fx.submit(() -> { }).get();
            assertThat(fx.submit(() -> vm.loadingProperty().get()).get()).isFalse();
            assertThat(fx.submit(() -> targets(vm)).get()).containsExactly(PRINTER);
            assertThat(started.get()).isEqualTo(2);
        } finally {
            workers.shutdownNow();
            fx.shutdownNow();
        }
    }
}
