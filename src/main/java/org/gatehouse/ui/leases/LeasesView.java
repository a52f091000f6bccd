package org.gatehouse.ui.leases;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.SafeText;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.LeaseExport;
import org.gatehouse.ui.dialog.DialogService;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Leases screen: search and filters, the live lease table, and the row actions (copy,
 * release, device history, export) in a context menu, the toolbar and on the keyboard. Other
 * screens' row actions plug in through {@link #addRowAction}.
 */
public final class LeasesView extends BorderPane {
    static final PseudoClass CHANGED = PseudoClass.getPseudoClass("changed");
    static final double ROW_HEIGHT = 24;
    private static final KeyCombination COPY_ROW = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY_CELL = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination HISTORY = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination RELEASE = new KeyCodeCombination(KeyCode.DELETE);
    private static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    static final KeyCombination DENY_BLOCK = new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination MENU = new KeyCodeCombination(KeyCode.F10, KeyCombination.SHIFT_DOWN);

    /** A row action another screen adds (e.g. "Reserve…"): shown in the context menu, {@code shortcut} (or null) as its accelerator. */
    public record RowAction(String id, String text, Ikon icon, KeyCombination shortcut, Consumer<LeaseRow> run) {
    }

    private final LeasesViewModel vm;
    private final DialogService dialogs;
    private final TableView<LeaseRow> table;
    private final TextField search = new TextField();
    private final ContextMenu menu = new ContextMenu();
    private final int extensionIndex;
    private final DenyAndBlock denyAndBlock;
    private final List<RowAction> extensions = new ArrayList<>();
    private LeaseColumn lastColumn = LeaseColumn.IP;

