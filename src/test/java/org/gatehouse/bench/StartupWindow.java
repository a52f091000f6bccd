package org.gatehouse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The console's first frame, whole process: its own Xvfb (no GPU: JavaFX draws in software), the
 * console started as a user starts it, and the time from starting the process to the line the
 * console logs when its window has drawn a scene for the first time ({@code ui/FirstFrames}: after
 * the first pulse that laid it out), read from the log file's own timestamp. With no Kea (a new
 * user: the connect page) and on the demo ({@code gatehouse demo}: the window says the demo is
 * starting, then shows its Leases screen once the demo's Kea, devices and switch are up; both times).
 */
final class StartupWindow {
    private static final int RUNS = 3;

    private StartupWindow() {
    }

    static void report(List<StartupBench.Form> forms, Path work) throws Exception {
        Process xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String display = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (display == null || !display.matches("\\d+")) {
                throw new IllegalStateException("Xvfb did not start");
            }
            System.out.println("the console's first frame, whole process, Xvfb (software rendering) (load average "
                    + StartupBench.loadAverage() + ")");
            for (StartupBench.Form f : forms) {
                row(f.name() + ", no Kea (connect page)", firstFrames(f, List.of(), ":" + display, work), 1500.0);
                List<Frame> demo = firstFrames(f, List.of("demo"), ":" + display, work);
                row(f.name() + ", demo (gatehouse demo)", demo, 2000.0);
                double site = StartupBench.median(demo.stream().map(Frame::siteMs).toList());
                System.out.printf(Locale.ROOT, "  %-60s %7.0f ms%n", "  … the demo's screens (its Kea, devices, switch up)", site);
            }
        } finally {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The window's first frame ({@code what}: its title then) and, for the demo, the first frame of its site's screens. */
    private record Frame(double ms, String what, double siteMs) {
    }

    private static final String FIRST_FRAME = "console: first frame of ";
    private static final String DEMO_SITE = FIRST_FRAME + "\"Gatehouse — demo — ";

    private static List<Frame> firstFrames(StartupBench.Form f, List<String> args, String display, Path work) throws Exception {
        // Each run a new user (home, state, log) of its own.
        firstFrame(f, args, display, Files.createTempDirectory(work, "window-"));
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            frames.add(firstFrame(f, args, display, Files.createTempDirectory(work, "window-")));
        }
        return frames;
    }

    /** A new user's first start (fresh home) until the first frame; then closed as by a TERM signal. */
    private static Frame firstFrame(StartupBench.Form f, List<String> args, String display, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(StartupBench.with(f, args.toArray(String[]::new)));
        StartupBench.environment(pb, dir, f).put("DISPLAY", display);
        Path log = dir.resolve("state/gatehouse/gatehouse.log");
        boolean demo = args.contains("demo");
        long started = System.currentTimeMillis();
        Process p = pb.redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (System.nanoTime() < deadline && p.isAlive()) {
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                    String first = lines.stream().filter(l -> l.contains(FIRST_FRAME)).findFirst().orElse(null);
                    String site = lines.stream().filter(l -> l.contains(DEMO_SITE)).findFirst().orElse(null);
                    if (first != null && (!demo || site != null)) {
                        int at = first.indexOf(FIRST_FRAME) + FIRST_FRAME.length();
                        return new Frame(loggedAt(first) - started, first.substring(at, first.indexOf(" drawn ")),
                                site == null ? Double.NaN : loggedAt(site) - started);
                    }
                }
                Thread.sleep(10);
            }
            throw new IllegalStateException("no first frame logged; stderr:\n" + Files.readString(dir.resolve("stderr.txt")));
        } finally {
            p.destroy(); // TERM: the demo's shutdown hook stops its Kea
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static long loggedAt(String line) {
        return OffsetDateTime.parse(line.substring(0, line.indexOf(' '))).toInstant().toEpochMilli();
    }

    private static void row(String what, List<Frame> frames, double goal) throws IOException {
        double median = StartupBench.median(frames.stream().map(Frame::ms).toList());
        System.out.printf(Locale.ROOT, "  %-60s %7.0f ms %-11s %5.2fx of the %.1f s goal   (%s)%n", what, median, "", median / goal,
                goal / 1000, frames.get(0).what());
    }
}
