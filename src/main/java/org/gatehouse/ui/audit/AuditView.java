package org.gatehouse.ui.audit;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.policy.AuditService;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.policy.ConfigDiff;
import org.gatehouse.policy.ConfigService;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Audit screen: the trail (filters, chain check, export, device timeline), config snapshots, the offline queue. */
public final class AuditView extends BorderPane {
    static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final AuditViewModel vm;
    private final DialogService dialogs;

    public AuditView(AuditViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        setId("screen-audit");
        Label title = new Label("Audit");
        title.getStyleClass().add(Styles.TITLE_3);
        Label cache = new Label();
        cache.setId("audit-cache-info");
        cache.textProperty().bind(vm.cacheInfoProperty());
        cache.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(12, title, spacer, cache, LogLink.forThisProcess(vm.tasks()));
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(0, 0, 8, 0));
        setTop(head);

        TabPane tabs = new TabPane(new Tab("Trail", trail()), new Tab("Config snapshots", snapshots()), new Tab("Offline queue", queue()));
        tabs.setId("audit-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().get(1).setId("tab-snapshots");
        tabs.getTabs().get(2).setId("tab-queue");
        setCenter(tabs);
    }

    static String time(Instant at) {
        return at == null ? "" : UTC.format(at);
    }

    private static StringConverter<String> anyConverter(String any) {
        return new StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null ? any : s;
            }

