package org.gatehouse.ui.audit;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.gatehouse.model.AuditEntry;
import org.gatehouse.policy.AuditService;
import org.gatehouse.ui.dialog.DialogService;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import static org.gatehouse.ui.audit.AuditWidgets.*;

/** The Trail tab: filters, chain check, export, the rows and a device's timeline. */
final class TrailTab {
    private final TrailViewModel vm;
    private final DialogService dialogs;

    TrailTab(TrailViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
    }

    Node node() {
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
        result.getItems().addAll(TrailViewModel.OUTCOMES);
        result.setId("audit-result");
        result.setConverter(anyConverter("Any result"));
        result.setPromptText("Any result");
        result.valueProperty().bindBidirectional(vm.resultProperty());
        fixed(result, 128);
        Button apply = new Button("_Filter", new FontIcon(Feather.FILTER));
        apply.setId("audit-filter");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> vm.refresh());
        apply.setMinWidth(Region.USE_PREF_SIZE);
        Button clear = new Button("C_lear");
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.setOnAction(e -> vm.clearFilters());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.loadingProperty());
        HBox filters = new HBox(8, since, until, user, mac, action, result, apply, clear, busy);
        filters.setAlignment(Pos.CENTER_LEFT);

        Button verify = new Button("_Verify chain", new FontIcon(Feather.SHIELD));
        verify.setId("audit-verify");
        verify.setOnAction(e -> vm.verify());
        Label chain = new Label();
        chain.setId("audit-chain");
        chain.textProperty().bind(vm.chainProperty());
        vm.chainBrokenProperty().addListener((o, a, b) -> {
            chain.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            chain.getStyleClass().add(b ? Styles.DANGER : Styles.SUCCESS);
        });
        Button csv = new Button("Export _CSV", new FontIcon(Feather.DOWNLOAD));
        csv.setId("audit-export-csv");
        csv.setOnAction(e -> export(AuditService.ExportFormat.CSV));
        Button json = new Button("Export _JSON", new FontIcon(Feather.DOWNLOAD));
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
        Button timelineButton = new Button("Show device _timeline", new FontIcon(Feather.CLOCK));
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
                text("Target", e -> nz(e.target()), 150), text("Before → after", AuditWidgets::change, 180), result));
        table.setPlaceholder(new Label("No audit rows match"));
        return table;
    }

    private void export(AuditService.ExportFormat format) {
        String ext = format == AuditService.ExportFormat.CSV ? "csv" : "json";
        dialogs.chooseFileToSave("Export the audit trail", "gatehouse-audit." + ext,
                java.util.List.of(new DialogService.FileKind(ext.toUpperCase(), "*." + ext))).ifPresent(f -> vm.export(f, format));
    }
}
