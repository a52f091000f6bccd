package org.gatehouse.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.testing.ScaleKea;

/**
 * Start-up and whole-process speed, as a user meets it, each figure beside its goal and a baseline
 * measured in the same run (README, "Performance"; issue 13): {@code gatehouse --version} beside
 * {@code /bin/true} and a plain JVM printing "hello"; {@code leases list --format json} at N leases
 * (default 50,000) on a real kea-dhcp4 beside {@code socat} + {@code lease4-get-all}, with a new
 * empty cache and with the cache of the run before; the console's first frame (StartupWindow);
 * the .deb's size. Each process is measured as the launcher {@code ./gatehouse} (jar) and, when
 * {@code packaging/jpackage.sh} has built it, as the package starts it: the app image
 * {@code target/dist/gatehouse} through a copy of /usr/bin/gatehouse (packaging/deb/gatehouse) with the
 * app's CDS archive made as postinst makes it, and with the runtime's archive in its place (the
 * install-time dump failed).
 * Medians of several runs; the machine's load average is printed with them.
 * Run: {@code ./gatehouse bench startup [N]}. Not a test: it measures.
 */
public final class StartupBench {
    static final int RUNS = 5;

    /** One way of starting Gatehouse; {@code javaToolOptions} (or null) passed to its JVM. */
    record Form(String name, List<String> command, String javaToolOptions) {
    }

    /** Wall-clock and CPU (user + system) time of one process, ms. */
    record Took(double wallMs, double cpuMs) {
    }

    private StartupBench() {
    }

