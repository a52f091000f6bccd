package org.gatehouse.ui.switchboard;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.cell.PropertyValueFactory;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Switch screen: connection, blocked MACs, block / unblock / install ACL with confirmation, locate. */
public final class SwitchboardView extends BorderPane {

    public SwitchboardView(SwitchboardViewModel vm) {
        setId("screen-switch");
        Label title = new Label("Switch");
        title.getStyleClass().add(Styles.TITLE_3);
        Label connection = new Label();
        connection.setId("switch-connection");
        connection.setWrapText(true);
        connection.textProperty().bind(vm.connectionProperty());
        Label state = new Label();
        state.setId("switch-state");
        state.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.stateProperty().get()) {
            case NOT_CONFIGURED -> "not configured";
            case IDLE -> "not read yet";
            case WORKING -> "talking to the switch…";
            case CONNECTED -> "read from the switch";
            case FAILED -> "failed";
        }, vm.stateProperty()));
        state.getStyleClass().add(Styles.TEXT_MUTED);
        Button refresh = new Button("_Read from switch", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("switch-refresh");
        refresh.setDisable(!vm.canBlock());
        refresh.setOnAction(e -> vm.refresh());
        HBox header = new HBox(12, title, state, grow(), refresh);
        header.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, header, connection);
        top.setPadding(new Insets(0, 0, 8, 0));

        TableView<BlockedRow> table = new TableView<>(vm.rows());
        table.setId("blocked-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(col("MAC", "mac", 150));
        table.getColumns().add(col("Vendor", "vendor", 95));
        table.getColumns().add(col("Rule", "rule", 95));
        table.getColumns().add(col("When", "when", 105));
        table.getColumns().add(col("By", "by", 50));
        table.getColumns().add(col("State", "state", 95));
        table.getColumns().add(col("Note", "note", 120));
        table.setPlaceholder(new Label(vm.canBlock() ? "Nothing read yet: press \"Read from switch\"." : "No switch configured."));

        Label pending = new Label();
        pending.setId("switch-pending");
        pending.textProperty().bind(vm.pendingProperty());
        pending.setWrapText(true);
        Button confirm = new Button("_Confirm");
        confirm.setId("switch-confirm");
        confirm.getStyleClass().add(Styles.DANGER);
        confirm.setOnAction(e -> vm.confirm());
        Button cancel = new Button("Ca_ncel");
        cancel.setId("switch-cancel");
        cancel.setOnAction(e -> vm.cancel());
        HBox confirmBar = new HBox(8, new FontIcon(Feather.ALERT_TRIANGLE), pending, grow(), confirm, cancel);
        confirmBar.setAlignment(Pos.CENTER_LEFT);
        confirmBar.setPadding(new Insets(6));
        confirmBar.getStyleClass().add("confirm-bar");
        confirmBar.visibleProperty().bind(vm.confirmingProperty());
        confirmBar.managedProperty().bind(vm.confirmingProperty());

        Label message = new Label();
        message.setId("switch-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);

        VBox center = new VBox(6, table, confirmBar, message);
        VBox.setVgrow(table, Priority.ALWAYS);
        setCenter(center);
        setTop(top);
        setRight(actions(vm, table));
    }

    private javafx.scene.control.ScrollPane actions(SwitchboardViewModel vm, TableView<BlockedRow> table) {
        TextField mac = field("block-mac", "MAC, e.g. aa:bb:cc:dd:ee:ff");
        TextField note = field("block-note", "note (stays in the local cache)");
        Button block = new Button("_Block…", new FontIcon(Feather.SLASH));
        block.setMaxWidth(Double.MAX_VALUE);
        block.setId("switch-block");
        block.setOnAction(e -> vm.requestBlock(mac.getText(), note.getText()));
        Button unblock = new Button("_Unblock selected…", new FontIcon(Feather.UNLOCK));
        unblock.setId("switch-unblock");
        unblock.setOnAction(e -> vm.requestUnblock(table.getSelectionModel().getSelectedItem()));
        unblock.setMaxWidth(Double.MAX_VALUE);
        VBox blockBox = new VBox(6, mac, note, block, unblock);
        TitledPane blockPane = titled("Block a MAC", blockBox);

        TextField ifaces = field("install-interfaces", "GE1/0/1, GE1/0/2, BAGG1");
        Button install = new Button("_Install ACL on interfaces…", new FontIcon(Feather.SHIELD));
        install.setMaxWidth(Double.MAX_VALUE);
        install.setId("switch-install");
        install.setOnAction(e -> vm.requestInstall(ifaces.getText()));
        Label installed = new Label();
        installed.setId("switch-installed");
        installed.setWrapText(true);
        installed.getStyleClass().add(Styles.TEXT_MUTED);
        installed.textProperty().bind(vm.installedProperty());
        installed.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        TitledPane installPane = titled("Install ACL", new VBox(6, ifaces, install, installed));

        for (javafx.scene.Node n : new javafx.scene.Node[] {block, unblock, install, mac, note, ifaces}) {
            n.setDisable(!vm.canBlock());
        }

        TextField where = field("locate-mac", "MAC to find");
        Button locate = new Button("_Where is it?", new FontIcon(Feather.MAP_PIN));
        locate.setId("switch-locate");
        locate.setDisable(vm.stateProperty().get() == SwitchboardViewModel.State.NOT_CONFIGURED);
        locate.setOnAction(e -> vm.locate(where.getText()));
        Label result = new Label();
        result.setId("locate-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.locateResultProperty());
        result.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        TitledPane locatePane = titled("Locate a device", new VBox(6, where, locate, result));

        VBox box = new VBox(8, blockPane, installPane, locatePane);
        box.setPadding(new Insets(0, 4, 0, 12));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setPrefWidth(300);
        scroll.setMinWidth(280);
        scroll.getStyleClass().add("edge-to-edge");
        return scroll;
    }

    private static TitledPane titled(String title, VBox content) {
        TitledPane p = new TitledPane(title, content);
        p.setCollapsible(false);
        return p;
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }

    private static HBox grow() {
        HBox h = new HBox();
        HBox.setHgrow(h, Priority.ALWAYS);
        return h;
    }

    private static TableColumn<BlockedRow, String> col(String title, String property, double width) {
        TableColumn<BlockedRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(switch (property) {
            case "mac" -> cd.getValue().mac();
            case "vendor" -> cd.getValue().vendor();
            case "rule" -> cd.getValue().rule();
            case "when" -> cd.getValue().when();
            case "by" -> cd.getValue().by();
            case "state" -> cd.getValue().state();
            default -> cd.getValue().note();
        }));
        c.setPrefWidth(width);
        c.setMinWidth(property.equals("note") ? 60 : width);
        return c;
    }
}
