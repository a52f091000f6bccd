package org.gatehouse.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.testing.ScaleKea;

/**
 * Whole-process {@code gatehouse leases list --format json} against a real kea-dhcp4 holding N
 * leases, beside {@code socat} + {@code lease4-get-all} to the same Kea in the same run. Each jar
 * is run with a fresh cache (a new file each time: every lease recorded) and with a warm cache
 * (the same list recorded by the call before). Part of {@link CacheBench} ({@code process}).
 */
final class CliProcessBench {
    private static final int REPEATS = 5;
    private static final Path TIME = Path.of("/usr/bin/time");

    private CliProcessBench() {
    }

    static void run(Path dir, List<Path> jars, int count) throws Exception {
        System.out.println();
        System.out.printf(Locale.ROOT, "== Whole process: leases list --format json at %,d leases (median of %d)%n", count, REPEATS);
        try (LocalKea kea = ScaleKea.start(new KeaJson(), ScaleKea.leases(count, Instant.now(), 42))) {
            socat(kea); // warm-up: Kea's first answer and the page cache
            List<Path> warmDbs = new ArrayList<>();
            for (int n = 0; n < jars.size(); n++) {
                warmDbs.add(dir.resolve("warm-" + n + ".db"));
                cli(jars.get(n), kea, warmDbs.get(n), null); // records the list once: the warm runs find it unchanged
            }
            // Round robin, so that load from other processes on the machine falls on every figure alike.
            List<Double> socat = new ArrayList<>();
            List<List<Double>> fresh = new ArrayList<>();
            List<List<Double>> warm = new ArrayList<>();
            List<List<Double>> freshCpu = new ArrayList<>();
            List<List<Double>> warmCpu = new ArrayList<>();
            for (List<List<Double>> l : List.of(fresh, warm, freshCpu, warmCpu)) {
                jars.forEach(j -> l.add(new ArrayList<>()));
            }
            for (int i = 0; i < REPEATS; i++) {
                socat.add(socat(kea));
                for (int n = 0; n < jars.size(); n++) {
                    fresh.get(n).add(cli(jars.get(n), kea, dir.resolve("fresh-" + n + "-" + i + ".db"), freshCpu.get(n)));
                    warm.get(n).add(cli(jars.get(n), kea, warmDbs.get(n), warmCpu.get(n)));
                }
            }
            double base = median(socat);
            System.out.printf(Locale.ROOT, "   %-58s %8.0f ms%n", "baseline: socat + lease4-get-all", base);
            for (int n = 0; n < jars.size(); n++) {
                System.out.printf(Locale.ROOT, "   %-58s %8.0f ms  %5.2fx socat   CPU %s%n", jars.get(n) + ", fresh cache",
                        median(fresh.get(n)), median(fresh.get(n)) / base, cpu(freshCpu.get(n)));
                System.out.printf(Locale.ROOT, "   %-58s %8.0f ms  %5.2fx socat   CPU %s%n", jars.get(n) + ", warm cache",
                        median(warm.get(n)), median(warm.get(n)) / base, cpu(warmCpu.get(n)));
            }
        }
    }

    private static double socat(LocalKea kea) throws Exception {
        long s = System.nanoTime();
        Process p = new ProcessBuilder("sh", "-c", "printf '%s' '{\"command\":\"lease4-get-all\"}' | socat -t 300 -T 300 - UNIX-CONNECT:"
                + kea.socket()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("socat failed");
        }
        return CacheBench.ms(s);
    }

    /** Wall-clock ms of one run; its CPU seconds (user + system, from /usr/bin/time when installed) go to {@code cpu}. */
    private static double cli(Path jar, LocalKea kea, Path db, List<Double> cpu) throws Exception {
        Path times = Files.createTempFile(db.getParent(), "time-", ".txt");
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(TIME)) {
            cmd.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", times.toString()));
        }
        cmd.addAll(List.of("java", "-jar", jar.toString(), "--kea", kea.endpoint(), "--db", db.toString(), "leases", "list",
                "--format", "json"));
        long s = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gatehouse leases list failed");
        }
        double ms = CacheBench.ms(s);
        if (!Files.isRegularFile(db)) {
            throw new IllegalStateException("no cache written at " + db);
        }
        String[] userSys = Files.readString(times).trim().split("\\s+");
        if (cpu != null && userSys.length == 2) {
            cpu.add(Double.parseDouble(userSys[0]) + Double.parseDouble(userSys[1]));
        }
        Files.delete(times);
        return ms;
    }

    private static String cpu(List<Double> seconds) {
        return seconds.isEmpty() ? "(no /usr/bin/time)" : String.format(Locale.ROOT, "%.2f s", median(seconds));
    }

    private static double median(List<Double> xs) {
        return CacheBench.median(xs.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
