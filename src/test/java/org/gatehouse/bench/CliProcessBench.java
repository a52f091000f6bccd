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
            List<Double> socat = new ArrayList<>();
            for (int i = 0; i <= REPEATS; i++) {
                long s = System.nanoTime();
                Process p = new ProcessBuilder("sh", "-c", "printf '%s' '{\"command\":\"lease4-get-all\"}' | socat -t 300 -T 300 - UNIX-CONNECT:"
                        + kea.socket()).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("socat failed");
                }
                if (i > 0) {
                    socat.add(CacheBench.ms(s));
                }
            }
            double base = median(socat);
            System.out.printf(Locale.ROOT, "   %-58s %8.0f ms%n", "baseline: socat + lease4-get-all", base);
            int n = 0;
            for (Path jar : jars) {
                List<Double> fresh = new ArrayList<>();
                List<Double> warm = new ArrayList<>();
                Path warmDb = dir.resolve("warm-" + n + ".db");
                cli(jar, kea, warmDb); // records the list once: the warm runs find it unchanged
                for (int i = 0; i < REPEATS; i++) {
                    fresh.add(cli(jar, kea, dir.resolve("fresh-" + n + "-" + i + ".db")));
                    warm.add(cli(jar, kea, warmDb));
                }
                n++;
                System.out.printf(Locale.ROOT, "   %-58s %8.0f ms  %5.2fx socat%n", jar + ", fresh cache", median(fresh), median(fresh) / base);
                System.out.printf(Locale.ROOT, "   %-58s %8.0f ms  %5.2fx socat%n", jar + ", warm cache", median(warm), median(warm) / base);
            }
        }
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
