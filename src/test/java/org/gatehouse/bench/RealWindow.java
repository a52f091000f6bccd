package org.gatehouse.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.testing.ScaleKea;

/**
 * The console in a real window: its own Xvfb (software rendering, as on a machine without a GPU),
 * and the console started as {@code ./gatehouse} starts it — this JVM's {@code -X} options (the
 * launcher's, and its renderer choice: {@code -Dprism.*}, {@code GDK_GL} in the environment), JavaFX on the
 * module path from {@code target/javafx} — with {@link WindowProbe} as
 * main class on the real {@code Main}. Measures the resident memory once the Leases table holds
 * every lease, the time to the first frame, and (with Native Memory Tracking) where the memory goes.
 */
final class RealWindow {
    /** What one console run measured. */
    record Run(double firstFrameMs, double loadedMs, double rssMb, double rssMaxMb, double rssAnonMb, Map<String, Double> nmtMb,
               double nmtTotalMb) {
    }

    private static final int RSS_READINGS = 20;
    private static final long RSS_EVERY_MS = 500;

    private RealWindow() {
    }

    /** The real console in a real window (Xvfb): first frame, resident memory, and where it goes; an empty Kea as baseline. */
    static void report(LocalKea kea, int count) throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "the console in a real window (Xvfb, software rendering), started as ./gatehouse starts it:%n");
        RealWindow.Run full = RealWindow.measure(kea.endpoint(), count, false);
        RealWindow.Run empty;
        try (LocalKea none = ScaleKea.start(new KeaJson(), List.of())) {
            empty = RealWindow.measure(none.endpoint(), 0, false);
        }
        RealWindow.Run nmt = RealWindow.measure(kea.endpoint(), count, true);
        LeaseBench.row("first frame: JVM start..window shown", full.firstFrameMs(), "ms", null, null);
        LeaseBench.row(String.format(Locale.ROOT, "JVM start..table holds all %,d leases", count), full.loadedMs(), "ms", null, null);
        System.out.printf(Locale.ROOT, "  (load average %s; RSS: median and largest of %d readings over %.0f s, the heap grows and shrinks)%n",
                LeaseBench.loadAverage(), RSS_READINGS, RSS_READINGS * RSS_EVERY_MS / 1000.0);
        LeaseBench.row(String.format(Locale.ROOT, "RSS with the window open, %,d leases (median)", count), full.rssMb(), "MB", 400.0,
                "of the 400 MB goal");
        LeaseBench.row(String.format(Locale.ROOT, "RSS with the window open, %,d leases (largest)", count), full.rssMaxMb(), "MB", 400.0,
                "of the 400 MB goal");
        LeaseBench.row("  baseline: RSS with the window open, empty Kea", empty.rssMb(), "MB", null, null);
        LeaseBench.row("  of the RSS: anonymous memory (heap, malloc, thread stacks)", full.rssAnonMb(), "MB", null, null);
        System.out.printf(Locale.ROOT, "  where it goes, Native Memory Tracking (committed MB, a separate run with NMT on: RSS %.0f MB):%n", nmt.rssMb());
        StringBuilder line = new StringBuilder("   ");
        nmt.nmtMb().entrySet().stream().filter(e -> e.getValue() >= 1).sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> line.append(String.format(Locale.ROOT, " %s %.0f,", e.getKey(), e.getValue())));
        System.out.println(line.substring(0, line.length() - 1));
        System.out.printf(Locale.ROOT, "    JVM total %.0f MB; RSS beyond it (GTK, X11, fonts, JavaFX's native buffers, malloc): ~%.0f MB%n",
                nmt.nmtTotalMb(), nmt.rssMb() - nmt.nmtTotalMb());
    }

    /** Only the real-window figures: {@code RealWindow [N]} with the JVM options to pass on to the console (its own -X options). */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        try (LocalKea kea = ScaleKea.start(new KeaJson(), ScaleKea.leases(count, java.time.Instant.now(), 42))) {
            if (Boolean.getBoolean("bench.quick")) {
                Run r = measure(kea.endpoint(), count, false);
                System.out.printf(Locale.ROOT, "first frame %.0f ms, loaded %.0f ms, RSS %.1f MB (largest %.1f, anon %.1f), load average %s%n",
                        r.firstFrameMs(), r.loadedMs(), r.rssMb(), r.rssMaxMb(), r.rssAnonMb(), LeaseBench.loadAverage());
            } else {
                report(kea, count);
            }
        }
        System.exit(0);
    }

    /** Starts Xvfb, runs the console against {@code kea}, returns what it measured. */
    static Run measure(String keaEndpoint, int rows, boolean nativeTracking) throws Exception {
        Path dir = Files.createTempDirectory("gh-bench-window-");
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String display = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (display == null || !display.matches("\\d+")) {
                throw new IllegalStateException("Xvfb did not start");
            }
            return run(":" + display, dir, keaEndpoint, rows, nativeTracking);
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Run run(String display, Path dir, String kea, int rows, boolean nativeTracking) throws Exception {
        List<String> cp = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        String appPath = cp.stream().filter(e -> !e.contains("/org/openjfx/") && !e.contains("monocle"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dfile.encoding=UTF-8");
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(o -> (o.startsWith("-X") && !o.startsWith("-Xlog")) || o.startsWith("-Dprism.")).forEach(cmd::add);
        if (nativeTracking) {
            cmd.add("-XX:NativeMemoryTracking=summary");
        }
        String extra = System.getProperty("bench.childOptions", "");
        if (!extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-Dbench.rows=" + rows, "--module-path", "target/javafx", "--add-modules", "javafx.controls",
                "-cp", appPath, WindowProbe.class.getName(), "--kea", kea, "--db", dir.resolve("cache.db").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_"));
        pb.environment().put("DISPLAY", display);
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        Path err = dir.resolve("stderr.txt");
        Process p = pb.redirectError(err.toFile()).start();
        double shown = -1;
        double loaded = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = p.getOutputStream()) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("probe: shown ")) {
                    shown = Double.parseDouble(line.substring(13));
                } else if (line.startsWith("probe: loaded ")) {
                    loaded = Double.parseDouble(line.substring(14));
                } else if (line.equals("probe: ready")) {
                    List<Double> rss = new ArrayList<>();
                    for (int i = 0; i < RSS_READINGS; i++) {
                        rss.add(status(p.pid()).getOrDefault("VmRSS", -1L) / 1024.0);
                        Thread.sleep(RSS_EVERY_MS);
                    }
                    java.util.Collections.sort(rss);
                    Map<String, Long> status = status(p.pid());
                    Map<String, Double> nmt = new LinkedHashMap<>();
                    double total = nativeTracking ? nmt(p.pid(), nmt) : -1;
                    in.write('\n');
                    in.flush();
                    if (!p.waitFor(60, TimeUnit.SECONDS)) {
                        p.destroy();
                    }
                    return new Run(shown, loaded, rss.get(rss.size() / 2), rss.get(rss.size() - 1),
                            status.getOrDefault("RssAnon", -1L) / 1024.0, nmt, total);
                }
            }
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
        throw new IllegalStateException("the console ended before it was measured; its stderr:\n" + Files.readString(err));
    }

    /** The kB figures of /proc/PID/status. */
    private static Map<String, Long> status(long pid) throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            Matcher x = Pattern.compile("^(\\w+):\\s+(\\d+) kB").matcher(line);
            if (x.find()) {
                m.put(x.group(1), Long.parseLong(x.group(2)));
            }
        }
        return m;
    }

    /** Native Memory Tracking's committed MB per category, into {@code into}; returns its total. */
    private static double nmt(long pid, Map<String, Double> into) throws Exception {
        Process j = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid),
                "VM.native_memory", "summary").redirectErrorStream(true).start();
        String text = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        j.waitFor(60, TimeUnit.SECONDS);
        double total = -1;
        Matcher t = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(text);
        if (t.find()) {
            total = Long.parseLong(t.group(1)) / 1024.0;
        }
        Matcher c = Pattern.compile("-\\s+([A-Za-z][A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(text);
        while (c.find()) {
            into.put(c.group(1).trim(), Long.parseLong(c.group(2)) / 1024.0);
        }
        return total;
    }
}
