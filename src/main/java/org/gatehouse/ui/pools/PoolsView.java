package org.gatehouse.ui.pools;

import atlantafx.base.theme.Styles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import java.util.function.Function;
import org.gatehouse.policy.PoolService.PoolUsage;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Pools screen: a card per subnet with a bar per tier (used of size, in the level's colour), an
 * alarm line naming the pools at warning or critical, and a compact table of every pool.
 */
public final class PoolsView extends BorderPane {
    private final PoolsViewModel model;
    private final VBox cards = new VBox(12);
    private final java.time.ZoneId zone;

    private final org.gatehouse.ui.dialog.DialogService dialogs;
    private final String site;

    public PoolsView(PoolsViewModel model) {
        this(model, java.time.ZoneId.systemDefault(), null, "");
    }

    /** {@code dialogs}: for the charts' Export button (null: none); {@code site} names the site in the report. */
    public PoolsView(PoolsViewModel model, java.time.ZoneId zone, org.gatehouse.ui.dialog.DialogService dialogs, String site) {
        setId("screen-pools");
        this.model = model;
        this.zone = zone;
        this.dialogs = dialogs;
        this.site = site;
        getStyleClass().add("pools-view");
        setTop(header());
        if (!model.configured()) {
            Label none = new Label(model.messageProperty().get());
            none.setId("pools-not-configured");
            none.getStyleClass().add(Styles.TITLE_4);
            setCenter(none);
            return;
        }
        cards.setId("pool-cards");
        cards.setPadding(new Insets(4));
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        TableView<PoolUsage> table = table();
        VBox body = new VBox(12, scroll, table);
        // The cards take what they need (scrolling beyond that); the table gets whatever is left.
        VBox.setVgrow(scroll, Priority.SOMETIMES);
        VBox.setVgrow(table, Priority.ALWAYS);
        scroll.setMinHeight(150);
        body.setPadding(new Insets(8, 0, 0, 0));
        // Figures from before a failed read stay visible, greyed.
        model.staleProperty().addListener((o, a, b) -> body.pseudoClassStateChanged(STALE, b));
        body.pseudoClassStateChanged(STALE, model.staleProperty().get());
        body.getStyleClass().add("pools-body");
        setCenter(withHistory(body));
        model.pools().addListener((ListChangeListener<PoolUsage>) c -> rebuildCards());
        rebuildCards();
    }

    /** The current figures, and beside them (when the cache keeps a history) the charts and the anomalies. */
    private Node withHistory(Node now) {
        PoolChartsViewModel charts = model.charts();
        if (!charts.available()) {
            return now;
        }
        javafx.scene.control.Tab current = new javafx.scene.control.Tab("Now", now);
        current.setId("pools-tab-now");
        javafx.scene.control.Tab overTime = new javafx.scene.control.Tab("Over time", new PoolChartsView(charts, zone, dialogs, site));
        overTime.setId("pools-tab-charts");
        javafx.scene.control.Tab anomalies = new javafx.scene.control.Tab("Anomalies", AnomalyTable.create(charts.anomalies(), zone));
        anomalies.setId("pools-tab-anomalies");
        anomalies.textProperty().bind(javafx.beans.binding.Bindings.size(charts.anomalies()).asString("Anomalies (%d)"));
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(current, overTime, anomalies);
        tabs.setId("pools-tabs");
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        return tabs;
    }

    private static final javafx.css.PseudoClass STALE = javafx.css.PseudoClass.getPseudoClass("stale");
    private static final javafx.css.PseudoClass CRITICAL = javafx.css.PseudoClass.getPseudoClass("critical");

    private Node header() {
        Label title = new Label("Pools");
        title.getStyleClass().add(Styles.TITLE_3);
        Label updated = new Label();
        updated.setId("pools-updated");
        updated.getStyleClass().add(Styles.TEXT_MUTED);
        updated.textProperty().bind(model.updatedProperty());
        Button refresh = new Button("_Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("pools-refresh");
        refresh.setOnAction(e -> model.refresh());
        refresh.disableProperty().bind(model.loadingProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, title, spacer, updated, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("pools-message");
        message.setWrapText(true);
        message.getStyleClass().add(Styles.DANGER);
        message.textProperty().bind(model.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());

        Label alarm = new Label();
        alarm.setId("pools-alarm");
        alarm.setWrapText(true);
        alarm.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        alarm.getStyleClass().add("pool-alarm");
        model.alarmLevelProperty().addListener((o, a, b) -> alarm.pseudoClassStateChanged(CRITICAL, "critical".equals(b)));
        alarm.pseudoClassStateChanged(CRITICAL, "critical".equals(model.alarmLevelProperty().get()));
        alarm.textProperty().bind(model.alarmProperty());
        alarm.managedProperty().bind(alarm.textProperty().isNotEmpty());
        alarm.visibleProperty().bind(alarm.managedProperty());
        alarm.setMaxWidth(Double.MAX_VALUE);
        return new VBox(6, top, message, alarm);
    }

    private void rebuildCards() {
        // by subnet and prefix: independent servers (one per building) may give two subnets the same id
        Map<String, List<PoolUsage>> bySubnet = new LinkedHashMap<>();
        for (PoolUsage p : model.pools()) {
            bySubnet.computeIfAbsent(p.subnetId() + " " + p.subnet(), k -> new java.util.ArrayList<>()).add(p);
        }
        cards.getChildren().setAll(bySubnet.values().stream().map(PoolsView::card).toList());
    }

    private static Node card(List<PoolUsage> pools) {
        PoolUsage first = pools.get(0);
        long size = pools.stream().mapToLong(PoolUsage::size).sum();
        long used = pools.stream().mapToLong(PoolUsage::used).sum();
        Label title = new Label("Subnet " + first.subnetId() + " · " + first.subnet() + servedBy(first, " · "));
        title.getStyleClass().add(Styles.TITLE_4);
        Label total = new Label(used + " of " + size + " addresses in use");
        total.getStyleClass().add(Styles.TEXT_MUTED);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        // Every column but the bar keeps its text whole; the bar takes the rest of the card's width.
        grid.getColumnConstraints().add(fixed(210));
        ColumnConstraints barColumn = new ColumnConstraints(150, 400, Double.MAX_VALUE);
        barColumn.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().add(barColumn);
        grid.getColumnConstraints().addAll(fixed(80), fixed(70), fixed(70), fixed(92));
        int row = 0;
        for (PoolUsage p : pools) {
            String id = "pool-" + p.subnetId() + "-" + p.tier();
            Label tier = new Label(p.tier());
            tier.getStyleClass().addAll("pool-tier", "tier-" + p.tier());
            Label range = new Label(p.first() + " – " + p.last());
            range.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            VBox name = new VBox(0, tier, range);
            ProgressBar bar = new ProgressBar(p.size() == 0 ? 0 : (double) p.used() / p.size());
            bar.setId(id + "-bar");
            bar.setMaxWidth(Double.MAX_VALUE);
            bar.getStyleClass().addAll("pool-bar", "level-" + p.level());
            Label count = new Label(p.used() + " / " + p.size());
            count.setId(id + "-used");
            count.getStyleClass().add("pool-count");
            Label pct = new Label(percent(p.percent()));
            pct.setId(id + "-percent");
            Label free = new Label(p.free() + " free");
            free.setId(id + "-free");
            free.getStyleClass().add(Styles.TEXT_MUTED);
            Label level = new Label(p.level());
            level.setId(id + "-level");
            level.getStyleClass().addAll("pool-level", "level-" + p.level());
            level.setMinWidth(Region.USE_PREF_SIZE);
            grid.addRow(row++, name, bar, count, pct, free, level);
        }
        VBox card = new VBox(4, title, total, grid);
        card.setId("pool-card-" + first.subnetId());
        card.getStyleClass().add("pool-card");
        card.setPadding(new Insets(10, 12, 10, 12));
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }

    /** With several servers, those that serve the pool (after {@code separator}); with one, nothing. */
    static String servedBy(PoolUsage p, String separator) {
        return p.servers() == null ? "" : separator + org.gatehouse.model.SafeText.escapeForTerminal(String.join(", ", p.servers()));
    }

    private static ColumnConstraints fixed(double width) {
        ColumnConstraints c = new ColumnConstraints(width);
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    private TableView<PoolUsage> table() {
        TableView<PoolUsage> t = new TableView<>(model.pools());
        t.setId("pool-table");
        t.getStyleClass().addAll(Styles.DENSE, "pool-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPrefHeight(185);
        t.setMinHeight(120);
        t.getColumns().add(column("Subnet", p -> p.subnetId() + " · " + p.subnet(), 170));
        TableColumn<PoolUsage, String> tier = column("Tier", PoolUsage::tier, 150);
        tier.setCellFactory(c -> styledCell(p -> "tier-" + p.tier()));
        t.getColumns().add(tier);
        t.getColumns().add(column("Range", p -> p.first() + " – " + p.last(), 220));
        t.getColumns().add(column("Size", p -> Long.toString(p.size()), 60));
        t.getColumns().add(column("Used", p -> Long.toString(p.used()), 60));
        t.getColumns().add(column("Free", p -> Long.toString(p.free()), 60));
        t.getColumns().add(column("In use", p -> percent(p.percent()), 70));
        TableColumn<PoolUsage, String> level = column("Level", PoolUsage::level, 80);
        level.setCellFactory(c -> styledCell(p -> "level-" + p.level()));
        t.getColumns().add(level);
        TableColumn<PoolUsage, String> servers = column("Servers", p -> servedBy(p, "").strip(), 140);
        servers.setId("pool-col-servers");
        servers.visibleProperty().bind(model.severalServersProperty());
        t.getColumns().add(servers);
        return t;
    }

    private static TableColumn<PoolUsage, String> column(String title, Function<PoolUsage, String> value, double width) {
        TableColumn<PoolUsage, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableCell<PoolUsage, String> styledCell(Function<PoolUsage, String> styleClass) {
        return new TableCell<>() {
            private String applied;

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                if (applied != null) {
                    getStyleClass().remove(applied);
                    applied = null;
                }
                setText(empty ? null : item);
                PoolUsage p = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (p != null) {
                    applied = styleClass.apply(p);
                    getStyleClass().add(applied);
                }
            }
        };
    }

    static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f %%", value);
    }
}
