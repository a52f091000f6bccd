package org.gatehouse.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaEndpoint;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.ui.task.TaskExecutor;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.Reservations;
import org.gatehouse.policy.KeaServers;
import org.gatehouse.policy.NamedReservations;
import org.gatehouse.policy.PeerQueue;
import org.gatehouse.policy.ServersStatus;
import org.gatehouse.kea.SiteSettings;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.SiteAging;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.CacheService;
import org.gatehouse.policy.ConfigService;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.MacBlocker;
import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.policy.Replayers;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.PoolService;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.PoolHistory;
import org.gatehouse.policy.Anomalies;
import org.gatehouse.policy.AnomalyThresholds;
import org.gatehouse.store.AnomalyLog;
import org.gatehouse.store.LeaseEvents;
import org.gatehouse.store.PoolSamples;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.StatusService;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.CacheMaintenance;
import org.gatehouse.store.ConfigSnapshotStore;
import org.gatehouse.store.Database;
import org.gatehouse.store.OfflineActionStore;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.store.PendingLeaseDeletes;
import org.gatehouse.store.ServiceLock;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.ConsoleLauncher;
import org.gatehouse.ui.task.FxTaskExecutor;

/** Wires every object once per connection (constructor injection, no singletons). */
public final class AppBackend implements Backend {
    private final KeaJson json;
    private final OuiRegistry oui;
    private final Clock clock;
    private final PrintStream console;

    public AppBackend(KeaJson json, OuiRegistry oui, Clock clock, PrintStream console) {
        this.json = json;
        this.oui = oui;
        this.clock = clock;
        this.console = console;
    }

    @Override
    public Session connect(ConnectionOptions options) {
        List<ConnectionOptions.KeaServer> servers = options.keaServers();
        if (servers.size() > 1) {
            return SeveralKea.connect(this, options, servers);
        }
        KeaClient kea = keaClient(options);
        Database db;
        try {
            db = Database.open(options.db());
        } catch (RuntimeException e) {
            kea.close();
            throw e;
        }
        try {
            return session(kea, db, options);
        } catch (RuntimeException e) {
            kea.close();
            db.close();
            throw e;
        }
    }

