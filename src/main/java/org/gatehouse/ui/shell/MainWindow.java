package org.gatehouse.ui.shell;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.gatehouse.ui.task.TaskExecutor;
import org.gatehouse.ui.switchboard.WhereIsIt;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.gatehouse.ui.ConsoleContext;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.dialog.FxDialogService;
import org.gatehouse.ui.audit.AuditView;
import org.gatehouse.ui.audit.AuditViewModel;
import org.gatehouse.ui.leases.LeasesAccess;
import org.gatehouse.ui.leases.LeasesView;
import org.gatehouse.ui.leases.LeasesViewModel;
import org.gatehouse.ui.pools.PoolsView;
import org.gatehouse.ui.pools.PoolsViewModel;
import org.gatehouse.ui.switchboard.SwitchboardView;
import org.gatehouse.ui.switchboard.SwitchboardViewModel;
import org.gatehouse.ui.queue.QueueView;
import org.gatehouse.ui.queue.QueueViewModel;
import org.gatehouse.ui.reservations.ReservationsView;
import org.gatehouse.ui.reservations.ReservationsViewModel;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The console window: sidebar of screens, the current screen, and a status bar. */
public final class MainWindow {
    private final ConsoleContext context;
    private final ShellViewModel shell;
    private final LeasesViewModel leasesModel;
    private final SwitchboardViewModel switchModel;
    private final TaskExecutor switchTasks;
    private final QueueViewModel queueModel;
    private final ReservationsViewModel reservationsModel;
    private final AuditViewModel auditModel;
    private final PoolsViewModel poolsModel;
    private final Map<Screen, Node> views = new EnumMap<>(Screen.class);
    private final Timeline ticker;
    private final DialogService dialogs;
    private java.util.function.Supplier<Node> settingsScreen;
    private Stage stage;

    public MainWindow(ConsoleContext context) {
        this(context, null);
    }

