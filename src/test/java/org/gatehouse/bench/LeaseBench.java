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
import javafx.application.Platform;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.Lease;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.testing.ScaleKea;

/**
 * The Leases screen at scale, against a real kea-dhcp4 started here with N leases (default
 * 50,000) pre-written into its memfile. Prints each figure with the baseline measured in the
 * same run: {@code socat} + {@code lease4-get-all} for fetching, the goal for the FX thread.
 * The Leases screen itself is measured by {@link LeasesScreenBench}; with {@code -Dbench.stallDetail=true}
 * the stall probe also says, on stderr, what each keystroke's longest stall was made of ({@link StallProbe}).
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
            LeasesScreenBench.run(kea, client, oui, leases);
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

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(Check c) throws Exception {
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

    static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    static double median(List<Double> xs) {
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
