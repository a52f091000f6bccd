package org.gatehouse.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a command's time went, phase by phase: wall clock, and the CPU time the whole process used
 * meanwhile (every thread: the JIT compilers, the collector, the cache's writer; Linux, 10 ms steps). For {@code GATEHOUSE_TIMING=1} (README, "Performance"). {@link #OFF}, what every
 * caller gets unless the user asked, records nothing and costs nothing. Thread-safe: the cache is
 * recorded on a second thread while the list is printed.
 */
public class PhaseTimes {
    public static final PhaseTimes OFF = new PhaseTimes(0) {
        @Override
        public Running start(String phase) {
            return Running.NONE;
        }
    };

    /** One finished phase; {@code startMs} since the process started. */
    public record Phase(String name, double startMs, double wallMs, double cpuMs) {
    }

    private final long originNanos;
    private final List<Phase> phases = new ArrayList<>();

    /** @param sinceOriginMs how long before this call the clock starts (the process's age: its phases start there) */
    public PhaseTimes(long sinceOriginMs) {
        this.originNanos = System.nanoTime() - sinceOriginMs * 1_000_000;
    }

    /** A phase begun on this thread; {@link Running#close} ends it. */
    public Running start(String phase) {
        return new Running(this, phase, System.nanoTime(), cpuNanos());
    }

    /** A phase from the process's start to now, with the CPU time of the process so far. */
    public void sinceStart(String phase) {
        double now = (System.nanoTime() - originNanos) / 1e6;
        add(new Phase(phase, 0, now, cpuNanos() / 1e6));
    }

    private void add(Phase p) {
        synchronized (phases) {
            phases.add(p);
        }
    }

    public List<Phase> phases() {
        synchronized (phases) {
            return List.copyOf(phases);
        }
    }

    /** One line per phase, in the order they ended, as printed on stderr. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Phase p : phases()) {
            String cpu = Double.isNaN(p.cpuMs()) ? "" : String.format(Locale.ROOT, "  process CPU %6.0f ms", p.cpuMs());
            out.add(String.format(Locale.ROOT, "timing: %-34s from %6.0f ms  took %6.0f ms%s", p.name(), p.startMs(), p.wallMs(), cpu));
        }
        return out;
    }

    /** User and system time of this process so far (Linux: /proc/self/stat, in clock ticks of 10 ms); 0 elsewhere. */
    private static long cpuNanos() {
        String[] f = procSelfStat();
        return f.length > 12 ? (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L : 0;
    }

    /** How long ago this process started (Linux, to 10 ms: /proc/uptime and /proc/self/stat), or 0 when unknown. */
    public static long processAgeMs() {
        String[] f = procSelfStat();
        try {
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return f.length > 19 ? Math.max(0, Math.round(uptime * 1000 - Long.parseLong(f[19]) * 10)) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The fields of /proc/self/stat after the command name, or none. */
    private static String[] procSelfStat() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }

    /** A phase under way. */
    public static class Running implements AutoCloseable {
        static final Running NONE = new Running(null, null, 0, 0);

        private final PhaseTimes owner;
        private final String name;
        private final long startNanos;
        private final long cpuStart;

        Running(PhaseTimes owner, String name, long startNanos, long cpuStart) {
            this.owner = owner;
            this.name = name;
            this.startNanos = startNanos;
            this.cpuStart = cpuStart;
        }

        @Override
        public void close() {
            if (owner == null) {
                return;
            }
            long now = System.nanoTime();
            owner.add(new Phase(name, (startNanos - owner.originNanos) / 1e6, (now - startNanos) / 1e6, (cpuNanos() - cpuStart) / 1e6));
        }
    }
}