    /** {@code dialogs} null: the console's own JavaFX dialogs, owned by this window. */
    public MainWindow(ConsoleContext context, DialogService dialogs) {
        this.context = context;
        this.dialogs = dialogs != null ? dialogs : new FxDialogService(() -> stage);
        this.shell = new ShellViewModel(context.endpoint(), ZoneId.systemDefault());
        this.leasesModel = new LeasesViewModel(LeasesAccess.from(context), shell);
        // switch batches (a save can take a minute) run on their own thread, never ahead of a lease refresh
        this.switchTasks = context.tasks().lane("switch");
        this.switchModel = new SwitchboardViewModel(context.switchAccess().orElse(null), switchTasks, ZoneId.systemDefault());
        this.queueModel = new QueueViewModel(context.queueAccess(), shell);
        this.reservationsModel = new ReservationsViewModel(context.tasks(), context.reservationEditor());
        this.auditModel = new AuditViewModel(context.audit(), context.tasks(), context.clock());
        this.poolsModel = new PoolsViewModel(context.poolAccess(), context.tasks(), context.clock(), context.refreshSeconds(), ZoneId.systemDefault(),
                new org.gatehouse.ui.pools.DesktopNotifier(context.tasks().lane("desktop")));
        this.ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    public ShellViewModel shell() {
        return shell;
    }

    public LeasesViewModel leases() {
        return leasesModel;
    }

    public SwitchboardViewModel switchboard() {
        return switchModel;
    }

    public QueueViewModel queue() {
        return queueModel;
    }

    public ReservationsViewModel reservations() {
        return reservationsModel;
    }

    public AuditViewModel audit() {
        return auditModel;
    }

    public PoolsViewModel pools() {
        return poolsModel;
    }

    /** The Settings screen's builder (the console frame's: it knows the profiles); without it Settings says it is not built. */
    public void setSettingsScreen(java.util.function.Supplier<Node> settings) {
        this.settingsScreen = settings;
    }

    /** The Leases screen (built on first use); other screens add row actions through it. */
    public LeasesView leasesView() {
        return (LeasesView) view(Screen.LEASES);
    }

    public void install(Stage stage) {
        this.stage = stage;
        shell.themeProperty().addListener((o, a, b) -> b.apply());
        shell.themeProperty().get().apply();
        BorderPane root = new BorderPane();
        root.getStyleClass().add("gatehouse-root");
        StackPane content = new StackPane();
        content.setPadding(new Insets(12));
        root.setLeft(sidebar());
        root.setCenter(content);
        root.setBottom(statusBar());
        shell.screenProperty().addListener((o, a, b) -> {
            content.getChildren().setAll(view(b));
            if (b == Screen.RESERVATIONS) {
                reservationsModel.refresh();
            }
            if (b == Screen.QUEUE) {
                queueModel.refresh();
            }
            if (b == Screen.POOLS) {
                poolsModel.charts().seen();
            }
        });
        content.getChildren().setAll(view(shell.screenProperty().get()));
        Scene scene = new Scene(root, 1280, 740);
        Shortcuts.install(scene, shell.screenProperty()::set, this::showShortcuts, content);
        scene.getStylesheets().add(MainWindow.class.getResource("/org/gatehouse/ui/gatehouse.css").toExternalForm());
        stage.setTitle("Gatehouse" + (context.endpoint() == null ? "" : " — " + context.endpoint()));
        stage.setScene(scene);
        ticker.play();
        leasesModel.start();
        queueModel.start();
        auditModel.start();
        poolsModel.start();
    }

    private ShortcutList shortcuts;

    /** The list of keyboard shortcuts (F1, ?), one window however often it is asked for. */
    public void showShortcuts() {
        if (shortcuts == null) {
            shortcuts = new ShortcutList(stage);
        }
        if (shortcuts.isShowing()) {
            shortcuts.getDialogPane().getScene().getWindow().requestFocus();
        } else {
            shortcuts.show();
        }
    }

    private Runnable serversRefresh = () -> { };
    private long ticks;

    private void tick() {
        if (++ticks % Math.max(2, context.refreshSeconds()) == 0) {
            serversRefresh.run();
        }
        java.time.Instant now = context.clock().instant();
        shell.tick(now);
        leasesModel.tick(now);
        queueModel.tick(now);
        auditModel.tick(now);
        poolsModel.tick(now);
    }

    public void dispose() {
        ticker.stop();
        leasesModel.stop();
        queueModel.stop();
        poolsModel.stop();
    }

    /**
     * The Leases screen's actions that belong to other screens: reserve (the reservation editor),
     * where is this device (the switch), deny and block (Kea and the switch). Absent when their
     * service is not configured, rather than offered and failing.
     */
    private LeasesView withLeaseActions(LeasesView leases) {
        if (context.canDecide()) {
            leases.addRowAction(new LeasesView.RowAction("lease-reserve", "Reserve…", Feather.BOOKMARK,
                    new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN),
                    row -> ((ReservationsView) view(Screen.RESERVATIONS)).openEditor(null, row.mac(), row.hostname())));
        }
        WhereIsIt whereIsIt = new WhereIsIt(context.switchAccess().orElse(null), switchTasks, dialogs);
        if (whereIsIt.available()) {
            leases.addRowAction(new LeasesView.RowAction("lease-locate", "Where is this device?", Feather.MAP_PIN,
                    new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                    row -> whereIsIt.show(row.lease().lease().mac())));
        }
        // "Deny and block…" is the Leases screen's own (LeasesAccess).
        return leases;
    }

    private Node view(Screen s) {
        return views.computeIfAbsent(s, key -> switch (key) {
            case LEASES -> withLeaseActions(new LeasesView(leasesModel, dialogs));
            case SWITCH -> new SwitchboardView(switchModel);
            case QUEUE -> new QueueView(queueModel, dialogs);
            case RESERVATIONS -> new ReservationsView(reservationsModel, dialogs);
            case AUDIT -> new AuditView(auditModel, dialogs);
            case POOLS -> new PoolsView(poolsModel, ZoneId.systemDefault(), dialogs, context.endpoint());
            case SETTINGS -> settingsScreen != null ? settingsScreen.get() : new ComingSoonView(key);
            default -> new ComingSoonView(key);
        });
    }