    @Override
    public Local local(ConnectionOptions options) {
        Database db = Database.open(options.db());
        LocalParts p = localParts(null, db, thresholds(options));
        followProfileRetention(options, p.cache());
        return new Local() {
            @Override
            public AuditService audit() {
                return p.audit();
            }

            @Override
            public ConfigService configs() {
                return p.configs();
            }

            @Override
            public OfflineQueue offline() {
                return p.offline();
            }

            @Override
            public CacheService cache() {
                return p.cache();
            }

            @Override
            public PoolHistory poolHistory() {
                return p.poolHistory();
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }

    /** The cache-backed services; {@code kea} may be null (offline: restore is then refused). */
    record LocalParts(ActionLog actions, ObservationStore observations, AuditService audit, ConfigService configs,
                      OfflineQueue offline, CacheService cache, PoolHistory poolHistory) {
    }

    /** A profile's lease-history retention is the cache's: set (and audited) when the two differ. */
    private static void followProfileRetention(ConnectionOptions options, CacheService cache) {
        options.profile().map(p -> p.tuning().retention()).ifPresent(r -> {
            if (cache.retentionDays() != r.toDays()) {
                cache.setRetentionDays((int) r.toDays(), "from profile " + options.profile().get().name());
            }
        });
    }

    private LocalParts localParts(KeaClient kea, Database db, AnomalyThresholds thresholds) {
        String user = System.getProperty("user.name");
        String host = hostname();
        ObservationStore observations = new ObservationStore(db);
        ActionLog actions = new ActionLog(db, user, host);
        return new LocalParts(actions, observations, new AuditService(actions, observations),
                new ConfigService(kea, new ConfigSnapshotStore(db), actions, json, clock),
                new OfflineQueue(new OfflineActionStore(db, actions, user, host), clock),
                new CacheService(db, new CacheMaintenance(db), actions, clock), poolHistory(db, clock, thresholds));
    }

    /** The seed's anomaly thresholds, with the pool levels of the profile in use (the Pools screen's bars use the same). */
    private static AnomalyThresholds thresholds(ConnectionOptions options) {
        return AnomalyThresholds.DEFAULTS.withPoolLevels(options.poolWarningPercent(), options.poolCriticalPercent());
    }

    /** Pools over time and anomalies in {@code db}. */
    static PoolHistory poolHistory(Database db, Clock clock, AnomalyThresholds thresholds) {
        LeaseEvents events = new LeaseEvents(db);
        return new PoolHistory(new PoolSamples(db), events, new Anomalies(events, new AnomalyLog(db), thresholds), clock);
    }

    Session session(KeaClient kea, Database db, ConnectionOptions options) {
        return session(kea, db, options, null, null);
    }

    /**
     * @param name    this server's name when it is one of several (its writes then say where they went), else null
     * @param several all servers of the connection (this one first), or null for this one alone
     */
    Session session(KeaClient kea, Database db, ConnectionOptions options, String name, KeaServers several) {
        LocalParts p = localParts(kea, db, thresholds(options));
        followProfileRetention(options, p.cache());
        ObservationStore observations = p.observations();
        ActionLog actions = p.actions();
        LeaseService leases = new LeaseService(kea, observations, actions, oui, clock);
        StatusService status = new StatusService(kea);
        SwitchService switches = switchService(options, db, actions);
        ConfigSnapshotStore snapshots = new ConfigSnapshotStore(db);
        Reservations keaReservations = Reservations.forKea(kea, json,
                (reason, hash, config) -> snapshots.save(clock.instant(), kea.endpoint(), hash, reason, json.write(config)));
        Reservations reservations = name == null ? keaReservations : new NamedReservations(keaReservations, name);
        String user = System.getProperty("user.name");
        // The switch half of deny: a configured switch CLI blocks denied devices, so they lose the network at once.
        MacBlocker blocker = switches != null ? switches.asMacBlocker() : MacBlocker.NONE;
        DecisionService decisions = new DecisionService(kea, reservations, actions, new PendingLeaseDeletes(db), blocker, p.offline(),
                clock, user + "@" + hostname());
        QueueService queue = new QueueService(kea, leases, observations, reservations, clock);
        PoolService pools = new PoolService(kea, options.poolWarningPercent(), options.poolCriticalPercent(), p.poolHistory(), clock);
        AgingService aging = new AgingService(queue, decisions, reservations, new ServiceLock(db), actions, clock,
                user + "@" + hostname() + "#" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()), pools);
        SiteAging siteAging = new SiteAging(new SiteSettings(kea,
                (reason, hash, config) -> snapshots.save(clock.instant(), kea.endpoint(), hash, reason, json.write(config))), actions, clock);
        Map<String, OfflineQueue.Replayer> replayers = new java.util.LinkedHashMap<>(Replayers.of(kea, p.configs()));
        replayers.putAll(Replayers.decisions(kea, reservations, decisions.flow()));
        replayers.putAll(Replayers.reservationEdits(kea, reservations, decisions.editor()));
        KeaServers servers = several != null ? several
                : new KeaServers(List.of(new KeaServers.Server(name == null ? "server1" : name, kea.endpoint(), kea, status, leases, decisions, reservations, replayers)));
        Map<String, OfflineQueue.Replayer> replaying = servers.several() ? PeerQueue.routing(servers) : replayers;
        return new Session() {
            @Override
            public KeaServers servers() {
                return servers;
            }

            @Override
            public SwitchService switches() {
                return switches;
            }

            @Override
            public AuditService audit() {
                return p.audit();
            }

            @Override
            public ConfigService configs() {
                return p.configs();
            }

            @Override
            public OfflineQueue offline() {
                return p.offline();
            }

            @Override
            public CacheService cache() {
                return p.cache();
            }

            @Override
            public PoolHistory poolHistory() {
                return p.poolHistory();
            }

            @Override
            public Map<String, OfflineQueue.Replayer> replayers() {
                return replaying;
            }

            @Override
            public LeaseService leases() {
                return leases;
            }

            @Override
            public StatusService status() {
                return status;
            }

            @Override
            public DecisionService decisions() {
                return decisions;
            }

            @Override
            public QueueService queue() {
                return queue;
            }

            @Override
            public AgingService aging() {
                return aging;
            }

            @Override
            public PoolService pools() {
                return pools;
            }

            @Override
            public SiteAging siteAging() {
                return siteAging;
            }

            @Override
            public void close() {
                servers.all().forEach(s -> s.kea().close());
                kea.close();
                db.close();
            }
        };
    }

    @Override
    public SwitchSession connectSwitch(ConnectionOptions options) {
        Database db = Database.open(options.db());
        SwitchService switches;
        try {
            switches = switchService(options, db, new ActionLog(db, System.getProperty("user.name"), hostname()));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return new SwitchSession() {
            @Override
            public SwitchService switches() {
                return switches;
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }

    /** The switch as the options describe it: SSH CLI when --switch is given, SNMP when --snmp is. */
    SwitchService switchService(ConnectionOptions o, Database db, ActionLog actions) {
        Duration timeout = Duration.ofSeconds(Math.max(1, o.timeoutSeconds()));
        AclNumber acl = o.acl() == null ? AclNumber.DEFAULT : AclNumber.parse(o.acl());
        org.gatehouse.policy.BlockMode mode = org.gatehouse.policy.BlockMode.parse(o.blockMode());
        return new SwitchService(SwitchParts.cli(o, timeout), SwitchParts.snmp(o, timeout), new SwitchStore(db, System.getProperty("user.name")),
                actions, oui, clock, acl, mode);
    }

    @Override
    public Profiles profiles(ConnectionOptions.Environment env) {
        return AppProfiles.open(env, new ProfileProbes(this));
    }

    KeaClient keaClient(ConnectionOptions o) {
        return keaClient(o, new ConnectionOptions.KeaServer("server1", o.kea(), o.keaUser(), o.keaCaFile(), o.keaSshKey(), o.allowInsecureHttp()));
    }

    KeaClient keaClient(ConnectionOptions o, ConnectionOptions.KeaServer server) {
        return KeaTransports.client(json, o, server);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void gui(ConnectionOptions options) {
        try (FxTaskExecutor tasks = new FxTaskExecutor()) {
            ConsoleStart start = new ConsoleStart(this, options, System::getenv);
            if (start.switchOnly()) {
                // No Kea and no profile, but a switch: the Switch screen and the Audit screen (from the cache) still work.
                try (SwitchSession sw = connectSwitch(options); Local local = local(options)) {
                    new ConsoleLauncher().showAndWait(ConsoleContext.builder(tasks, clock).refreshSeconds(2).switches(sw.switches())
                            .audit(new AuditTools(local.audit(), local.configs(), local.offline(), local.cache(), Map.of())).build());
                }
                return;
            }
            start.run(tasks);
        }
    }

    ConsoleContext context(ConnectionOptions options, Session s, TaskExecutor tasks) {
        String title = KeaEndpoint.parse(options.kea()).toString();
        if (s.servers().several()) {
            // the console's screens act on the first server only (yet): say so where the connection is shown
            title += " and " + (s.servers().all().size() - 1) + " more server(s); the console acts on this one only, the command line on all";
        }
        return context(title, options.refreshSeconds(), s, tasks);
    }

    /** @param title what the window title and the status bar call the site (a profile's name and its Kea) */
    ConsoleContext context(String title, int refreshSeconds, Session s, TaskExecutor tasks) {
        return context(title, refreshSeconds, s, tasks, s.pools());
    }

    /** @param pools the Pools screen's service (a profile's own thresholds) */
    ConsoleContext context(String title, int refreshSeconds, Session s, TaskExecutor tasks, PoolService pools) {
        ConsoleContext.Builder b = ConsoleContext.builder(tasks, clock).refreshSeconds(refreshSeconds)
                .switches(s.switches()).audit(new AuditTools(s.audit(), s.configs(), s.offline(), s.cache(), s.replayers()));
        if (s.leases() != null) {
            b.kea(title, s.leases(), s.status()).pools(pools);
        }
        if (s.decisions() != null && s.queue() != null) {
            b.deciding(s.decisions(), s.queue(), s.aging());
        }
        if (s.servers().several()) {
            b.servers(() -> ServersStatus.of(s.servers(), s.offline()));
        }
        return b.build();
    }

    /**
     * What the console frame is built from: profiles, the probe, how sites open, the layout file
     * and the local sockets to offer. {@code dialogs} null: the console's own.
     */
    org.gatehouse.ui.connect.ConsoleSetup consoleSetup(ConnectionOptions base, TaskExecutor tasks, org.gatehouse.ui.connect.ProfileBook profiles,
                                                      org.gatehouse.policy.ConsoleLayout layout,
                                                      java.util.function.Supplier<java.util.List<Path>> localSockets,
                                                      org.gatehouse.ui.dialog.DialogService dialogs) {
        return consoleSetup(base, tasks, profiles, sites(profiles, base), layout, localSockets, dialogs);
    }

    org.gatehouse.ui.connect.ConsoleSetup consoleSetup(ConnectionOptions base, TaskExecutor tasks, org.gatehouse.ui.connect.ProfileBook profiles,
                                                      ConsoleSites sites, org.gatehouse.policy.ConsoleLayout layout,
                                                      java.util.function.Supplier<java.util.List<Path>> localSockets,
                                                      org.gatehouse.ui.dialog.DialogService dialogs) {
        return new org.gatehouse.ui.connect.ConsoleSetup(tasks, clock, profiles, sites,
                new org.gatehouse.policy.ConnectionProbe(new KeaTargetConnector(json)), new org.gatehouse.policy.SwitchProbe(new SwitchTargetConnector()),
                layout, localSockets, base.knownHosts(), dialogs);
    }

    ConsoleSites sites(org.gatehouse.ui.connect.ProfileBook profiles, ConnectionOptions base) {
        return new ConsoleSites(this, profiles, new KeaTargetConnector(json), base, name -> base,
                () -> new DemoRun(json, clock, console, this));
    }

    /** The console on the user's own profiles: their switch and SNMP settings and secrets come from the profile store. */
    ConsoleSites sites(Profiles store, org.gatehouse.ui.connect.ProfileBook profiles, ConnectionOptions base) {
        return new ConsoleSites(this, profiles, new KeaTargetConnector(json), base, name -> {
            org.gatehouse.policy.Profile p = store.require(name);
            return ConnectionOptions.of(p, slot -> store.secret(p, slot));
        }, () -> new DemoRun(json, clock, console, this));
    }

    @Override
    public void demo(ConnectionOptions options, boolean openGui, int keepSeconds) {
        new DemoRun(json, clock, console, this).run(options, openGui, keepSeconds);
    }
}
