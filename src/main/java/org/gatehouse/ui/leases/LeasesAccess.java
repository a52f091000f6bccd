package org.gatehouse.ui.leases;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gatehouse.policy.DecisionFlow;
import org.gatehouse.policy.KeaServers;
import org.gatehouse.policy.LeaseExport;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * What the Leases screen needs from the session, and nothing else: where work runs, the clock,
 * how often to re-read Kea, the lease listing (absent without Kea), where exports are written, and
 * the decision flow when this session may deny devices ({@link #canDenyAndBlock} when a switch is
 * configured too). The screen asks this record, never the console's nullable short paths.
 *
 * @param tasks   background work, results on the FX thread
 * @param decisionLane where "Deny and block" runs (the switch's lane: a save can take a minute)
 * @param leases  listing, release and device history (absent without --kea)
 * @param decisions the decision flow (absent in a read-only session)
 * @param export  writes the rows shown to a file
 * @param several every server, present when the session has more than one: the rows are their merged leases
 */
public record LeasesAccess(TaskExecutor tasks, TaskExecutor decisionLane, Clock clock, int refreshSeconds,
                           Optional<LeaseService> leases, Optional<DecisionFlow> decisions, Export export, Optional<KeaServers> several) {

    /** Writes exported rows; {@link LeaseExport#write} in the console. */
    @FunctionalInterface
    public interface Export {
        void write(Path file, LeaseExport.Format format, List<LeaseExport.Row> rows);
    }

    public LeasesAccess {
        Objects.requireNonNull(tasks);
        Objects.requireNonNull(decisionLane);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(leases);
        Objects.requireNonNull(decisions);
        Objects.requireNonNull(export);
        Objects.requireNonNull(several);
    }

    /** The Leases screen's part of the console's context. */
    public static LeasesAccess from(ConsoleContext context) {
        return new LeasesAccess(context.tasks(), context.tasks().lane("switch"), context.clock(), context.refreshSeconds(),
                context.kea().map(ConsoleContext.KeaAccess::leases),
                context.deciding().map(d -> d.decisions().flow()), LeaseExport::write,
                context.kea().flatMap(ConsoleContext.KeaAccess::several));
    }

    /** Only leases, as in a session without decisions (tests, the benchmark). */
    public static LeasesAccess reading(TaskExecutor tasks, Clock clock, int refreshSeconds, LeaseService leases) {
        return new LeasesAccess(tasks, tasks, clock, refreshSeconds, Optional.ofNullable(leases), Optional.empty(), LeaseExport::write,
                Optional.empty());
    }

    /** True with several servers: the table has a Servers column. */
    public boolean severalServers() {
        return several.isPresent();
    }

    public boolean connected() {
        return leases.isPresent();
    }

    /** True when "Deny and block…" can work: decisions, and a switch to block on. */
    public boolean canDenyAndBlock() {
        return decisions.map(DecisionFlow::canBlock).orElse(false);
    }
}
