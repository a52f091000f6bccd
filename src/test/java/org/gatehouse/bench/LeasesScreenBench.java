package org.gatehouse.bench;

import static org.gatehouse.bench.LeaseBench.await;
import static org.gatehouse.bench.LeaseBench.fx;
import static org.gatehouse.bench.LeaseBench.loadAverage;
import static org.gatehouse.bench.LeaseBench.median;
import static org.gatehouse.bench.LeaseBench.row;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.StatusService;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.testing.KeaTestCommands;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.Theme;
import org.gatehouse.ui.dialog.FxDialogService;
import org.gatehouse.ui.leases.LeasesAccess;
import org.gatehouse.ui.leases.LeasesView;
import org.gatehouse.ui.leases.LeasesViewModel;
import org.gatehouse.ui.shell.ShellViewModel;
import org.gatehouse.ui.task.FxTaskExecutor;

/**
 * The part of {@link LeaseBench} that measures the Leases screen itself, headless (Monocle): the
 * first load, a refresh with 1 % of the leases changed, search keystrokes (each with the stall
 * probe, the FX and renderer threads' CPU time), a page of scrolling as the redraw's baseline,
 * and the memory with every row loaded.
 */
final class LeasesScreenBench {
    private static final String[] TYPED = {"i", "ip", "iph", "ipho", "iphon", "iphone", "iphone-1", "iphone-12"};

    private final LocalKea kea;
    private final KeaClient client;
    private final List<Lease> leases;
    private LeasesViewModel vm;
    private LeasesView view;
    private Thread fxThread;
    private Thread renderThread;
    /** What the FX thread spends with nothing to do but run the probe's tasks, per ms: subtracted from its CPU time. */
    private double probeCpuPerMs;
    /** With -Dbench.stallDetail=true: the dirty nodes of each pulse. */
    private DirtyPulses dirty;
    private Frames frames;

    private LeasesScreenBench(LocalKea kea, KeaClient client, List<Lease> leases) {
        this.kea = kea;
        this.client = client;
        this.leases = leases;
    }

    static void run(LocalKea kea, KeaClient client, OuiRegistry oui, List<Lease> leases) throws Exception {
        Path dir = Files.createTempDirectory("gh-bench-");
        Database db = Database.open(dir.resolve("cache.db"));
        FxTaskExecutor tasks = new FxTaskExecutor();
        LeaseService service = new LeaseService(client, new ObservationStore(db), new ActionLog(db, "bench", "bench"), oui, Clock.systemUTC());
        ConsoleContext ctx = ConsoleContext.builder(tasks, Clock.systemUTC()).kea(kea.endpoint(), service, new StatusService(client))
                .refreshSeconds(2).build();
        LeasesScreenBench bench = new LeasesScreenBench(kea, client, leases);
        bench.show(ctx);
        bench.firstLoad();
        bench.refreshes();
        bench.keystrokes();
        bench.scrolling();
        bench.memory();
        tasks.close();
        db.close();
    }