    private Node sidebar() {
        Label title = new Label("Gatehouse");
        title.getStyleClass().addAll(Styles.TITLE_3, "app-title");
        VBox bar = new VBox(4, title);
        bar.setPadding(new Insets(12, 8, 12, 8));
        bar.getStyleClass().add("sidebar");
        bar.setPrefWidth(190);
        ToggleGroup group = new ToggleGroup();
        for (Screen s : Screen.values()) {
            ToggleButton b = new ToggleButton(s.title(), new FontIcon(s.icon()));
            b.setId("nav-" + s.name().toLowerCase());
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAlignment(Pos.CENTER_LEFT);
            b.getStyleClass().add(Styles.FLAT);
            b.setSelected(s == shell.screenProperty().get());
            b.setTooltip(new Tooltip(s.title() + " (Ctrl+" + (s.ordinal() + 1) + ")"));
            // Ctrl+1…7 change the screen without the sidebar: its button follows.
            shell.screenProperty().addListener((o, was, now) -> b.setSelected(now == s));
            b.setOnAction(e -> {
                b.setSelected(true);
                shell.screenProperty().set(s);
            });
            if (s == Screen.POOLS) {
                b.setGraphic(anomalyBadge(b.getGraphic()));
            }
            bar.getChildren().add(b);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button theme = new Button(null, new FontIcon(Feather.MOON));
        theme.setId("theme-toggle");
        theme.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        theme.setTooltip(new Tooltip("Light / dark theme"));
        theme.setOnAction(e -> shell.toggleTheme());
        shell.themeProperty().addListener((o, a, b) -> theme.setGraphic(new FontIcon(b == org.gatehouse.ui.Theme.DARK ? Feather.SUN : Feather.MOON)));
        bar.getChildren().addAll(spacer, theme);
        return bar;
    }

    /** The Pools button's icon with the number of anomalies found since the screen was last opened. */
    private Node anomalyBadge(Node icon) {
        Label badge = new Label();
        badge.setId("nav-pools-badge");
        badge.getStyleClass().add("nav-badge");
        badge.textProperty().bind(poolsModel.charts().unseenProperty().asString());
        badge.visibleProperty().bind(poolsModel.charts().unseenProperty().greaterThan(0));
        badge.managedProperty().bind(badge.visibleProperty()); // no gap before "Pools" while there is nothing to count
        HBox graphic = new HBox(icon, badge);
        graphic.spacingProperty().bind(javafx.beans.binding.Bindings.when(badge.visibleProperty()).then(6.0).otherwise(0.0));
        return graphic;
    }

    private Node statusBar() {
        Circle dot = new Circle(5);
        dot.getStyleClass().add("connection-dot");
        shell.connectionProperty().addListener((o, a, b) -> styleDot(dot, b));
        styleDot(dot, shell.connectionProperty().get());
        Label connection = new Label();
        connection.setId("status-connection");
        connection.textProperty().bind(shell.connectionTextProperty());
        Label age = new Label();
        age.setId("status-data-age");
        age.textProperty().bind(shell.dataAgeTextProperty());
        Label vendors = new Label();
        vendors.setId("status-vendor-notice");
        vendors.getStyleClass().add(Styles.WARNING);
        vendors.textProperty().bind(shell.vendorNoticeProperty());
        vendors.visibleProperty().bind(shell.vendorNoticeProperty().isNotEmpty());
        vendors.managedProperty().bind(vendors.visibleProperty());
        context.kea().map(ConsoleContext.KeaAccess::leases).ifPresent(leases -> {
            context.tasks().run(() -> leases.vendorNotice().orElse(""), shell::reportVendorNotice, e -> { });
        });
        Label servers = serversLabel();
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, dot, connection, vendors, servers, spacer, age);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /**
     * Several Kea servers: each one's role and state and the pair's first warning, re-read in the
     * background every refresh; the tooltip is the server panel (every server, every warning).
     */
    private Label serversLabel() {
        Label servers = new Label();
        servers.setId("status-servers");
        servers.setVisible(context.servers().isPresent());
        servers.managedProperty().bind(servers.visibleProperty());
        context.servers().ifPresent(read -> {
            javafx.scene.control.Tooltip panel = new javafx.scene.control.Tooltip();
            panel.setId("server-panel");
            servers.setTooltip(panel);
            Runnable refresh = () -> context.tasks().run(read::get, r -> {
                servers.setText(org.gatehouse.policy.ServersStatus.summary(r));
                panel.setText(org.gatehouse.policy.ServersStatus.details(r));
                servers.getStyleClass().remove(Styles.WARNING);
                if (!r.warnings().isEmpty()) {
                    servers.getStyleClass().add(Styles.WARNING);
                }
            }, e -> servers.setText("servers: " + e.getMessage()));
            refresh.run();
            serversRefresh = refresh; // then every refresh interval, from the one-second ticker
        });
        return servers;
    }

    private static void styleDot(Circle dot, ShellViewModel.Connection c) {
        dot.getStyleClass().removeAll("live", "offline", "connecting", "not-configured");
        dot.getStyleClass().add(switch (c) {
            case LIVE -> "live";
            case OFFLINE -> "offline";
            case CONNECTING -> "connecting";
            case NOT_CONFIGURED -> "not-configured";
        });
    }
}
