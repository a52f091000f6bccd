package org.gatehouse.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.gatehouse.kea.Reservations;
import org.gatehouse.policy.AuditService;
import org.gatehouse.policy.AuditTools;
import org.gatehouse.policy.BlockMode;
import org.gatehouse.policy.CacheService;
import org.gatehouse.policy.ConfigService;
import org.gatehouse.policy.DecisionService;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.MacBlocker;
import org.gatehouse.policy.OfflineQueue;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.policy.PoolService;
import org.gatehouse.policy.PoolHistory;
import org.gatehouse.policy.Anomalies;
import org.gatehouse.policy.AnomalyThresholds;
import org.gatehouse.policy.QueueService;
import org.gatehouse.policy.Replayers;
import org.gatehouse.policy.StatusService;
import org.gatehouse.policy.SwitchService;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.CacheMaintenance;
import org.gatehouse.store.ConfigSnapshotStore;
import org.gatehouse.store.Database;
import org.gatehouse.store.ObservationStore;
import org.gatehouse.store.OfflineActionStore;
import org.gatehouse.store.PendingLeaseDeletes;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.shell.MainWindow;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's test fixture, once per test class: a real kea-dhcp4 ({@link KeaServer}), a cache
 * in a private temporary directory, the FX toolkit (headless Monocle) and executor, and the service
 * graph the console is built from, each service made on first use. A GUI test registers it
 * ({@code @RegisterExtension static ConsoleFixture console = new ConsoleFixture();}), assembles the
 * context it needs from {@link #context()} and opens the window with {@link #show}.
 */
public final class ConsoleFixture implements BeforeAllCallback, AfterAllCallback {
    private final KeaServer kea;
    private String user = "test";
    private String workstation = "test";
    private Path dir;
    private Database db;
    private FxTaskExecutor tasks;
    private ActionLog log;
    private ObservationStore observations;
    private OuiRegistry oui;
    private LeaseService leases;
    private Reservations reservations;
    private QueueService queue;
    private ConfigService configs;
    private OfflineQueue offline;

    public ConsoleFixture() {
        this(new KeaServer());
    }

    /** With a Kea configured for the test (a customised {@link KeaServer}), or none ({@code null}). */
    public ConsoleFixture(KeaServer kea) {
        this.kea = kea;
    }

    /** The OS user and workstation the audit trail records (default "test"). */
    public ConsoleFixture actingAs(String osUser, String host) {
        this.user = osUser;
        this.workstation = host;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        FxToolkit.registerPrimaryStage();
        dir = Files.createTempDirectory("gatehouse-console-");
        if (kea != null) {
            kea.beforeAll(context);
        }
        db = Database.open(dir.resolve("console.db"));
        tasks = new FxTaskExecutor();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        tasks.close();
        db.close();
        if (kea != null) {
            kea.afterAll(context);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public KeaServer kea() {
        return kea;
    }

    public Path dir() {
        return dir;
    }

    public Database db() {
        return db;
    }

    public FxTaskExecutor tasks() {
        return tasks;
    }

    public synchronized ActionLog log() {
        if (log == null) {
            log = new ActionLog(db, user, workstation);
        }
        return log;
    }

    public synchronized ObservationStore observations() {
        if (observations == null) {
            observations = new ObservationStore(db);
        }
        return observations;
    }

    public synchronized OuiRegistry oui() {
        if (oui == null) {
            oui = new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV);
        }
        return oui;
    }

    public synchronized LeaseService leases() {
        if (leases == null) {
            leases = new LeaseService(kea.client(), observations(), log(), oui(), Clock.systemUTC());
        }
        return leases;
    }

    /** A fresh LeaseService, for tests that need one per window (its generation starts anew). */
    public LeaseService newLeases() {
        return new LeaseService(kea.client(), observations(), log(), oui(), Clock.systemUTC());
    }

    public synchronized Reservations reservations() {
        if (reservations == null) {
            reservations = Reservations.forKea(kea.client(), kea.json(), Reservations.SnapshotSink.NONE);
        }
        return reservations;
    }

    /** Decisions that block through {@code blocker} ({@link MacBlocker#NONE} without a switch). */
    public DecisionService decisions(MacBlocker blocker) {
        return new DecisionService(kea.client(), reservations(), log(), new PendingLeaseDeletes(db), blocker,
                new org.gatehouse.policy.OfflineQueue(new org.gatehouse.store.OfflineActionStore(db, log(), "test", "test"), Clock.systemUTC()),
                Clock.systemUTC(), "gui@test");
    }

    public synchronized QueueService queue() {
        if (queue == null) {
            queue = new QueueService(kea.client(), leases(), observations(), reservations(), Clock.systemUTC());
        }
        return queue;
    }

    public synchronized ConfigService configs() {
        if (configs == null) {
            configs = new ConfigService(kea.client(), new ConfigSnapshotStore(db), log(), kea.json(), Clock.systemUTC());
        }
        return configs;
    }

    public synchronized OfflineQueue offline() {
        if (offline == null) {
            offline = new OfflineQueue(new OfflineActionStore(db, log(), user, workstation), Clock.systemUTC());
        }
        return offline;
    }

    public AuditTools auditTools() {
        return new AuditTools(new AuditService(log(), observations()), configs(), offline(),
                new CacheService(db, new CacheMaintenance(db), log(), Clock.systemUTC()), Replayers.of(kea.client(), configs()));
    }

    /** The switch services over {@code sw} (the Comware double) and SNMP, recording in this fixture's cache. */
    public SwitchService switches(ComwareSwitch sw, Supplier<SnmpLocator> snmp) {
        return new SwitchService(sw, snmp, new SwitchStore(db, "test"), log(), oui(), Clock.systemUTC(), AclNumber.DEFAULT, BlockMode.ACL);
    }

    /** Runs {@code gatehouse ARGS} in-process against this fixture's Kea and cache, as a user at a terminal would. */
    public org.gatehouse.cli.CliRun cli(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--kea";
        all[1] = kea.endpoint();
        all[2] = "--db";
        all[3] = dir.resolve("console.db").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return org.gatehouse.cli.CliRun.run(java.util.Map.of(), all);
    }

    /** The offline queue's pending actions on {@code mac}. */
    public java.util.List<org.gatehouse.model.QueuedAction> pendingFor(org.gatehouse.model.Mac mac) {
        return offline().pending().stream().filter(a -> a.target().equals(mac.toString())).toList();
    }

    public PoolService pools() {
        return new PoolService(kea.client());
    }

    /** Pools sampled into this fixture's cache, with the seed's anomaly thresholds. */
    public PoolService poolsWithHistory() {
        return new PoolService(kea.client(), poolHistory(), Clock.systemUTC());
    }

    public PoolHistory poolHistory() {
        org.gatehouse.store.LeaseEvents events = new org.gatehouse.store.LeaseEvents(db);
        return new PoolHistory(new org.gatehouse.store.PoolSamples(db), events, new Anomalies(events,
                new org.gatehouse.store.AnomalyLog(db), AnomalyThresholds.DEFAULTS), Clock.systemUTC());
    }

    /** A context with Kea's leases and status; add the capabilities the test needs. */
    public ConsoleContext.Builder context() {
        return kea == null ? ConsoleContext.builder(tasks, Clock.systemUTC()) : context(leases());
    }

    public ConsoleContext.Builder context(LeaseService leaseService) {
        ConsoleContext.Builder b = ConsoleContext.builder(tasks, Clock.systemUTC());
        return kea == null ? b : b.kea(kea.endpoint(), leaseService, new StatusService(kea.client()));
    }

    /** Opens the console window for {@code context} on the primary stage; {@code dialogs} null: real JavaFX dialogs. */
    public MainWindow show(ConsoleContext context, DialogService dialogs) throws Exception {
        MainWindow[] window = new MainWindow[1];
        FxToolkit.setupStage(stage -> {
            window[0] = new MainWindow(context, dialogs);
            window[0].install(stage);
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
        return window[0];
    }

    /** Hides the window and stops its timers. */
    public void close(MainWindow window) throws Exception {
        FxToolkit.setupStage(Stage::hide);
        if (window != null) {
            window.dispose();
        }
    }
}
