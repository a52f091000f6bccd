package org.gatehouse.ui;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.KeaServers;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.PoolService;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.ReservationEditor;
import org.gatehouse.policy.StatusService;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.ui.queue.QueueAccess;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * What the console's screens are built from: the executor and clock every screen needs, and the
 * capabilities this session has, each present or absent as a whole (a screen whose capability is
 * absent says it is not configured instead of failing). Built with {@link #builder}.
 *
 * @param kea       reading Kea: leases and status (absent without --kea)
 * @param deciding  approve/deny/reservations (absent in a read-only session)
 * @param switchAccess the switch (absent without --switch and --snmp)
 * @param audit     the Audit screen's cache tools (absent without a cache)
 * @param poolAccess the Pools screen (absent without Kea)
 * @param servers   every server's status, read off the FX thread (present only with several Kea servers)
 */
public record ConsoleContext(String endpoint, TaskExecutor tasks, Clock clock, int refreshSeconds, Optional<KeaAccess> kea,
                             Optional<Deciding> deciding, Optional<SwitchService> switchAccess, Optional<AuditTools> audit,
                             Optional<PoolService> poolAccess, Optional<java.util.function.Supplier<org.gatehouse.policy.ServersStatus.Report>> servers) {

    /** Reading Kea; {@code several}: every server, present when the session has more than one (the Leases screen merges them). */
    public record KeaAccess(LeaseService leases, StatusService status, Optional<KeaServers> several) {
        public KeaAccess {
            Objects.requireNonNull(leases);
            Objects.requireNonNull(status);
            Objects.requireNonNull(several);
        }
    }

    /** Deciding about devices; {@code aging} is absent in tests of a single screen. */
    public record Deciding(DecisionService decisions, QueueService queue, Optional<AgingService> aging) {
        public Deciding {
            Objects.requireNonNull(decisions);
            Objects.requireNonNull(queue);
        }
    }

    public ConsoleContext {
        Objects.requireNonNull(tasks);
        Objects.requireNonNull(clock);
    }

    public static Builder builder(TaskExecutor tasks, Clock clock) {
        return new Builder(tasks, clock);
    }

    public boolean connected() {
        return kea.isPresent();
    }

    /** True when approve/deny/reservations can be used. */
    public boolean canDecide() {
        return deciding.isPresent();
    }

    /** What the Queue screen needs. */
    public QueueAccess queueAccess() {
        return new QueueAccess(tasks, clock, refreshSeconds, deciding.map(d -> new QueueAccess.Deciding(d.queue(), d.decisions().flow(), d.aging())),
                switchAccess);
    }

    /** The Reservations screen's capability: the editor, present when this session can decide. */
    public Optional<ReservationEditor> reservationEditor() {
        return deciding.map(d -> d.decisions().editor());
    }

    /** Assembles a context; what is not given is absent. */
    public static final class Builder {
        private final TaskExecutor tasks;
        private final Clock clock;
        private String endpoint;
        private int refreshSeconds = 60;
        private KeaAccess kea;
        private Deciding deciding;
        private SwitchService switches;
        private AuditTools audit;
        private PoolService pools;
        private java.util.function.Supplier<org.gatehouse.policy.ServersStatus.Report> servers;

        private Builder(TaskExecutor tasks, Clock clock) {
            this.tasks = tasks;
            this.clock = clock;
        }

        public Builder kea(String endpoint, LeaseService leases, StatusService status) {
            this.endpoint = endpoint;
            this.kea = new KeaAccess(leases, status, Optional.empty());
            return this;
        }

        /** Several servers (after {@link #kea}): the Leases screen shows the leases of every one, merged. */
        public Builder readEvery(KeaServers servers) {
            this.kea = new KeaAccess(kea.leases(), kea.status(), Optional.of(servers));
            return this;
        }

        public Builder refreshSeconds(int seconds) {
            this.refreshSeconds = seconds;
            return this;
        }

        public Builder deciding(DecisionService decisions, QueueService queue, AgingService aging) {
            this.deciding = new Deciding(decisions, queue, Optional.ofNullable(aging));
            return this;
        }

        public Builder switches(SwitchService switches) {
            this.switches = switches;
            return this;
        }

        public Builder audit(AuditTools audit) {
            this.audit = audit;
            return this;
        }

        public Builder pools(PoolService pools) {
            this.pools = pools;
            return this;
        }

        /** Several Kea servers: the status bar shows each one's state and the pair's warnings. */
        public Builder servers(java.util.function.Supplier<org.gatehouse.policy.ServersStatus.Report> servers) {
            this.servers = servers;
            return this;
        }

        public ConsoleContext build() {
            return new ConsoleContext(endpoint, tasks, clock, refreshSeconds, Optional.ofNullable(kea), Optional.ofNullable(deciding),
                    Optional.ofNullable(switches), Optional.ofNullable(audit), Optional.ofNullable(pools), Optional.ofNullable(servers));
        }
    }
}