    public static void main(String[] args) {
        int code = 0;
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 50_000);
        } catch (Exception | Error e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    private static void run(int count) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        List<Form> forms = new ArrayList<>(List.of(new Form("jar launcher ./gatehouse", List.of(repo.resolve("gatehouse").toString()), null)));
        Path image = repo.resolve("target/dist/gatehouse");
        System.out.printf(Locale.ROOT, "Gatehouse start-up benchmark: %d CPUs, Java %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
        Path work = Files.createTempDirectory("gh-startup-");
        try {
            if (Files.isRegularFile(image.resolve("lib/app/gatehouse.jsa")) && Files.isExecutable(image.resolve("bin/gatehouse-sw"))) {
                forms.add(new Form("installed (app image + app CDS archive)", List.of(wrapper(repo, image, work).toString()), null));
                forms.add(new Form("installed, dump failed (runtime's archive)",
                        List.of(wrapper(repo, withRuntimeArchive(image, work), work).toString()), null));
            } else {
                System.out.println("(no app image with its CDS archive: packaging/jpackage.sh app-image builds it)");
            }
            for (Form f : forms) {
                System.out.printf(Locale.ROOT, "%s: %s%n", f.name(), cdsUse(f, work));
            }
            System.out.println();
            // -Dbench.only=version,leases: some sections (e.g. for a checkout whose console logs no first frame).
            List<String> only = List.of(System.getProperty("bench.only", "version,leases,window,deb").split(","));
            if (only.contains("version")) {
                version(forms, work);
            }
            if (only.contains("leases")) {
                leases(forms, count, work);
            }
            if (only.contains("window")) {
                StartupWindow.report(forms, work);
            }
            if (only.contains("deb")) {
                deb(repo);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf(Locale.ROOT, "%nload average at the end: %s (each figure is a median of %d runs; wall time grows with the load,"
                + " CPU time much less)%n", loadAverage(), RUNS);
    }

    private static void version(List<Form> forms, Path work) throws Exception {
        System.out.println("gatehouse --version, whole process (load average " + loadAverage() + ")");
        row("  baseline: /bin/true", median(work, List.of("/bin/true")), null, null);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Took hello = median(work, List.of(java, "-cp", System.getProperty("java.class.path").split(File.pathSeparator)[0],
                Hello.class.getName()));
        row("  baseline: a JVM printing hello (java -cp ... Hello)", hello, null, null);
        for (Form f : forms) {
            Took v = median(work, f, with(f, "--version"));
            row("  " + f.name() + " --version", v, 300.0, "of the 300 ms goal");
            row("  " + f.name() + " --help", median(work, f, with(f, "--help")), hello.wallMs(), "JVM hello");
        }
        System.out.println();
    }

    private static void leases(List<Form> forms, int count, Path work) throws Exception {
        try (LocalKea kea = ScaleKea.start(new KeaJson(), ScaleKea.leases(count, Instant.now(), 42))) {
            System.out.printf(Locale.ROOT, "leases list --format json, %,d leases on a real kea-dhcp4, whole process (load average %s)%n",
                    count, loadAverage());
            List<String> socat = List.of("sh", "-c", "printf '%s' '{\"command\":\"lease4-get-all\"}' | socat -t 300 -T 300 - UNIX-CONNECT:"
                    + kea.socket());
            Took base = median(work, null, socat);
            row("  baseline: socat + lease4-get-all", base, null, null);
            for (Form f : forms) {
                List<Took> fresh = new ArrayList<>();
                List<Took> warm = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    Path cache = Files.createDirectories(work.resolve("cache-" + forms.indexOf(f) + "-" + i));
                    List<String> cmd = with(f, "--kea", kea.endpoint(), "--db", cache.resolve("cache.db").toString(),
                            "leases", "list", "--format", "json");
                    fresh.add(time(work, f, cmd));
                    warm.add(time(work, f, cmd));
                }
                row("  " + f.name() + ", new empty cache", medianOf(fresh), base.wallMs(), "socat   goal <= 2.0x (stretch 1.5x)");
                row("  " + f.name() + ", cache of the run before", medianOf(warm), base.wallMs(), "socat   goal <= 2.0x (stretch 1.5x)");
            }
            for (Form f : forms) {
                breakdown(f, kea, work);
            }
        }
        System.out.println();
    }

    /** One more run each with a new and a warm cache, with GATEHOUSE_TIMING=1: where the time went (README, "Performance"). */
    private static void breakdown(Form f, LocalKea kea, Path work) throws Exception {
        Path cache = Files.createDirectories(work.resolve("cache-timing-" + f.name().hashCode()));
        List<String> cmd = with(f, "--kea", kea.endpoint(), "--db", cache.resolve("cache.db").toString(), "leases", "list", "--format", "json");
        for (String which : List.of("new empty cache", "cache of the run before")) {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            environment(pb, work, f).put("GATEHOUSE_TIMING", "1");
            Path err = work.resolve("timing.txt");
            long t = System.nanoTime();
            Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timing run: not done in 300 s");
            }
            System.out.printf(Locale.ROOT, "  where the time went, %s, %s (one run of %.0f ms, load average %s):%n", f.name(), which,
                    (System.nanoTime() - t) / 1e6, loadAverage());
            Files.readAllLines(err, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("timing: "))
                    .forEach(l -> System.out.println("    " + l.substring("timing: ".length())));
        }
    }

    private static void deb(Path repo) throws IOException {
        Path dist = repo.resolve("target/dist");
        if (!Files.isDirectory(dist)) {
            System.out.println("(no target/dist: packaging/jpackage.sh builds the app image and the .deb)");
            return;
        }
        try (Stream<Path> files = Files.list(dist)) {
            for (Path deb : files.filter(p -> p.toString().endsWith(".deb")).toList()) {
                double mb = Files.size(deb) / 1048576.0;
                System.out.printf(Locale.ROOT, "%n%-66s %8.1f MB  %5.2fx of the 60 MB goal%n", deb.getFileName(), mb, mb / 60);
            }
        }
    }

    /** How much of --version's class loading the CDS archives serve (the JVM's class-load log). */
    private static String cdsUse(Form f, Path work) throws Exception {
        Path log = Files.createTempFile(work, "classes-", ".log");
        Files.delete(log);
        ProcessBuilder pb = new ProcessBuilder(with(f, "--version"));
        environment(pb, work, f).put("JAVA_TOOL_OPTIONS", (f.javaToolOptions() == null ? "" : f.javaToolOptions() + " ")
                + "-Xlog:class+load=info:file=" + log);
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(120, TimeUnit.SECONDS);
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        long shared = lines.stream().filter(l -> l.contains("source: shared objects file")).count();
        long own = lines.stream().filter(l -> l.contains(" org.gatehouse.")).count();
        long ownShared = lines.stream().filter(l -> l.contains(" org.gatehouse.") && l.contains("shared objects file")).count();
        return String.format(Locale.ROOT, "--version loads %d classes, %d of them from CDS archives (of Gatehouse's own: %d of %d)",
                lines.size(), shared, ownShared, own);
    }

    /** A copy of the package's /usr/bin/gatehouse that starts {@code image} instead of /opt/gatehouse. */
    private static Path wrapper(Path repo, Path image, Path work) throws IOException {
        String script = Files.readString(repo.resolve("packaging/deb/gatehouse"), StandardCharsets.UTF_8);
        if (!script.contains("/opt/gatehouse/lib/")) {
            throw new IllegalStateException("packaging/deb/gatehouse does not start /opt/gatehouse/…");
        }
        Path copy = Files.createTempFile(work, "usr-bin-gatehouse-", "");
        Files.writeString(copy, script.replace("/opt/gatehouse/", image + "/"), StandardCharsets.UTF_8);
        copy.toFile().setExecutable(true);
        return copy;
    }

    /** The image as installed when gatehouse-cds could not dump: hard links, with the runtime's archive copied as the app's. */
    private static Path withRuntimeArchive(Path image, Path work) throws Exception {
        Path copy = work.resolve("image-runtime-archive");
        Process cp = new ProcessBuilder("cp", "-al", image.toString(), copy.toString()).inheritIO().start();
        if (cp.waitFor() != 0) {
            throw new IllegalStateException("cp -al " + image + " failed");
        }
        Path archive = copy.resolve("lib/app/gatehouse.jsa");
        Files.delete(archive);
        Files.copy(copy.resolve("lib/runtime/lib/server/classes.jsa"), archive);
        return copy;
    }

    static List<String> with(Form f, String... args) {
        List<String> cmd = new ArrayList<>(f.command());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** As below, plus the form's JVM options. */
    static Map<String, String> environment(ProcessBuilder pb, Path work, Form f) throws IOException {
        Map<String, String> env = environment(pb, work);
        if (f != null && f.javaToolOptions() != null) {
            env.put("JAVA_TOOL_OPTIONS", f.javaToolOptions());
        }
        return env;
    }

    /** The user's directories under {@code work}, none of the caller's Gatehouse or XDG settings. */
    static Map<String, String> environment(ProcessBuilder pb, Path work) throws IOException {
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_") || k.equals("DISPLAY") || k.equals("JAVA_TOOL_OPTIONS"));
        env.put("HOME", Files.createDirectories(work.resolve("home")).toString());
        env.put("XDG_STATE_HOME", work.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", work.resolve("config").toString());
        return env;
    }

    /** One warm-up run, then the median of {@link #RUNS}. */
    private static Took median(Path work, List<String> cmd) throws Exception {
        return median(work, null, cmd);
    }

    private static Took median(Path work, Form f, List<String> cmd) throws Exception {
        time(work, f, cmd);
        List<Took> all = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            all.add(time(work, f, cmd));
        }
        return medianOf(all);
    }

    /** Runs {@code cmd} to its end, output discarded; the CPU time is what this JVM's waited-for children used meanwhile. */
    static Took time(Path work, Form f, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        environment(pb, work, f);
        Path err = work.resolve("stderr.txt");
        double cpu0 = childrenCpuMs();
        long t = System.nanoTime();
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + ": not done in 300 s");
        }
        double wall = (System.nanoTime() - t) / 1e6;
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": exit " + p.exitValue() + "\n" + Files.readString(err));
        }
        return new Took(wall, childrenCpuMs() - cpu0);
    }

    /** cutime + cstime of /proc/self/stat (clock ticks of 10 ms): CPU time of the children this JVM has waited for. */
    private static double childrenCpuMs() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * 10.0;
    }

    static Took medianOf(List<Took> xs) {
        return new Took(median(xs.stream().map(Took::wallMs).toList()), median(xs.stream().map(Took::cpuMs).toList()));
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    static void row(String what, Took t, Double baseline, String of) {
        String ratio = baseline == null ? "" : String.format(Locale.ROOT, "%5.2fx %s", t.wallMs() / baseline, of);
        String cpu = t.cpuMs() < 0 ? "" : String.format(Locale.ROOT, "(CPU %5.0f)", t.cpuMs());
        System.out.printf(Locale.ROOT, "%-62s %7.0f ms %-11s %s%n", what, t.wallMs(), cpu, ratio);
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The reference JVM: starts, prints, ends. */
    public static final class Hello {
        private Hello() {
        }

        public static void main(String[] args) {
            System.out.println("hello");
        }
    }
}
