package org.gatehouse.ui.reservations;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.model.HostReservation;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Reservations screen: table, search, add / edit / remove, import and export. */
public final class ReservationsView extends BorderPane {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final List<DialogService.FileKind> FILES = List.of(new DialogService.FileKind("CSV", "*.csv"),
            new DialogService.FileKind("JSON", "*.json"));
    private final ReservationsViewModel vm;
    private final DialogService dialogs;

    public ReservationsView(ReservationsViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        setId("screen-reservations");
        Label title = new Label("Reservations");
        title.getStyleClass().add(Styles.TITLE_3);
        TextField search = new TextField();
        search.setId("res-search");
        search.setPromptText("Search MAC, hostname, class, IP, note");
        search.setPrefColumnCount(24);
        search.textProperty().bindBidirectional(vm.searchProperty());
        Label count = new Label();
        count.textProperty().bind(vm.summaryProperty());
        count.getStyleClass().add(Styles.TEXT_MUTED);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.loadingProperty());

        TableView<HostReservation> table = table();
        Button add = new Button("_Add…", new FontIcon(Feather.PLUS));
        add.setId("res-add");
        add.setOnAction(e -> openEditor(null, null, null));
        Button edit = new Button("_Edit…", new FontIcon(Feather.EDIT_2));
        edit.setId("res-edit");
        edit.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1).or(vm.loadingProperty()));
        edit.setOnAction(e -> openEditor(table.getSelectionModel().getSelectedItem(), null, null));
        Button remove = new Button("_Remove", new FontIcon(Feather.TRASH_2));
        remove.setId("res-remove");
        remove.getStyleClass().add(Styles.DANGER);
        remove.disableProperty().bind(Bindings.isEmpty(table.getSelectionModel().getSelectedItems()).or(vm.loadingProperty()));
        remove.setOnAction(e -> {
            List<HostReservation> sel = List.copyOf(table.getSelectionModel().getSelectedItems());
            if (dialogs.confirm("Remove reservations", null, "Remove " + (sel.size() == 1 ? "the reservation of " + sel.get(0).mac()
                    : sel.size() + " reservations") + "? The devices return to the unregistered pools at their next renewal.")) {
                vm.remove(sel);
            }
        });
        Button importButton = new Button("_Import…", new FontIcon(Feather.UPLOAD));
        importButton.setId("res-import");
        importButton.setOnAction(e -> {
            dialogs.chooseFileToOpen("Import reservations", FILES).ifPresent(vm::importFile);
        });
        Button export = new Button("E_xport…", new FontIcon(Feather.DOWNLOAD));
        export.setId("res-export");
        export.setOnAction(e -> {
            dialogs.chooseFileToSave("Export reservations", "reservations.csv", FILES).ifPresent(vm::exportTo);
        });
        Button refresh = new Button(null, new FontIcon(Feather.REFRESH_CW));
        refresh.setOnAction(e -> vm.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        title.setMinWidth(Region.USE_PREF_SIZE);
        count.setMinWidth(Region.USE_PREF_SIZE);
        HBox toolbar = new HBox(8, title, spacer, count, busy, search, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(8, add, edit, remove, new javafx.scene.control.Separator(javafx.geometry.Orientation.VERTICAL),
                importButton, export);
        actions.setAlignment(Pos.CENTER_LEFT);
        for (Button b : List.of(add, edit, remove, importButton, export)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        // One edit at a time: a second click while Kea is being written (or found away) would repeat it.
        add.disableProperty().bind(vm.loadingProperty());
        importButton.disableProperty().bind(vm.loadingProperty());

        Label message = new Label();
        message.setId("res-message");
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.setWrapText(true);
        vm.errorProperty().addListener((o, a, b) -> {
            message.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            message.getStyleClass().add(b ? Styles.DANGER : Styles.SUCCESS);
        });
        message.getStyleClass().add(vm.errorProperty().get() ? Styles.DANGER : Styles.SUCCESS);
        Label queued = new Label();
        queued.setId("res-queued");
        queued.setWrapText(true);
        queued.getStyleClass().add(Styles.WARNING);
        queued.textProperty().bind(Bindings.createStringBinding(() -> vm.queuedEdits().isEmpty() ? ""
                : "Waiting for Kea (offline queue, replayed with the conflict check): " + String.join("; ", vm.queuedEdits()), vm.queuedEdits()));
        queued.managedProperty().bind(queued.textProperty().isNotEmpty());
        queued.visibleProperty().bind(queued.textProperty().isNotEmpty());
        vm.offlineOfferProperty().addListener((o, a, offer) -> {
            if (offer != null) {
                vm.answerOffline(offer, dialogs.confirm("Kea is unreachable", offer.header(), offer.text()));
            }
        });
        VBox top = new VBox(8, toolbar, actions, message, queued);
        top.setPadding(new javafx.geometry.Insets(0, 0, 8, 0));
        setTop(top);
        setCenter(table);
        // The keyboard's double-click and remove: Enter edits the selected reservation, Delete removes (asks first).
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && !edit.isDisabled()) {
                edit.fire();
                e.consume();
            } else if (e.getCode() == javafx.scene.input.KeyCode.DELETE && !remove.isDisabled()) {
                remove.fire();
                e.consume();
            }
        });
        table.setRowFactory(tv -> {
            TableRow<HostReservation> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openEditor(row.getItem(), null, null);
                }
            });
            return row;
        });
    }

    /** Opens the editor: for {@code existing}, or new (optionally prefilled); saves through the view-model. */
    public void openEditor(HostReservation existing, String mac, String hostname) {
        new ReservationDialog(window(), vm.rulesProperty().get(), existing, mac, hostname).ask().ifPresent(vm::save);
    }

    private Window window() {
        if (getScene() != null) {
            return getScene().getWindow();
        }
        // Opened from another screen (the Leases screen's Reserve…): the console's window owns the form, so the
        // keyboard focus goes back there when it closes.
        return Window.getWindows().stream().filter(Window::isFocused).findFirst().orElse(null);
    }

    private TableView<HostReservation> table() {
        TableView<HostReservation> t = new TableView<>(vm.visibleRows());
        t.setId("res-table");
        t.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        t.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<HostReservation, String> cls = text("Class", HostReservation::decisionClass, 130);
        cls.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("tier-registered", "tier-old-unregistered", "class-denied");
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add(item.equals("denied") ? "class-denied" : "tier-" + item);
                }
            }
        });
        TableColumn<HostReservation, String> macCol = text("MAC", r -> r.mac().toString(), 150);
        macCol.setMinWidth(150);
        cls.setMinWidth(130);
        t.getColumns().addAll(List.of(macCol, cls,
                text("IP", r -> r.ip() == null ? "from pool" : r.ip().toString(), 110), text("Hostname", HostReservation::hostname, 140),
                text("Note", r -> r.stamp() == null ? "" : r.stamp().note(), 160), text("By", r -> r.stamp() == null ? "" : r.stamp().by(), 130),
                text("When", r -> r.stamp() == null || r.stamp().at() == null ? "" : LocalDateTime.ofInstant(r.stamp().at(),
                        ZoneId.systemDefault()).format(WHEN), 150), text("Subnet", r -> Long.toString(r.subnetId()), 72)));
        t.getColumns().get(t.getColumns().size() - 2).setMinWidth(150);
        t.getColumns().get(t.getColumns().size() - 1).setMinWidth(72);
        t.setPlaceholder(new Label("No reservations yet. Approve devices in the Queue, or add one here."));
        return t;
    }

    private static TableColumn<HostReservation, String> text(String title, Function<HostReservation, String> value, double width) {
        TableColumn<HostReservation, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