    public LeasesView(LeasesViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.denyAndBlock = new DenyAndBlock(vm.access(), dialogs);
        setId("screen-leases");
        table = buildTable();

        Label title = new Label("Leases");
        title.getStyleClass().add(Styles.TITLE_3);
        Label count = new Label();
        count.setId("lease-count");
        count.textProperty().bind(vm.summaryProperty());
        count.getStyleClass().add(Styles.TEXT_MUTED);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        // Only while the first load runs: a spinner every 2 s would distract (and redraw the window 60 times a second).
        busy.visibleProperty().bind(vm.loadingProperty().and(Bindings.isEmpty(vm.visibleRows())));

        Button refresh = iconButton("lease-refresh", Feather.REFRESH_CW, "Refresh now (F5)");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.loadingProperty());
        Button history = iconButton("lease-history", Feather.CLOCK, "Device history (Ctrl+H)");
        history.setOnAction(e -> selected(this::showHistory));
        Button release = iconButton("lease-release", Feather.TRASH_2, "Release lease… (Delete)");
        release.setOnAction(e -> selected(this::confirmRelease));
        history.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        release.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(vm.offlineProperty()));
        MenuButton export = new MenuButton(null, new FontIcon(Feather.DOWNLOAD));
        export.setId("lease-export");
        export.setTooltip(new Tooltip("Export the rows shown (Ctrl+E)"));
        export.getItems().addAll(exportItem(LeaseExport.Format.CSV), exportItem(LeaseExport.Format.JSON));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, busy, spacer, count, refresh, history, release, export);
        header.setAlignment(Pos.CENTER_LEFT);

        search.setId("lease-search");
        search.setPromptText("Search IP, MAC (0a:1b = octets), hostname, vendor");
        search.setTooltip(new Tooltip("Search (Ctrl+F); Enter or Down goes to the results"));
        search.textProperty().bindBidirectional(vm.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        search.setMaxWidth(Double.MAX_VALUE);
        // From the search to the results without the mouse: Enter or Down goes to the table's first row.
        search.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if ((e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.DOWN) && !table.getItems().isEmpty()) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
                table.getFocusModel().focus(table.getSelectionModel().getSelectedIndex());
                e.consume();
            }
        });
        ComboBox<Tier> tier = filter("lease-tier", FXCollections.observableArrayList(Tier.values()), "All tiers", Tier::label);
        tier.valueProperty().bindBidirectional(vm.tierProperty());
        ComboBox<Long> subnet = filter("lease-subnet", vm.subnets(), "All subnets", vm::subnetLabel);
        subnet.valueProperty().bindBidirectional(vm.subnetProperty());
        ComboBox<LeaseState> state = filter("lease-state",
                FXCollections.observableArrayList(LeaseState.DEFAULT, LeaseState.DECLINED, LeaseState.EXPIRED_RECLAIMED,
                        LeaseState.RELEASED, LeaseState.REGISTERED), "All states", LeaseState::label);
        state.valueProperty().bindBidirectional(vm.stateProperty());
        HBox filters = new HBox(8, search, tier, subnet, state);
        filters.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("lease-message");
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add(Styles.WARNING);
        message.setWrapText(true);
        Button reconnect = new Button("Reconnect now");
        reconnect.setId("lease-reconnect");
        reconnect.getStyleClass().add(Styles.SMALL);
        reconnect.setOnAction(e -> vm.refresh());
        reconnect.visibleProperty().bind(vm.offlineProperty());
        reconnect.managedProperty().bind(vm.offlineProperty());
        reconnect.setMinWidth(Region.USE_PREF_SIZE);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        HBox warning = new HBox(8, message, reconnect);
        warning.setAlignment(Pos.CENTER_LEFT);
        warning.managedProperty().bind(message.textProperty().isNotEmpty());
        warning.visibleProperty().bind(message.textProperty().isNotEmpty());
        Label notice = new Label();
        notice.setId("lease-notice");
        notice.textProperty().bind(vm.noticeProperty());
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        notice.managedProperty().bind(notice.textProperty().isNotEmpty());
        notice.visibleProperty().bind(notice.textProperty().isNotEmpty());

        buildMenu();
        extensionIndex = menu.getItems().size() - 3;
        if (vm.access().canDenyAndBlock()) {
            addRowAction(new RowAction("lease-deny-block", "Deny and block…", Feather.SLASH, DENY_BLOCK, denyAndBlock::ask));
        }
        table.setContextMenu(menu);
        table.addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        // Export is a filter: the table would take Ctrl+E before the menu item's accelerator sees it.
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (EXPORT.match(e)) {
                chooseExport(LeaseExport.Format.CSV);
                e.consume();
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e)) {
                search.requestFocus();
                e.consume();
            } else if (REFRESH.match(e)) {
                vm.refresh();
                e.consume();
            }
        });

        VBox top = new VBox(8, header, filters, warning, notice);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);
        setCenter(table);
    }

    public TableView<LeaseRow> table() {
        return table;
    }

    /**
     * Adds a row action to the context menu (after the lease actions, before "Export"), enabled
     * while a row is selected; its shortcut works while the Leases screen is shown.
     */
    public void addRowAction(RowAction action) {
        MenuItem item = new MenuItem(action.text(), action.icon() == null ? null : new FontIcon(action.icon()));
        item.setId(action.id());
        item.setAccelerator(action.shortcut());
        item.setOnAction(e -> selected(action.run()));
        item.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        menu.getItems().add(extensionIndex + extensions.size(), item);
        extensions.add(action);
    }

    private void buildMenu() {
        MenuItem copyCell = new MenuItem("Copy cell", new FontIcon(Feather.COPY));
        copyCell.setId("lease-copy-cell");
        copyCell.setAccelerator(COPY_CELL);
        copyCell.setOnAction(e -> selected(r -> copy(lastColumn.text(r.data(), vm.nowProperty().get(), vm.seen(), vm.zone()))));
        MenuItem copyRow = new MenuItem("Copy row");
        copyRow.setId("lease-copy-row");
        copyRow.setAccelerator(COPY_ROW);
        copyRow.setOnAction(e -> selected(r -> copy(rowText(r))));
        MenuItem history = new MenuItem("Device history…", new FontIcon(Feather.CLOCK));
        history.setId("lease-menu-history");
        history.setAccelerator(HISTORY);
        history.setOnAction(e -> selected(this::showHistory));
        MenuItem release = new MenuItem("Release lease…", new FontIcon(Feather.TRASH_2));
        release.setId("lease-menu-release");
        release.setAccelerator(RELEASE);
        release.setOnAction(e -> selected(this::confirmRelease));
        release.disableProperty().bind(vm.offlineProperty());
        for (MenuItem m : List.of(copyCell, copyRow, history, release)) {
            if (!m.disableProperty().isBound()) {
                m.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
            }
        }
        MenuItem csv = exportItem(LeaseExport.Format.CSV);
        csv.setAccelerator(EXPORT);
        menu.getItems().addAll(copyCell, copyRow, new SeparatorMenuItem(), history, release, new SeparatorMenuItem(),
                csv, exportItem(LeaseExport.Format.JSON));
    }

    /**
     * The menu items' shortcuts are scene accelerators (JavaFX installs a control's context-menu
     * accelerators in its scene) and fire only while the item is enabled; Enter opens the history.
     */
    private void key(KeyEvent e) {
        LeaseRow row = table.getSelectionModel().getSelectedItem();
        if (row != null && e.getCode() == KeyCode.ENTER) {
            showHistory(row);
            e.consume();
        } else if (e.getCode() == KeyCode.CONTEXT_MENU || MENU.match(e)) {
            showMenuAtSelection();
            e.consume();
        }
    }

    /** The context menu from the keyboard (menu key, Shift+F10): under the selected row, or the table's top left. */
    void showMenuAtSelection() {
        int index = table.getSelectionModel().getSelectedIndex();
        javafx.scene.Node anchor = table;
        for (javafx.scene.Node n : table.lookupAll(".table-row-cell")) {
            if (n instanceof javafx.scene.control.TableRow<?> r && r.getIndex() == index && r.isVisible()) {
                anchor = r;
            }
        }
        javafx.geometry.Bounds b = anchor.localToScreen(anchor.getBoundsInLocal());
        if (b != null) {
            menu.show(anchor, b.getMinX() + 24, anchor == table ? b.getMinY() + 40 : b.getMaxY());
        }
    }

    private void selected(Consumer<LeaseRow> action) {
        LeaseRow row = table.getSelectionModel().getSelectedItem();
        if (row != null) {
            action.accept(row);
        }
    }

    /** The row as tab-separated text, in column order, as a spreadsheet pastes it. */
    String rowText(LeaseRow r) {
        List<String> cells = new ArrayList<>();
        for (LeaseColumn c : LeaseColumn.shown(vm.access().severalServers())) {
            cells.add(c.text(r.data(), vm.nowProperty().get(), vm.seen(), vm.zone()));
        }
        return String.join("\t", cells);
    }

    private static void copy(String text) {
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
    }

    private void confirmRelease(LeaseRow row) {
        if (dialogs.confirm("Release lease", "Release " + row.ip() + "?",
                "Kea deletes the lease of " + row.ip() + " (" + row.mac() + (row.hostname().isEmpty() ? "" : ", " + SafeText.escapeForTerminal(row.hostname()))
                        + "). The device keeps using the address until its next DHCP request, when it may get another one.")) {
            vm.release(row);
        }
    }

    private void showHistory(LeaseRow row) {
        vm.history(row, h -> new DeviceHistoryDialog(getScene() == null ? null : getScene().getWindow(), row.vendor(), h, vm.zone()).show());
    }

    private MenuItem exportItem(LeaseExport.Format format) {
        MenuItem item = new MenuItem("Export shown rows as " + format.name() + "…");
        item.setId("lease-export-" + format.extension());
        item.setOnAction(e -> chooseExport(format));
        return item;
    }

    private void chooseExport(LeaseExport.Format format) {
        dialogs.chooseFileToSave("Export leases", "leases." + format.extension(),
                List.of(new DialogService.FileKind(format.name(), "*." + format.extension()))).ifPresent(f -> vm.export(f, format));
    }

    private TableView<LeaseRow> buildTable() {
        TableView<LeaseRow> t = new TableView<>(vm.visibleRows());
        t.setSkin(new LeaseTableSkin(t, vm.model().rowList()));
        t.setId("lease-table");
        t.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, Styles.DENSE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        for (LeaseColumn c : LeaseColumn.shown(vm.access().severalServers())) {
            TableColumn<LeaseRow, LeaseRow> col = new TableColumn<>(c.title());
            col.setId("col-" + c.name().toLowerCase().replace('_', '-'));
            col.setUserData(c);
            col.setPrefWidth(c.width());
            col.setMinWidth(c.minWidth());
            // The row itself: only the ~30 cells on screen ever ask, and they follow changes through the model's revision.
            col.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
            col.setCellFactory(x -> new LeaseCell(c, vm, clicked -> lastColumn = clicked));
            t.getColumns().add(col);
        }
        // Sorting happens off the FX thread in the view-model; the table only shows the arrow.
        t.setSortPolicy(tv -> {
            List<LeaseTableModel.SortKey> keys = new ArrayList<>();
            for (TableColumn<LeaseRow, ?> col : tv.getSortOrder()) {
                keys.add(new LeaseTableModel.SortKey((LeaseColumn) col.getUserData(), col.getSortType() == TableColumn.SortType.ASCENDING));
            }
            vm.sortBy(keys);
            return true;
        });
        t.getSortOrder().add(t.getColumns().get(0));
        t.setRowFactory(x -> new LeaseTableRows.FlashingRow(vm.model()));
        // Every row is one line high: with a fixed height the table never measures rows it scrolls past.
        t.setFixedCellSize(ROW_HEIGHT);
        LeaseTableRows.keepSelection(t, vm);
        t.setPlaceholder(new Label("No leases"));
        t.opacityProperty().bind(Bindings.when(vm.staleProperty()).then(0.55).otherwise(1.0));
        return t;
    }

    private static Button iconButton(String id, Feather icon, String tip) {
        Button b = new Button(null, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().add(Styles.BUTTON_ICON);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static <T> ComboBox<T> filter(String id, javafx.collections.ObservableList<T> values, String all,
                                         java.util.function.Function<T, String> label) {
        javafx.collections.ObservableList<T> items = FXCollections.observableArrayList();
        items.add(null);
        items.addAll(values);
        values.addListener((javafx.collections.ListChangeListener<T>) c -> {
            List<T> next = new ArrayList<>();
            next.add(null);
            next.addAll(values);
            items.setAll(next);
        });
        ComboBox<T> box = new ComboBox<>(items);
        box.setId(id);
        box.setPromptText(all);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? all : label.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        });
        return box;
    }
}
