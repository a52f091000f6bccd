package org.gatehouse.ui.queue;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.switchboard.WhereIsIt;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Queue screen: devices waiting for a decision, multi-select, Approve (A) / Deny (D) with an
 * optional note, a 10 s undo toast (Ctrl+Z), and the decisions of this session with a tick once
 * an approved device shows up in the registered pool.
 */
public final class QueueView extends StackPane {
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    public QueueView(QueueViewModel vm, DialogService dialogs) {
        setId("screen-queue");
        Label title = new Label("Queue");
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label("Select devices, then approve (A) or deny (D)");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Label count = new Label();
        count.setId("queue-count");
        count.textProperty().bind(vm.summaryProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.loadingProperty().or(vm.busyProperty()));
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setId("queue-refresh");
        refresh.setTooltip(new Tooltip("Refresh now"));
        refresh.setOnAction(e -> vm.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, hint, spacer, count, busy, refresh);
        header.setAlignment(Pos.CENTER_LEFT);

        TableView<QueueRow> table = table(vm);
        TextField note = new TextField();
        note.setId("queue-note");
        note.setPromptText("Note for the decision (who, why) — stored in Kea with it");
        note.textProperty().bindBidirectional(vm.noteProperty());
        HBox.setHgrow(note, Priority.ALWAYS);
        Button approve = new Button("_Approve", new FontIcon(Feather.CHECK));
        approve.setId("queue-approve");
        approve.getStyleClass().add(Styles.SUCCESS);
        approve.setTooltip(new Tooltip("Reserve into the registered pool (A)"));
        Button deny = new Button("_Deny", new FontIcon(Feather.SLASH));
        deny.setId("queue-deny");
        deny.getStyleClass().add(Styles.DANGER);
        deny.setTooltip(new Tooltip(vm.canBlock() ? "Deny and block on the switch (D)"
                : "Kea gives it no address (D). No switch is configured, so it is not blocked there."));
        var none = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        approve.disableProperty().bind(none.or(vm.busyProperty()));
        deny.disableProperty().bind(none.or(vm.busyProperty()));
        approve.setOnAction(e -> vm.approve(List.copyOf(table.getSelectionModel().getSelectedItems())));
        deny.setOnAction(e -> vm.deny(List.copyOf(table.getSelectionModel().getSelectedItems())));
        HBox actions = new HBox(8, note, approve, deny);
        WhereIsIt whereIsIt = vm.whereIsIt(dialogs);
        if (whereIsIt.available()) {
            Button locate = new Button("_Where is it?", new FontIcon(Feather.MAP_PIN));
            locate.setId("queue-locate");
            locate.setTooltip(new Tooltip("Ask the switch which port the selected device is on"));
            locate.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
            locate.setOnAction(e -> whereIsIt.show(table.getSelectionModel().getSelectedItem().entry().mac()));
            actions.getChildren().add(locate);
        }
        actions.setAlignment(Pos.CENTER_LEFT);

        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.A && !e.isShortcutDown()) {
                approve.fire();
                e.consume();
            } else if (e.getCode() == KeyCode.D) {
                deny.fire();
                e.consume();
            } else if (e.getCode() == KeyCode.Z && e.isShortcutDown()) {
                vm.undo();
                e.consume();
            }
        });

        Label message = new Label();
        message.setId("queue-message");
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.getStyleClass().add(Styles.DANGER);
        message.setWrapText(true);

        VBox queuePane = new VBox(8, header, message, table, actions);
        VBox.setVgrow(table, Priority.ALWAYS);
        Label decidedTitle = new Label("Decided in this session");
        decidedTitle.getStyleClass().add(Styles.TITLE_4);
        VBox decidedPane = new VBox(6, decidedTitle, decidedTable(vm));
        VBox.setVgrow(decidedPane.getChildren().get(1), Priority.ALWAYS);
        SplitPane split = new SplitPane(queuePane, decidedPane);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.74);
        BorderPane main = new BorderPane(split);

        Label toastText = new Label();
        toastText.setId("queue-toast-text");
        toastText.textProperty().bind(vm.toastTextProperty());
        Button undo = new Button("Undo");
        undo.setId("queue-undo");
        undo.getStyleClass().addAll(Styles.ACCENT, Styles.SMALL);
        undo.setOnAction(e -> vm.undo());
        HBox toast = new HBox(12, new FontIcon(Feather.INFO), toastText, undo);
        toast.setId("queue-toast");
        toast.getStyleClass().add("toast");
        toast.setAlignment(Pos.CENTER_LEFT);
        toast.setPadding(new Insets(8, 12, 8, 12));
        toast.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        toast.visibleProperty().bind(vm.toastProperty().isNotNull());
        StackPane.setAlignment(toast, Pos.BOTTOM_CENTER);
        StackPane.setMargin(toast, new Insets(0, 0, 56, 0));
        getChildren().addAll(main, toast);

        vm.conflictProperty().addListener((o, a, b) -> {
            if (b != null && !b.isEmpty()) {
                vm.conflictProperty().set("");
                vm.refresh();
                dialogs.report(DialogService.Level.WARNING, "queue-conflict", "Conflict — nothing was overwritten",
                        "Someone else changed this device meanwhile", b + "\n\nThe queue has been refreshed; check the device and decide again.");
            }
        });
        vm.offlineOfferProperty().addListener((o, a, offer) -> {
            if (offer != null) {
                vm.answerOffline(dialogs.confirm("Kea is unreachable", offer.header(), offer.text()));
            }
        });
    }

    private static TableView<QueueRow> table(QueueViewModel vm) {
        TableView<QueueRow> table = new TableView<>(vm.rows());
        table.setId("queue-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<QueueRow, String> tier = text("Tier", QueueRow::tier, 160);
        tier.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("tier-newly-unregistered", "tier-old-unregistered");
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add("tier-" + item);
                }
            }
        });
        TableColumn<QueueRow, Instant> first = new TableColumn<>("First seen");
        first.setCellValueFactory(c -> Bindings.createObjectBinding(() -> c.getValue().entry().firstSeen(), c.getValue().entryProperty()));
        first.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : LocalTime.ofInstant(item, ZoneId.systemDefault()).format(HMS));
            }
        });
        first.setPrefWidth(90);
        TableColumn<QueueRow, Number> inQueue = new TableColumn<>("In queue");
        inQueue.setCellValueFactory(c -> vm.nowProperty().subtract(c.getValue().entry().firstSeen().getEpochSecond()));
        inQueue.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : age(Math.max(0, item.longValue())));
            }
        });
        inQueue.setPrefWidth(90);
        TableColumn<QueueRow, Number> seen = new TableColumn<>("Seen");
        seen.setCellValueFactory(c -> Bindings.createIntegerBinding(() -> c.getValue().timesSeen(), c.getValue().entryProperty()));
        seen.setPrefWidth(60);
        TableColumn<QueueRow, String> macCol = text("MAC", QueueRow::mac, 150);
        macCol.setMinWidth(150);
        TableColumn<QueueRow, String> ipCol = text("IP", QueueRow::ip, 130);
        ipCol.setMinWidth(130);
        tier.setMinWidth(165);
        first.setMinWidth(95);
        inQueue.setMinWidth(80);
        seen.setMinWidth(55);
        table.getColumns().addAll(List.of(macCol, text("Vendor", QueueRow::vendor, 120),
                text("Hostname", QueueRow::hostname, 120), ipCol, tier, first, inQueue, seen));
        table.setPlaceholder(new Label("Nobody is waiting. New devices appear here to approve or deny."));
        return table;
    }

    private static TableView<DecidedRow> decidedTable(QueueViewModel vm) {
        TableView<DecidedRow> t = new TableView<>(vm.decided());
        t.setId("queue-decided");
        t.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<DecidedRow, String> at = new TableColumn<>("At");
        at.setCellValueFactory(c -> new ReadOnlyStringWrapper(LocalTime.ofInstant(c.getValue().at(), ZoneId.systemDefault()).format(HMS)));
        at.setPrefWidth(90);
        at.setMaxWidth(100);
        TableColumn<DecidedRow, String> mac = new TableColumn<>("MAC");
        mac.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().mac().toString()));
        mac.setPrefWidth(150);
        mac.setMaxWidth(170);
        TableColumn<DecidedRow, String> host = new TableColumn<>("Hostname");
        host.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().hostname()));
        host.setPrefWidth(160);
        host.setMaxWidth(220);
        TableColumn<DecidedRow, String> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> c.getValue().stateProperty());
        t.getColumns().addAll(List.of(at, mac, host, state));
        t.setPlaceholder(new Label("Approved and denied devices show here until they have moved."));
        return t;
    }

    static String age(long seconds) {
        Duration d = Duration.ofSeconds(seconds);
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return d.toMinutes() + " min";
        }
        return d.toHours() + " h " + d.toMinutesPart() + " min";
    }

    private static TableColumn<QueueRow, String> text(String title, Function<QueueRow, String> value, double width) {
        TableColumn<QueueRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> Bindings.createStringBinding(() -> value.apply(cell.getValue()), cell.getValue().entryProperty()));
        c.setPrefWidth(width);
        return c;
    }
}
