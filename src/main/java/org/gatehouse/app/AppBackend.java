package org.gatehouse.app;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.gatehouse.cli.Backend;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaEndpoint;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.ui.task.TaskExecutor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gatehouse.kea.Reservations;
import org.gatehouse.policy.KeaServers;
import org.gatehouse.policy.NamedReservations;
import org.gatehouse.policy.PeerQueue;
import org.gatehouse.policy.ServersStatus;
import org.gatehouse.kea.SiteSettings;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.SiteAging;
import org.gatehouse.policy.AuditService;
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
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.connect.ProfileBook;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.policy.ConsoleLayout;

/** Wires every object once per connection (constructor injection, no singletons). */
public final class AppBackend implements Backend {
    /** Built on first use: Jackson's ObjectMapper costs a few hundred classes, which --version and --help never need. */
    private final Supplier<KeaJson> json;
    private final OuiRegistry oui;
    private final Clock clock;
    private final PrintStream console;

    public AppBackend(KeaJson json, OuiRegistry oui, Clock clock, PrintStream console) {
        this(() -> json, oui, clock, console);
    }

    /** {@code json} is called once, when a command first needs it. */
    public AppBackend(Supplier<KeaJson> json, OuiRegistry oui, Clock clock, PrintStream console) {
        this.json = memoized(json);
        this.oui = oui;
        this.clock = clock;
        this.console = console;
    }

    private KeaJson json() {
        return json.get();
    }

    private static Supplier<KeaJson> memoized(Supplier<KeaJson> make) {
        KeaJson[] made = new KeaJson[1];
        return () -> {
            synchronized (made) {
                if (made[0] == null) {
                    made[0] = make.get();
                }
                return made[0];
            }
        };
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
                new ConfigService(kea, new ConfigSnapshotStore(db), actions, json(), clock),
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
        Reservations keaReservations = Reservations.forKea(kea, json(),
                (reason, hash, config) -> snapshots.save(clock.instant(), kea.endpoint(), hash, reason, json().write(config)));
        Reservations reservations = name == null ? keaReservations : new NamedReservations(keaReservations, name);
        String user = System.getProperty("user.name");
        // The switch half of deny: a configured switch CLI blocks denied devices, so they lose the network at once.
        MacBlocker blocker = switches != null ? switches.asMacBlocker() : MacBlocker.NONE;
        DecisionService decisions = new DecisionService(name, kea, reservations, actions, new PendingLeaseDeletes(db), blocker, p.offline(),
                clock, user + "@" + hostname());
        QueueService queue = new QueueService(kea, leases, observations, reservations, clock);
        PoolService pools = new PoolService(kea, options.poolWarningPercent(), options.poolCriticalPercent(), p.poolHistory(), clock);
        AgingService aging = new AgingService(queue, decisions, reservations, new ServiceLock(db), actions, clock,
                user + "@" + hostname() + "#" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()), pools);
        java.util.function.Function<KeaClient, SiteSettings> siteSettings = k -> new SiteSettings(k,
                (reason, hash, config) -> snapshots.save(clock.instant(), k.endpoint(), hash, reason, json().write(config)));
        SiteAging siteAging = new SiteAging(siteSettings.apply(kea), actions, clock);
        Map<String, OfflineQueue.Replayer> replayers = new java.util.LinkedHashMap<>(Replayers.of(kea, p.configs()));
        replayers.putAll(Replayers.decisions(kea, reservations, decisions.flow()));
        replayers.putAll(Replayers.reservationEdits(kea, reservations, decisions.editor()));
        replayers.putAll(siteAging.replayers());
        KeaServers servers = several != null ? several
                : new KeaServers(List.of(new KeaServers.Server(name == null ? "server1" : name, kea.endpoint(), kea, status, leases, decisions, reservations, replayers)));
        Map<String, OfflineQueue.Replayer> replaying = servers.several() ? PeerQueue.routing(servers) : replayers;
        if (servers.several()) {
            SeveralKea.onEvery(servers, p.offline(), leases, queue, pools, aging);
            siteAging.writeOnEvery(servers, p.offline(), siteSettings); // the site's aging age on every server
            decisions.retries().retryOnEvery(servers); // aging retries each owed lease deletion on its own server
        }
        return new ConnectedSession(servers, switches, p.audit(), p.configs(), p.offline(), p.cache(), p.poolHistory(), replaying,
                leases, status, decisions, queue, aging, pools, siteAging, () -> {
                    servers.all().forEach(s -> s.kea().close());
                    kea.close();
                    db.close();
                });
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
        return KeaTransports.client(json(), o, server);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The console's wiring lives apart, so that the command line never loads a class of JavaFX or of the console. */
    private ConsoleWiring consoleWiring() {
        return new ConsoleWiring(this, json(), clock, console);
    }

    @Override
    public void gui(ConnectionOptions options) {
        consoleWiring().gui(options);
    }

    ConsoleContext context(ConnectionOptions options, Session s, TaskExecutor tasks) {
        return consoleWiring().context(options, s, tasks);
    }

    ConsoleContext context(String title, int refreshSeconds, Session s, TaskExecutor tasks) {
        return consoleWiring().context(title, refreshSeconds, s, tasks, s.pools());
    }

    ConsoleContext context(String title, int refreshSeconds, Session s, TaskExecutor tasks, PoolService pools) {
        return consoleWiring().context(title, refreshSeconds, s, tasks, pools);
    }

    ConsoleSetup consoleSetup(ConnectionOptions base, TaskExecutor tasks, ProfileBook profiles, ConsoleLayout layout,
                              Supplier<List<Path>> localSockets, DialogService dialogs) {
        return consoleWiring().consoleSetup(base, tasks, profiles, layout, localSockets, dialogs);
    }

    ConsoleSetup consoleSetup(ConnectionOptions base, TaskExecutor tasks, ProfileBook profiles, ConsoleSites sites, ConsoleLayout layout,
                              Supplier<List<Path>> localSockets, DialogService dialogs) {
        return consoleWiring().consoleSetup(base, tasks, profiles, sites, layout, localSockets, dialogs);
    }

    ConsoleSites sites(ProfileBook profiles, ConnectionOptions base) {
        return consoleWiring().sites(profiles, base);
    }

    ConsoleSites sites(Profiles store, ProfileBook profiles, ConnectionOptions base) {
        return consoleWiring().sites(store, profiles, base);
    }

    @Override
    public void demo(ConnectionOptions options, boolean openGui, int keepSeconds) {
        if (openGui) {
            consoleWiring().demo(options);
        } else {
            new DemoRun(json(), clock, console).run(options, keepSeconds);
        }
    }
}
