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
                cli(jars.get(n), kea, warmDbs.get(n)); // records the list once: the warm runs find it unchanged
            }
            // Round robin, so that load from other processes on the machine falls on every figure alike.
            List<Double> socat = new ArrayList<>();
            List<List<Double>> fresh = new ArrayList<>();
            List<List<Double>> warm = new ArrayList<>();
            jars.forEach(j -> {
                fresh.add(new ArrayList<>());
                warm.add(new ArrayList<>());
            });
            for (int i = 0; i < REPEATS; i++) {
                socat.add(socat(kea));
                for (int n = 0; n < jars.size(); n++) {
                    fresh.get(n).add(cli(jars.get(n), kea, dir.resolve("fresh-" + n + "-" + i + ".db")));
                    warm.get(n).add(cli(jars.get(n), kea, warmDbs.get(n)));
                }
            }
            double base = median(socat);
            System.out.printf(Locale.ROOT, "   %-58s %8.0f ms%n", "baseline: socat + lease4-get-all", base);
            for (int n = 0; n < jars.size(); n++) {
                System.out.printf(Locale.ROOT, "   %-58s %8.0f ms  %5.2fx socat%n", jars.get(n) + ", fresh cache", median(fresh.get(n)),
                        median(fresh.get(n)) / base);
                System.out.printf(Locale.ROOT, "   %-58s %8.0f ms  %5.2fx socat%n", jars.get(n) + ", warm cache", median(warm.get(n)),
                        median(warm.get(n)) / base);
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

    private static double cli(Path jar, LocalKea kea, Path db) throws Exception {
        long s = System.nanoTime();
        Process p = new ProcessBuilder("java", "-jar", jar.toString(), "--kea", kea.endpoint(), "--db", db.toString(), "leases", "list",
                "--format", "json").redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gatehouse leases list failed");
        }
        double ms = CacheBench.ms(s);
        if (!Files.isRegularFile(db)) {
            throw new IllegalStateException("no cache written at " + db);
        }
        return ms;
    }

    private static double median(List<Double> xs) {
        return CacheBench.median(xs.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
