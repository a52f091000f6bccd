package org.gatehouse.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.StatusService;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.testing.KeaTestCommands;
import org.gatehouse.testing.ScaleKea;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.gatehouse.ui.leases.LeasesView;
import org.gatehouse.ui.leases.LeasesViewModel;
import org.gatehouse.ui.shell.ShellViewModel;

/**
 * The Leases screen at scale, against a real kea-dhcp4 started here with N leases (default
 * 50,000) pre-written into its memfile. Prints each figure with the baseline measured in the
 * same run: {@code socat} + {@code lease4-get-all} for fetching, the goal for the FX thread.
 * Run: {@code ./gatehouse bench [N]} (builds, then runs this on the test class path).
 * Not a test: nothing here passes or fails, it measures.
 */
public final class LeaseBench {
    private static final int REPEATS = 5;

    public static void main(String[] args) {
        int code = 0;
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            code = 1;
        }
        // JavaFX's threads would keep the JVM alive.
        System.exit(code);
    }

    private static void run(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        Path jar = Path.of(args.length > 1 ? args[1] : "target/gatehouse.jar");
        KeaJson json = new KeaJson();
        System.out.printf(Locale.ROOT, "Gatehouse lease benchmark: %d leases, %s, %d CPUs, Java %s, load average %s%n", count,
                versionOf(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
        System.out.println("JVM options: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        List<Lease> leases = ScaleKea.leases(count, Instant.now(), 42);
        long t = System.nanoTime();
        try (LocalKea kea = ScaleKea.start(json, leases)) {
            System.out.printf(Locale.ROOT, "kea-dhcp4 loaded the lease file and answered in %d ms%n%n", ms(System.nanoTime() - t));
            double socat = socat(kea, REPEATS);
            row("fetch baseline: socat + lease4-get-all", socat, "ms", null, null);

            KeaClient client = new KeaClient(new UnixSocketTransport(kea.socket()), json, Duration.ofSeconds(120));
            OuiRegistry oui = new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV);
            LeaseService classifier = new LeaseService(client, null, null, oui, Clock.systemUTC());
            List<Double> fetch = new ArrayList<>();
            for (int i = 0; i < REPEATS + 1; i++) {
                long s = System.nanoTime();
                var config = client.config();
                var all = client.allLeases();
                classifier.classify(config, all);
                fetch.add(ms(System.nanoTime() - s) * 1.0);
            }
            double firstFetch = fetch.remove(0);
            row("fetch + parse + classify, first (cold JVM)", firstFetch, "ms", socat, "socat");
            row("fetch + parse + classify (lease4-get-page 500)", median(fetch), "ms", socat, "socat   goal <= 1.5x");

            if (Files.isRegularFile(jar)) {
                double cli = cli(jar, kea, 3);
                row("CLI process: leases list --format csv (JVM start..exit)", cli, "ms", socat, "socat   goal <= 3x");
            } else {
                System.out.println("(no " + jar + ": build it with ./gatehouse --version to measure the CLI process)");
            }
            double cliSearch = cliSearch(classifier.classify(client.config(), client.allLeases()));
            row("  baseline: one search pass the CLI's way (leases list --search)", cliSearch, "ms", null, null);
            gui(kea, client, oui, leases);
            if (!Boolean.getBoolean("bench.noWindow")) {
                RealWindow.report(kea, leases.size());
            }
        }
        if (count == 50_000 && Files.isRegularFile(jar)) {
            System.out.println();
            for (int n : new int[] {1_000, 10_000}) {
                try (LocalKea kea = ScaleKea.start(json, ScaleKea.leases(n, Instant.now(), 7))) {
                    double socat = socat(kea, REPEATS);
                    double cli = cli(jar, kea, 3);
                    row(String.format(Locale.ROOT, "%,d leases: socat + lease4-get-all", n), socat, "ms", null, null);
                    row(String.format(Locale.ROOT, "%,d leases: CLI leases list (whole process)", n), cli, "ms", socat, "socat");
                }
            }
        }
        Platform.exit();
    }

    private static void gui(LocalKea kea, KeaClient client, OuiRegistry oui, List<Lease> leases) throws Exception {
        Path dir = Files.createTempDirectory("gh-bench-");
        Database db = Database.open(dir.resolve("cache.db"));
        FxTaskExecutor tasks = new FxTaskExecutor();
        LeaseService service = new LeaseService(client, new ObservationStore(db), new ActionLog(db, "bench", "bench"), oui, Clock.systemUTC());
        ConsoleContext ctx = ConsoleContext.builder(tasks, Clock.systemUTC()).kea(kea.endpoint(), service, new StatusService(client)).refreshSeconds(2).build();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        LeasesViewModel[] vmBox = new LeasesViewModel[1];
        LeasesView[] viewBox = new LeasesView[1];
        fx(() -> {
            ShellViewModel shell = new ShellViewModel(kea.endpoint(), java.time.ZoneId.systemDefault());
            LeasesViewModel vm = new LeasesViewModel(org.gatehouse.ui.leases.LeasesAccess.from(ctx), shell);
            Stage stage = new Stage();
            LeasesView view = new LeasesView(vm, new org.gatehouse.ui.dialog.FxDialogService(() -> null));
            stage.setScene(new Scene(view, 1200, 720));
            stage.show();
            vmBox[0] = vm;
            viewBox[0] = view;
            return null;
        });
        LeasesViewModel vm = vmBox[0];
        LeasesView view = viewBox[0];
        fxThread = fx(Thread::currentThread);
        renderThread = Thread.getAllStackTraces().keySet().stream().filter(th -> th.getName().startsWith("QuantumRenderer"))
                .findFirst().orElse(fxThread);
        long s = System.nanoTime();
        fx(() -> {
            vm.start();
            return null;
        });
        await(() -> fx(() -> vm.idle() && vm.visibleRows().size() == leases.size()));
        System.out.println();
        row("console: first load of all leases (fetch, record, table)", ms(System.nanoTime() - s), "ms", null, null);

        // Warm up the refresh path, then one refresh with 1 % of the leases changed in Kea.
        for (int i = 0; i < 3; i++) {
            refresh(vm);
        }
        StallProbe quiet = StallProbe.start();
        double quietCpu0 = fxCpu();
        long quiet0 = System.nanoTime();
        Thread.sleep(1000);
        // What the FX thread spends with nothing to do but run the probe's tasks, per ms: subtracted below.
        double probeCpuPerMs = (fxCpu() - quietCpu0) / ((System.nanoTime() - quiet0) / 1e6);
        double idleStall = quiet.stop();
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
            double took = refresh(vm);
            refreshRender.add(cpu(renderThread) - render0);
            totals.add(took);
            refreshCpu.add(fxCpu() - cpu0 - probeCpuPerMs * took);
            gcs.add((double) (gcMillis() - gc0));
            stalls.add(probe.stop());
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

        // Search keystrokes: each is a filter pass over every row, off the FX thread.
        String[] typed = {"i", "ip", "iph", "ipho", "iphon", "iphone", "iphone-1", "iphone-12"};
        List<Double> keys = new ArrayList<>();
        List<Double> keyApplies = new ArrayList<>();
        List<Double> keyStalls = new ArrayList<>();
        List<Double> keyCpu = new ArrayList<>();
        List<Double> keyRender = new ArrayList<>();
        for (int rep = 0; rep < 2; rep++) {
            for (String text : typed) {
                StallProbe probe = StallProbe.start();
                double cpu0 = fxCpu();
                double render0 = cpu(renderThread);
                long k = System.nanoTime();
                fx(() -> {
                    vm.searchProperty().set(text);
                    return null;
                });
                await(() -> fx(vm::idle));
                fx(() -> null);
                double took = (System.nanoTime() - k) / 1e6;
                keys.add(took);
                keyCpu.add(fxCpu() - cpu0 - probeCpuPerMs * took);
                keyStalls.add(probe.stop());
                keyRender.add(cpu(renderThread) - render0);
                keyApplies.add(fx(vm::lastApplyNanos) / 1e6);
            }
            fx(() -> {
                vm.searchProperty().set("");
                return null;
            });
            await(() -> fx(vm::idle));
        }
        System.out.printf(Locale.ROOT, "  (load average %s)%n", loadAverage());
        row("search keystroke over all rows: typed..table shows result", median(keys), "ms", 50.0, "of the 50 ms goal");
        row("search keystroke: applying the result on the FX thread", median(keyApplies), "ms", 16.0, "of the 16 ms frame");
        row("search keystroke: FX-thread CPU time, apply + redraw (*)", median(keyCpu), "ms", 16.0, "of the 16 ms frame");
        row("search keystroke: longest FX-thread stall (wall)", median(keyStalls), "ms", 16.0, "of the 16 ms frame");
        row("search keystroke: renderer thread CPU (software redraw)", median(keyRender), "ms", null, null);
        // Baseline for the redraw: what scrolling the table by one page costs the FX thread (every visible row changes too).
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

        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        row(String.format(Locale.ROOT, "memory with %,d rows: heap after GC", leases.size()), heap / 1048576.0, "MB", null, null);
        row("memory: process RSS, headless (console + bench in one JVM)", rssMb(), "MB", null, null);
        tasks.close();
        db.close();
    }

    private static Thread fxThread;
    private static Thread renderThread;

    private static double cpu(Thread t) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId()) / 1e6;
    }

    /** Median ms of one filter pass over every lease the way the CLI searches (a haystack per lease, then match). */
    private static double cliSearch(List<org.gatehouse.model.ClassifiedLease> all) {
        List<Double> times = new ArrayList<>();
        for (String text : new String[] {"i", "ip", "iph", "ipho", "iphon", "iphone", "iphone-1", "iphone-12"}) {
            long s = System.nanoTime();
            org.gatehouse.policy.LeaseFilter.Compiled c = new org.gatehouse.policy.LeaseFilter(text, null, null).compile();
            int n = 0;
            for (org.gatehouse.model.ClassifiedLease cl : all) {
                n += c.matches(cl, org.gatehouse.policy.LeaseFilter.Haystack.of(cl)) ? 1 : 0;
            }
            times.add((System.nanoTime() - s) / 1e6 + n * 0.0);
        }
        return median(times);
    }

    /** CPU time the FX thread has used so far, ms: unlike wall time, not inflated when other processes load the machine. */
    private static double fxCpu() {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(fxThread.getId()) / 1e6;
    }

    /** Triggers one refresh on the FX thread and waits until the table shows its result; ms. */
    private static double refresh(LeasesViewModel vm) throws Exception {
        long s = System.nanoTime();
        fx(() -> {
            vm.refresh();
            return null;
        });
        await(() -> fx(vm::idle));
        return (System.nanoTime() - s) / 1e6;
    }

    static <T> T fx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Check c) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!c.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(1);
        }
    }

    private static double socat(LocalKea kea, int repeats) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeats + 1; i++) {
            long s = System.nanoTime();
            Process p = new ProcessBuilder("sh", "-c", "printf '%s' '{\"command\":\"lease4-get-all\"}' | socat -t 300 -T 300 - UNIX-CONNECT:"
                    + kea.socket()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("socat failed");
            }
            if (i > 0) {
                times.add((System.nanoTime() - s) / 1e6);
            }
        }
        return median(times);
    }

    private static double cli(Path jar, LocalKea kea, int repeats) throws Exception {
        Path db = Files.createTempFile("gh-bench-cli-", ".db");
        Files.delete(db);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeats + 1; i++) {
            long s = System.nanoTime();
            // The same JVM options as this process (the launcher passes its own to both).
            List<String> cmd = new ArrayList<>(List.of("java"));
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(o -> o.startsWith("-X")).forEach(cmd::add);
            cmd.addAll(List.of("-jar", jar.toString(), "--kea", kea.endpoint(), "--db", db.toString(), "leases", "list", "--format", "csv"));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("gatehouse leases list failed");
            }
            if (i > 0) {
                times.add((System.nanoTime() - s) / 1e6);
            }
        }
        return median(times);
    }

    private static String versionOf() {
        try {
            Process p = new ProcessBuilder(LocalKea.binary().toString(), "-v").redirectErrorStream(true).start();
            return "kea-dhcp4 " + new String(p.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "kea-dhcp4 (version unknown)";
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    static void row(String what, double value, String unit, Double baseline, String of) {
        String ratio = baseline == null ? "" : String.format(Locale.ROOT, "%5.2fx %s", value / baseline, of);
        System.out.printf(Locale.ROOT, "%-62s %8.1f %-3s %s%n", what, value, unit, ratio);
    }
}
