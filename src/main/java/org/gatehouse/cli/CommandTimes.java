package org.gatehouse.cli;

import java.io.PrintWriter;
import org.gatehouse.model.PhaseTimes;

/** {@code GATEHOUSE_TIMING=1}: the phases of a command on stderr, from the process's start (README, "Performance"). */
final class CommandTimes {
    private CommandTimes() {
    }

    /** {@link PhaseTimes#OFF} unless asked for; else a clock that starts when this process did. */
    static PhaseTimes start(ConnectionOptions options) {
        if (!options.timing()) {
            return PhaseTimes.OFF;
        }
        PhaseTimes times = new PhaseTimes(PhaseTimes.processAgeMs());
        times.sinceStart("JVM start, picocli, logging");
        return times;
    }

    static void report(PhaseTimes times, PrintWriter err) {
        if (times == PhaseTimes.OFF) {
            return;
        }
        times.lines().forEach(err::println);
        times.sinceStart("total (to here)");
        err.println(times.lines().get(times.lines().size() - 1));
        err.flush();
    }
}
