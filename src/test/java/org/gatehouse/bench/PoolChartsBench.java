package org.gatehouse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.gatehouse.policy.ActivityStats;
import org.gatehouse.policy.Anomalies;
import org.gatehouse.policy.AnomalyThresholds;
import org.gatehouse.policy.ChartSet;
import org.gatehouse.policy.PoolHistory;
import org.gatehouse.store.AnomalyLog;
import org.gatehouse.store.Database;
import org.gatehouse.store.LeaseEvents;
import org.gatehouse.store.PoolSamples;
import org.gatehouse.testing.HistoryGenerator;
import org.gatehouse.ui.pools.PoolChartsView;
import org.gatehouse.ui.pools.PoolChartsViewModel;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * The Pools screen's charts for 30 days of 5,000 devices (20 guest subnets, 60 pools; generated
 * with the real thinning): the computation off the FX thread (SQL averaging into buckets, one
 * subnet's utilisation plus activity, queue, decisions and the anomaly list; and every subnet's
 * lines, as the report draws them), then the FX thread's part (series handed to four charts, CSS
 * and layout) in headless Monocle. Baseline in the same run: reading the subnet's raw 30 days of
 * rows without averaging. Goals: off the FX thread < 500 ms, on it < 16 ms. Median of 7.
 * Run: {@code mvn -B -ntp -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * -Dmdep.includeScope=test}, then {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt)
 * org.gatehouse.bench.PoolChartsBench}. Not a test: nothing here passes or fails, it measures.
 */
public final class PoolChartsBench {
    private static final int REPEATS = 7;

    public static void main(String[] args) {
        int code = 0;
        try {
            run();
        } catch (Exception | Error e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code); // JavaFX's threads would keep the JVM alive
    }

    private static void run() throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        Path dir = Files.createTempDirectory("gh-charts-bench-");
        Instant now = Instant.now();
        try (Database db = Database.open(dir.resolve("cache.db"))) {
            long t = System.nanoTime();
            HistoryGenerator g = new HistoryGenerator(db, 20, 5000);
            g.generate(now, 31);
            g.decisions(now, 30, 600);
            System.out.printf(Locale.ROOT, "generated 31 days, 5,000 devices, 60 pools in %.0f s; cache %.1f MB; %d CPUs, load %s%n",
                    (System.nanoTime() - t) / 1e9, db.sizeOnDisk() / 1048576.0, Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            LeaseEvents events = new LeaseEvents(db);
            PoolSamples samples = new PoolSamples(db);
            PoolHistory history = new PoolHistory(samples, events, new Anomalies(events, new AnomalyLog(db), AnomalyThresholds.DEFAULTS),
                    Clock.systemUTC());
            ActivityStats stats = new ActivityStats(history);

            List<Double> baseline = new ArrayList<>();
            List<Double> screen = new ArrayList<>();
            List<Double> allSubnets = new ArrayList<>();
            ChartSet last = null;
            for (int i = 0; i < REPEATS; i++) {
                long a = System.nanoTime();
                samples.rows(now.minus(Duration.ofDays(30)), now.plusSeconds(60), 45L);
                baseline.add((System.nanoTime() - a) / 1e6);
                long b = System.nanoTime();
                last = stats.charts(ChartSet.Range.MONTH, 45L);
                history.anomalies().list(now.minus(Duration.ofDays(7)), now);
                screen.add((System.nanoTime() - b) / 1e6);
                long c = System.nanoTime();
                for (long subnet : last.subnets()) {
                    stats.utilization(now.minus(Duration.ofDays(30)), now.plusSeconds(60), ChartSet.Range.MONTH.sampleBucket(), subnet);
                }
                allSubnets.add((System.nanoTime() - c) / 1e6);
            }
            System.out.printf(Locale.ROOT, "baseline: the subnet's raw rows of 30 days, unaveraged: %.1f ms%n", median(baseline));
            System.out.printf(Locale.ROOT, "off the FX thread, the screen's charts of 30 days (one subnet + activity, queue, decisions,"
                    + " anomalies): %.1f ms (goal < 500 ms), %d points per tier%n", median(screen), last.utilization().get(0).size());
            System.out.printf(Locale.ROOT, "off the FX thread, every subnet's utilisation lines (20 subnets, as in the report): %.1f ms%n",
                    median(allSubnets));
            fx(last, stats.charts(ChartSet.Range.MONTH, 46L));
        }
    }

    /** The minute's update: the charts of one subnet, then another's (same lines, new points), as the screen does. */
    private static void fx(ChartSet charts, ChartSet other) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        PoolChartsViewModel model = new PoolChartsViewModel(Optional.empty(), TaskExecutor.sameThread(), Clock.systemUTC(), ZoneOffset.UTC,
                a -> { });
        PoolChartsView[] view = new PoolChartsView[1];
        onFx(() -> {
            view[0] = new PoolChartsView(model, ZoneOffset.UTC);
            Stage stage = new Stage();
            stage.setScene(new Scene(view[0], 1200, 760));
            stage.show();
        });
        List<Double> set = new ArrayList<>();
        List<Double> layout = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < REPEATS + 2; i++) {
            ChartSet next = i % 2 == 0 ? charts : other;
            double[] ms = new double[3];
            onFx(() -> {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long a = System.nanoTime();
                model.chartsProperty().set(next);
                long b = System.nanoTime();
                view[0].applyCss();
                view[0].layout();
                ms[0] = (b - a) / 1e6;
                ms[1] = (System.nanoTime() - b) / 1e6;
                ms[2] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
            });
            if (i >= 2) { // the first two warm the JIT and the skins
                set.add(ms[0]);
                layout.add(ms[1]);
                cpu.add(ms[2]);
            }
        }
        System.out.printf(Locale.ROOT, "on the FX thread, a minute's update: series into 5 charts %.1f ms + CSS and layout %.1f ms"
                + " = %.1f ms wall clock; FX-thread CPU time %.1f ms (goal < 16 ms)%n", median(set), median(layout),
                median(set) + median(layout), median(cpu));
        double[] first = new double[1];
        onFx(() -> {
            PoolChartsView fresh = new PoolChartsView(model, ZoneOffset.UTC);
            long a = System.nanoTime();
            view[0].getScene().setRoot(fresh);
            fresh.applyCss();
            fresh.layout();
            first[0] = (System.nanoTime() - a) / 1e6;
        });
        System.out.printf(Locale.ROOT, "on the FX thread, opening the tab (charts built, styled and laid out the first time): %.1f ms%n",
                first[0]);
    }

    private static void onFx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        done.get(30, TimeUnit.SECONDS);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