            @Override
            public String fromString(String s) {
                return s == null || s.isBlank() || s.equals(any) ? null : s;
            }
        };
    }

    /** A text column whose cells show their full text as a tooltip (long results, notes, hashes). */
    private static <T> TableColumn<T, String> text(String name, Function<T, String> f, double width) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        });
        return c;
    }

    private static <T extends Region> T fixed(T node, double width) {
        node.setPrefWidth(width);
        node.setMinWidth(Region.USE_PREF_SIZE);
        return node;
    }

    private static Label warning(javafx.beans.property.StringProperty text, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.managedProperty().bind(l.textProperty().isNotEmpty());
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.setWrapText(true);
        return l;
    }

    // ---- trail

    private Node trail() {
        DatePicker since = new DatePicker();
        since.setId("audit-since");
        since.setPromptText("From");
        fixed(since, 128);
        since.valueProperty().bindBidirectional(vm.sinceProperty());
        DatePicker until = new DatePicker();
        until.setId("audit-until");
        until.setPromptText("To");
        fixed(until, 128);
        until.valueProperty().bindBidirectional(vm.untilProperty());
        ComboBox<String> user = new ComboBox<>(vm.users());
        user.setId("audit-user");
        user.setConverter(anyConverter("Any user"));
        user.setPromptText("Any user");
        user.valueProperty().bindBidirectional(vm.userProperty());
        fixed(user, 120);
        TextField mac = new TextField();
        mac.setId("audit-mac");
        mac.setPromptText("MAC");
        mac.setPrefColumnCount(12);
        mac.setMinWidth(110);
        HBox.setHgrow(mac, Priority.ALWAYS);
        mac.textProperty().bindBidirectional(vm.macProperty());
        mac.setOnAction(e -> vm.refresh());
        ComboBox<String> action = new ComboBox<>(vm.actions());
        action.setId("audit-action");
        action.setConverter(anyConverter("Any action"));
        action.setPromptText("Any action");
        action.valueProperty().bindBidirectional(vm.actionProperty());
        fixed(action, 135);
        ComboBox<String> result = new ComboBox<>();
        result.getItems().add(null);
        result.getItems().addAll(AuditViewModel.OUTCOMES);
        result.setId("audit-result");
        result.setConverter(anyConverter("Any result"));
        result.setPromptText("Any result");
        result.valueProperty().bindBidirectional(vm.resultProperty());
        fixed(result, 128);
        Button apply = new Button("Filter", new FontIcon(Feather.FILTER));
        apply.setId("audit-filter");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> vm.refresh());
        apply.setMinWidth(Region.USE_PREF_SIZE);
        Button clear = new Button("Clear");
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.setOnAction(e -> vm.clearFilters());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.loadingProperty());
        HBox filters = new HBox(8, since, until, user, mac, action, result, apply, clear, busy);
        filters.setAlignment(Pos.CENTER_LEFT);

        Button verify = new Button("Verify chain", new FontIcon(Feather.SHIELD));
        verify.setId("audit-verify");
        verify.setOnAction(e -> vm.verify());
        Label chain = new Label();
        chain.setId("audit-chain");
        chain.textProperty().bind(vm.chainProperty());
        vm.chainBrokenProperty().addListener((o, a, b) -> {
            chain.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            chain.getStyleClass().add(b ? Styles.DANGER : Styles.SUCCESS);
        });
        Button csv = new Button("Export CSV", new FontIcon(Feather.DOWNLOAD));
        csv.setId("audit-export-csv");
        csv.setOnAction(e -> export(AuditService.ExportFormat.CSV));
        Button json = new Button("Export JSON", new FontIcon(Feather.DOWNLOAD));
        json.setId("audit-export-json");
        json.setOnAction(e -> export(AuditService.ExportFormat.JSON));
        Label count = new Label();
        count.setId("audit-count");
        count.textProperty().bind(vm.summaryProperty());
        count.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox tools = new HBox(8, verify, chain, spacer, count, csv, json);
        tools.setAlignment(Pos.CENTER_LEFT);

        TableView<AuditEntry> table = trailTable();
        Button timelineButton = new Button("Show device timeline", new FontIcon(Feather.CLOCK));
        timelineButton.setId("audit-timeline");
        timelineButton.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            AuditEntry sel = table.getSelectionModel().getSelectedItem();
            return sel == null || sel.mac() == null;
        }, table.getSelectionModel().selectedItemProperty()));
        timelineButton.setOnAction(e -> vm.showTimeline(table.getSelectionModel().getSelectedItem()));
        timelineButton.setMinWidth(Region.USE_PREF_SIZE);
        Label details = new Label("Select a row to see all of it; double-click a row about a device for its timeline.");
        details.setId("audit-details");
        details.setWrapText(true);
        details.setMinHeight(Region.USE_PREF_SIZE);
        details.getStyleClass().add(Styles.TEXT_MUTED);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> details.setText(b == null ? "" : details(b)));
        table.setRowFactory(tv -> {
            TableRow<AuditEntry> row = new TableRow<>() {
                @Override
                protected void updateItem(AuditEntry item, boolean empty) {
                    super.updateItem(item, empty);
                    getStyleClass().removeAll("outcome-refused", "outcome-queued", "outcome-failed");
                    if (!empty && item != null && List.of("refused", "queued", "failed").contains(item.outcome())) {
                        getStyleClass().add("outcome-" + item.outcome());
                    }
                }
            };
            row.setOnMouseClicked(ev -> {
                if (ev.getClickCount() == 2 && !row.isEmpty()) {
                    vm.showTimeline(row.getItem());
                }
            });
            return row;
        });

        Label timelineTitle = new Label();
        timelineTitle.setId("audit-timeline-title");
        timelineTitle.textProperty().bind(Bindings.when(vm.timelineTitleProperty().isEmpty())
                .then("Its lease history and the actions on it, in order.")
                .otherwise(vm.timelineTitleProperty()));
        timelineTitle.setWrapText(true);
        timelineTitle.getStyleClass().add(Styles.TEXT_BOLD);
        TableView<AuditService.TimelineEntry> timeline = new TableView<>(vm.timeline());
        timeline.setId("audit-timeline-table");
        timeline.getStyleClass().addAll(Styles.DENSE, Styles.STRIPED);
        timeline.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        timeline.getColumns().addAll(List.of(text("When (UTC)", t -> time(t.at()), 178), text("Kind", AuditService.TimelineEntry::kind, 65),
                text("Result", AuditService.TimelineEntry::result, 150), text("What", AuditService.TimelineEntry::what, 480)));
        timeline.setPlaceholder(new Label("No timeline shown"));
        HBox timelineBar = new HBox(8, timelineButton, timelineTitle);
        timelineBar.setAlignment(Pos.CENTER_LEFT);
        VBox timelinePane = new VBox(6, details, timelineBar, timeline);
        VBox.setVgrow(timeline, Priority.ALWAYS);
        timelinePane.setPadding(new Insets(6, 0, 0, 0));

        SplitPane split = new SplitPane(table, timelinePane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox box = new VBox(8, filters, tools, warning(vm.messageProperty(), "audit-message"), split);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private TableView<AuditEntry> trailTable() {
        TableView<AuditEntry> table = new TableView<>(vm.rows());
        table.setId("audit-table");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE, "audit-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<AuditEntry, String> result = text("Result", AuditEntry::result, 220);
        // Workstation, note, detail and hash are in the details line under the table (and in exports).
        table.getColumns().addAll(List.of(text("#", e -> Long.toString(e.id()), 45), text("When (UTC)", e -> time(e.at()), 178),
                text("User", e -> nz(e.osUser()), 75), text("Action", AuditEntry::action, 125),
                text("Target", e -> nz(e.target()), 150), text("Before → after", AuditView::change, 180), result));
        table.setPlaceholder(new Label("No audit rows match"));
        return table;
    }

    static String details(AuditEntry e) {
        StringBuilder sb = new StringBuilder("#" + e.id() + " · " + time(e.at()) + " · " + nz(e.osUser()) + " on " + nz(e.host()) + " · "
                + e.action() + " " + nz(e.target()));
        if (e.mac() != null && !e.mac().equals(e.target())) {
            sb.append(" (device ").append(e.mac()).append(')');
        }
        if (e.before() != null || e.after() != null) {
            sb.append(" · ").append(shortValue(e.before())).append(" → ").append(shortValue(e.after()));
        }
        if (e.note() != null && !e.note().isBlank()) {
            sb.append(" · note: “").append(e.note()).append('”');
        }
        if (e.detail() != null && !e.detail().isBlank()) {
            sb.append(" · ").append(e.detail());
        }
        sb.append(" · ").append(e.result());
        return sb.toString();
    }

    static String change(AuditEntry e) {
        if (e.before() == null && e.after() == null) {
            return "";
        }
        return shortValue(e.before()) + " → " + shortValue(e.after());
    }

    private static String shortValue(String s) {
        if (s == null) {
            return "—";
        }
        return s.matches("[0-9A-Fa-f]{64}") ? s.substring(0, 10) + "…" : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void export(AuditService.ExportFormat format) {
        String ext = format == AuditService.ExportFormat.CSV ? "csv" : "json";
        dialogs.chooseFileToSave("Export the audit trail", "gatehouse-audit." + ext,
                java.util.List.of(new DialogService.FileKind(ext.toUpperCase(), "*." + ext))).ifPresent(f -> vm.export(f, format));
    }

    // ---- snapshots

    private Node snapshots() {
        ListView<ConfigService.SnapshotInfo> list = new ListView<>(vm.snapshots());
        list.setId("snapshot-list");
        list.setPrefWidth(300);
        list.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(ConfigService.SnapshotInfo s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : "#" + s.id() + "  " + time(s.at()) + "\n" + s.reason());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedSnapshotProperty().set(b));
        vm.selectedSnapshotProperty().addListener((o, a, b) -> {
            if (b != null && list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
            }
        });
        list.setPlaceholder(new Label("No snapshots yet: one is stored before every configuration write."));
        if (vm.selectedSnapshotProperty().get() != null) {
            list.getSelectionModel().select(vm.selectedSnapshotProperty().get());
        }

        ComboBox<Long> with = new ComboBox<>();
        with.setId("snapshot-compare-with");
        with.getItems().add(AuditViewModel.RUNNING);
        vm.snapshots().addListener((javafx.collections.ListChangeListener<ConfigService.SnapshotInfo>) c -> {
            Long keep = with.getValue();
            with.getItems().setAll(AuditViewModel.RUNNING);
            vm.snapshots().forEach(s -> with.getItems().add(s.id()));
            with.setValue(keep);
        });
        with.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long id) {
                return id == null || id == AuditViewModel.RUNNING ? "the running configuration" : "snapshot #" + id;
            }

            @Override
            public Long fromString(String s) {
                return null;
            }
        });
        with.valueProperty().bindBidirectional(vm.compareWithProperty());
        Button compare = new Button("Compare", new FontIcon(Feather.COLUMNS));
        compare.setId("snapshot-compare");
        compare.setOnAction(e -> vm.compare());
        compare.disableProperty().bind(vm.selectedSnapshotProperty().isNull());
        HBox compareBar = new HBox(8, new Label("Compare the selected snapshot with"), with, compare);
        compareBar.setAlignment(Pos.CENTER_LEFT);
        Label diffTitle = new Label();
        diffTitle.setId("snapshot-diff-title");
        diffTitle.textProperty().bind(vm.diffTitleProperty());
        diffTitle.getStyleClass().add(Styles.TEXT_BOLD);

        TableView<ConfigDiff.PathChange> changes = new TableView<>(vm.diffChanges());
        changes.setId("snapshot-changes");
        changes.getStyleClass().add(Styles.DENSE);
        changes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        changes.getColumns().addAll(List.of(text("Change", c -> c.kind().name().toLowerCase(), 80), text("Path", ConfigDiff.PathChange::path, 260),
                text("Left", c -> nz(c.before()), 200), text("Right", c -> nz(c.after()), 200)));
        changes.setPlaceholder(new Label("Nothing compared yet, or no differences"));
        changes.setPrefHeight(130);

        TableView<ConfigDiff.Row> sideBySide = new TableView<>(vm.diffRows());
        sideBySide.setId("snapshot-diff");
        sideBySide.getStyleClass().addAll("config-diff", Styles.DENSE);
        sideBySide.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<ConfigDiff.Row, String> ln = text("", r -> r.leftNo() == 0 ? "" : Integer.toString(r.leftNo()), 40);
        TableColumn<ConfigDiff.Row, String> rn = text("", r -> r.rightNo() == 0 ? "" : Integer.toString(r.rightNo()), 40);
        for (TableColumn<ConfigDiff.Row, String> n : List.of(ln, rn)) {
            n.setMinWidth(52);
            n.setMaxWidth(60);
            n.setSortable(false);
        }
        sideBySide.getColumns().addAll(List.of(ln, text("Left", ConfigDiff.Row::left, 400), rn, text("Right", ConfigDiff.Row::right, 400)));
        sideBySide.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(ConfigDiff.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("diff-changed", "diff-added", "diff-removed");
                if (!empty && item != null && item.kind() != ConfigDiff.Kind.SAME) {
                    getStyleClass().add("diff-" + item.kind().name().toLowerCase());
                }
            }
        });
        sideBySide.setPlaceholder(new Label("Select a snapshot and press Compare"));
        // Bring the first difference into view: a Kea config runs to hundreds of lines.
        vm.diffRows().addListener((javafx.collections.ListChangeListener<ConfigDiff.Row>) c -> {
            for (int i = 0; i < vm.diffRows().size(); i++) {
                if (vm.diffRows().get(i).kind() != ConfigDiff.Kind.SAME) {
                    int first = Math.max(0, i - 4);
                    javafx.application.Platform.runLater(() -> sideBySide.scrollTo(first));
                    return;
                }
            }
        });
        VBox.setVgrow(sideBySide, Priority.ALWAYS);

        TextField note = new TextField();
        note.setId("snapshot-note");
        note.setPromptText("Why (kept in the audit trail)");
        note.setPrefColumnCount(30);
        note.textProperty().bindBidirectional(vm.restoreNoteProperty());
        Button restore = new Button("Restore this snapshot…", new FontIcon(Feather.ROTATE_CCW));
        restore.setId("snapshot-restore");
        restore.getStyleClass().add(Styles.DANGER);
        restore.setDisable(!vm.canWrite());
        restore.setOnAction(e -> confirmRestore());
        Button queue = new Button("Queue the restore", new FontIcon(Feather.INBOX));
        queue.setId("snapshot-queue");
        queue.visibleProperty().bind(vm.offerQueueProperty());
        queue.managedProperty().bind(vm.offerQueueProperty());
        queue.setOnAction(e -> vm.queueRestore());
        HBox restoreBar = new HBox(8, note, restore, queue);
        restoreBar.setAlignment(Pos.CENTER_LEFT);

        VBox right = new VBox(8, compareBar, diffTitle, changes, sideBySide, restoreBar, warning(vm.snapshotMessageProperty(), "snapshot-message"));
        right.setPadding(new Insets(0, 0, 0, 8));
        SplitPane split = new SplitPane(list, right);
        split.setDividerPositions(0.25);
        BorderPane pane = new BorderPane(split);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private void confirmRestore() {
        if (dialogs.confirm("Restore", "Restore the compared snapshot", "Write this snapshot to Kea (config-test, config-set, config-write)? "
                + "It is refused if the running configuration changed since you compared. The configuration being replaced is kept "
                + "as a snapshot.")) {
            vm.restore();
        }
    }

    // ---- offline queue

    private Node queue() {
        TableView<QueuedAction> table = new TableView<>(vm.queued());
        table.setId("queue-table");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(text("#", a -> Long.toString(a.id()), 50), text("Queued (UTC)", a -> time(a.queuedAt()), 178),
                text("User", a -> nz(a.osUser()), 90), text("Action", QueuedAction::kind, 120), text("Target", QueuedAction::target, 140),
                text("Note", a -> nz(a.note()), 160), text("State", QueuedAction::state, 80), text("Outcome", a -> nz(a.outcome()), 240)));
        table.setPlaceholder(new Label("Nothing is queued. When Kea or the switch is unreachable, an action can be queued "
                + "(you choose it); it is replayed here, in order, with the same conflict checks."));
        Button replay = new Button("Replay now", new FontIcon(Feather.PLAY));
        replay.setId("queue-replay");
        replay.setDisable(!vm.canWrite());
        replay.setOnAction(e -> vm.replay());
        Button cancel = new Button("Cancel selected", new FontIcon(Feather.X));
        cancel.setId("queue-cancel");
        cancel.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        cancel.setOnAction(e -> vm.cancel(table.getSelectionModel().getSelectedItem()));
        CheckBox all = new CheckBox("Show replayed and cancelled");
        all.selectedProperty().bindBidirectional(vm.showResolvedProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, replay, cancel, spacer, all);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, bar, warning(vm.queueMessageProperty(), "queue-message"), table);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }
}