    private void show(ConsoleContext ctx) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        fx(() -> {
            ShellViewModel shell = new ShellViewModel(kea.endpoint(), java.time.ZoneId.systemDefault());
            vm = new LeasesViewModel(LeasesAccess.from(ctx), shell);
            Stage stage = new Stage();
            view = new LeasesView(vm, new FxDialogService(() -> null));
            // Styled as the console styles it (MainWindow): the theme and the console's stylesheet decide what the renderer draws.
            Theme.LIGHT.apply();
            Scene scene = new Scene(view, 1200, 720);
            scene.getStylesheets().add(LeasesView.class.getResource("/org/gatehouse/ui/gatehouse.css").toExternalForm());
            stage.setScene(scene);
            frames = new Frames(scene);
            stage.show();
            if (StallProbe.detail()) {
                dirty = new DirtyPulses(stage.getScene());
            }
            return null;
        });
        fxThread = fx(Thread::currentThread);
        renderThread = Thread.getAllStackTraces().keySet().stream().filter(th -> th.getName().startsWith("QuantumRenderer"))
                .findFirst().orElse(fxThread);
    }

    private void firstLoad() throws Exception {
        long s = System.nanoTime();
        fx(() -> {
            vm.start();
            return null;
        });
        await(() -> fx(() -> vm.idle() && vm.visibleRows().size() == leases.size()));
        System.out.println();
        row("console: first load of all leases (fetch, record, table)", (System.nanoTime() - s) / 1_000_000, "ms", null, null);
    }

    /** Warms up the refresh path, measures the idle stall, then three refreshes with 1 % of the leases changed in Kea. */
    private void refreshes() throws Exception {
        for (int i = 0; i < 3; i++) {
            refresh();
        }
        StallProbe quiet = StallProbe.start();
        double quietCpu0 = fxCpu();
        long quiet0 = System.nanoTime();
        Thread.sleep(1000);
        probeCpuPerMs = (fxCpu() - quietCpu0) / ((System.nanoTime() - quiet0) / 1e6);
        double idleStall = quiet.stop();
        detail("idle", quiet);
        List<Double> totals = new ArrayList<>();
        List<Double> applies = new ArrayList<>();
        List<Double> stalls = new ArrayList<>();
        List<Double> gcs = new ArrayList<>();
        List<Double> refreshCpu = new ArrayList<>();
        List<Double> refreshRender = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            int changed = leases.size() / 100;
            for (int i = 0; i < changed; i++) {
                Lease l = leases.get((i * 97 + round * 13) % leases.size());
                client.execute(new KeaTestCommands.Lease4Update(new Lease(l.ip(), l.mac(), "changed-" + round + "-" + i, l.subnetId(),
                        LeaseState.DEFAULT, l.cltt(), l.validLifetime())));
            }
            StallProbe probe = StallProbe.start();
            long gc0 = gcMillis();
            double cpu0 = fxCpu();
            double render0 = cpu(renderThread);
            double took = refresh();
            refreshRender.add(cpu(renderThread) - render0);
            totals.add(took);
            refreshCpu.add(fxCpu() - cpu0 - probeCpuPerMs * took);
            gcs.add((double) (gcMillis() - gc0));
            stalls.add(probe.stop());
            detail("refresh", probe);
            applies.add(fx(vm::lastApplyNanos) / 1e6);
        }
        System.out.printf(Locale.ROOT, "  (load average %s)%n", loadAverage());
        row("refresh with 1% changed: total (fetch..table updated)", median(totals), "ms", null, null);
        row("refresh with 1% changed: applying the diff on the FX thread", median(applies), "ms", 16.0, "of the 16 ms frame");
        row("refresh with 1% changed: FX-thread CPU time, apply + redraw (*)", median(refreshCpu), "ms", 16.0, "of the 16 ms frame");
        row("refresh with 1% changed: longest FX-thread stall (wall)", median(stalls), "ms", 16.0, "of the 16 ms frame");
        row("refresh with 1% changed: renderer thread CPU (software redraw)", median(refreshRender), "ms", null, null);
        row("  (longest FX-thread stall while idle, same probe)", idleStall, "ms", null, null);
        row("  (garbage-collection pauses during that refresh, all threads)", median(gcs), "ms", null, null);
    }

    /** Search keystrokes: each is a filter pass over every row, off the FX thread. */
    private void keystrokes() throws Exception {
        List<Double> keys = new ArrayList<>();
        List<Double> keyApplies = new ArrayList<>();
        List<Double> keyStalls = new ArrayList<>();
        List<Double> keyCpu = new ArrayList<>();
        List<Double> keyRender = new ArrayList<>();
        FxSampler sampler = StallProbe.detail() ? new FxSampler(fxThread) : null;
        if (sampler != null) {
            sampler.start();
        }
        for (int rep = 0; rep < Integer.getInteger("bench.searchReps", 2); rep++) {
            for (String text : TYPED) {
                dirtyPulses("before key " + text);
                StallProbe probe = StallProbe.start();
                double cpu0 = fxCpu();
                double render0 = cpu(renderThread);
                long k = System.nanoTime();
                type(text);
                double took = (System.nanoTime() - k) / 1e6;
                keys.add(took);
                keyCpu.add(fxCpu() - cpu0 - probeCpuPerMs * took);
                keyStalls.add(probe.stop());
                keyRender.add(cpu(renderThread) - render0);
                detail(String.format(Locale.ROOT, "key %-9s %5.1f ms, FX cpu %4.1f, renderer cpu %4.1f;", text, took,
                        keyCpu.get(keyCpu.size() - 1), keyRender.get(keyRender.size() - 1)), probe);
                keyApplies.add(fx(vm::lastApplyNanos) / 1e6);
            }
            type("");
        }
        dirtyPulses("after the last key");
        if (sampler != null) {
            sampler.stop();
            System.err.println("FX thread during the keystrokes: " + sampler.report(0.02));
        }
        System.out.printf(Locale.ROOT, "  (load average %s)%n", loadAverage());
        row("search keystroke over all rows: typed..table shows result", median(keys), "ms", 50.0, "of the 50 ms goal");
        row("search keystroke: applying the result on the FX thread", median(keyApplies), "ms", 16.0, "of the 16 ms frame");
        row("search keystroke: FX-thread CPU time, apply + redraw (*)", median(keyCpu), "ms", 16.0, "of the 16 ms frame");
        row("search keystroke: longest FX-thread stall (wall)", median(keyStalls), "ms", 16.0, "of the 16 ms frame");
        row("search keystroke: renderer thread CPU (software redraw)", median(keyRender), "ms", null, null);
    }

    /** Baseline for the redraw: what scrolling the table by one page costs the FX thread (every visible row changes too). */
    private void scrolling() throws Exception {
        List<Double> pageCpu = new ArrayList<>();
        for (int page = 1; page <= 8; page++) {
            int to = page * 40;
            double cpu0 = fxCpu();
            fx(() -> {
                view.table().scrollTo(to);
                view.table().layout();
                return null;
            });
            Thread.sleep(100);
            pageCpu.add(fxCpu() - cpu0);
        }
        row("  baseline: scrolling one page, FX-thread CPU time", median(pageCpu), "ms", null, null);
        System.out.printf(Locale.ROOT, "  (*) net of the stall probe's own cost on the FX thread, %.3f ms per ms%n", probeCpuPerMs);
    }

    private void memory() throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        row(String.format(Locale.ROOT, "memory with %,d rows: heap after GC", leases.size()), heap / 1048576.0, "MB", null, null);
        row("memory: process RSS, headless (console + bench in one JVM)", LeaseBench.rssMb(), "MB", null, null);
    }

    /** Sets the search text on the FX thread and waits until the table shows the result (laid out and drawn). */
    private void type(String text) throws Exception {
        fx(() -> {
            vm.searchProperty().set(text);
            return null;
        });
        await(() -> fx(vm::idle));
        frames.awaitShown();
    }

    /** Triggers one refresh on the FX thread and waits until the table shows its result (laid out and drawn); ms. */
    private double refresh() throws Exception {
        long s = System.nanoTime();
        fx(() -> {
            vm.refresh();
            return null;
        });
        await(() -> fx(vm::idle));
        frames.awaitShown();
        return (System.nanoTime() - s) / 1e6;
    }

    /** With -Dbench.stallDetail=true: what the longest stall of that measurement was made of, on stderr. */
    private static void detail(String what, StallProbe probe) {
        if (StallProbe.detail()) {
            System.err.printf(Locale.ROOT, "%-14s %s%n", what, probe.breakdown());
        }
    }

    /** With -Dbench.stallDetail=true: prints the pulses since the last call that repainted anything, on stderr. */
    private void dirtyPulses(String until) throws Exception {
        if (dirty != null) {
            System.err.println("  pulses " + until + ":");
            fx(dirty::pulses).forEach(l -> System.err.println("    " + l));
            fx(() -> {
                dirty.reset();
                return null;
            });
        }
    }

    private static double cpu(Thread t) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId()) / 1e6;
    }

    /** CPU time the FX thread has used so far, ms: unlike wall time, not inflated when other processes load the machine. */
    private double fxCpu() {
        return cpu(fxThread);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }
}
