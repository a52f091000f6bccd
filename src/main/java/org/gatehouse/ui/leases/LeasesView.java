package org.gatehouse.ui.leases;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.Comparator;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Tier;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Leases screen: search, tier filter and the lease table, bound to {@link LeasesViewModel}. */
public final class LeasesView extends BorderPane {

    public LeasesView(LeasesViewModel vm) {
        setId("screen-leases");
        Label title = new Label("Leases");
        title.getStyleClass().add(Styles.TITLE_3);

        TextField search = new TextField();
        search.setId("lease-search");
        search.setPromptText("Search IP, MAC, hostname, vendor");
        search.setPrefColumnCount(28);
        search.textProperty().bindBidirectional(vm.searchProperty());

        ComboBox<Tier> tier = new ComboBox<>(FXCollections.observableArrayList(Tier.values()));
        tier.getItems().add(0, null);
        tier.setId("lease-tier");
        tier.setPromptText("All tiers");
        tier.setConverter(new StringConverter<>() {
            @Override
            public String toString(Tier t) {
                return t == null ? "All tiers" : t.label();
            }

            @Override
            public Tier fromString(String s) {
                return null;
            }
        });
        tier.valueProperty().bindBidirectional(vm.tierProperty());

        Button refresh = new Button("Refresh", new FontIcon(Feather.REFRESH_CW));
        refresh.setId("lease-refresh");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.loadingProperty());

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.loadingProperty());

        Label count = new Label();
        count.setId("lease-count");
        count.textProperty().bind(vm.summaryProperty());
        count.getStyleClass().add(Styles.TEXT_MUTED);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, title, spacer, count, busy, search, tier, refresh);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("lease-message");
        message.textProperty().bind(vm.messageProperty());
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.getStyleClass().add(Styles.WARNING);
        message.setWrapText(true);

        TableView<LeaseRow> table = table(vm);
        VBox top = new VBox(8, toolbar, message);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);
        setCenter(table);
    }

    private static TableView<LeaseRow> table(LeasesViewModel vm) {
        TableView<LeaseRow> table = new TableView<>();
        table.setId("lease-table");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<LeaseRow, Ipv4> ip = new TableColumn<>("IP");
        ip.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().lease().lease().ip()));
        ip.setComparator(Comparator.naturalOrder());
        ip.setPrefWidth(130);
        TableColumn<LeaseRow, String> tier = text("Tier", LeaseRow::tier, 150);
        tier.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("tier-registered", "tier-newly-unregistered", "tier-old-unregistered", "tier-other");
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add("tier-" + item);
                }
            }
        });
        TableColumn<LeaseRow, Number> expires = new TableColumn<>("Expires in");
        expires.setCellValueFactory(c -> vm.nowProperty().negate().add(c.getValue().expiresEpoch()));
        expires.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : countdown(item.longValue()));
            }
        });
        expires.setPrefWidth(110);
        table.getColumns().addAll(java.util.List.of(ip, text("MAC", LeaseRow::mac, 150), text("Vendor", LeaseRow::vendor, 180),
                text("Hostname", LeaseRow::hostname, 170), tier, text("State", LeaseRow::state, 90), expires));
        SortedList<LeaseRow> sorted = new SortedList<>(vm.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(ip);
        table.setPlaceholder(new Label("No leases"));
        table.opacityProperty().bind(javafx.beans.binding.Bindings.when(vm.staleProperty()).then(0.55).otherwise(1.0));
        return table;
    }

    static String countdown(long seconds) {
        if (seconds <= 0) {
            return "expired";
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return (seconds / 60) + " min";
        }
        return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }

    private static TableColumn<LeaseRow, String> text(String title, Function<LeaseRow, String> value, double width) {
        TableColumn<LeaseRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
