package org.gatehouse.ui.pools;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.gatehouse.model.SafeText;
import org.gatehouse.policy.Anomalies;

/** The anomalies list: time, kind, device, subnet and tier, count, detail; newest first. */
final class AnomalyTable {
    private AnomalyTable() {
    }

    static TableView<Anomalies.Anomaly> create(ObservableList<Anomalies.Anomaly> rows, ZoneId zone) {
        TableView<Anomalies.Anomaly> t = new TableView<>(rows);
        t.setId("pool-anomalies");
        t.getStyleClass().addAll(Styles.DENSE, "pool-anomalies");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No anomalies in the last 7 days."));
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        t.getColumns().add(column("Time", a -> time.format(Instant.parse(a.at())), 150));
        TableColumn<Anomalies.Anomaly, String> kind = column("Kind", Anomalies.Anomaly::kind, 150);
        kind.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove("anomaly-critical");
                if (!empty && Anomalies.POOL_CRITICAL.equals(item)) {
                    getStyleClass().add("anomaly-critical");
                }
            }
        });
        t.getColumns().add(kind);
        t.getColumns().add(column("Device", a -> a.mac() == null ? "" : a.mac(), 150));
        t.getColumns().add(column("Subnet", a -> (a.subnetId() == null ? "" : a.subnetId().toString())
                + (a.tier() == null ? "" : " · " + a.tier()), 170));
        t.getColumns().add(column("Count", a -> Integer.toString(a.count()), 60));
        t.getColumns().add(column("Detail", a -> SafeText.escapeForTerminal(a.detail()), 380));
        return t;
    }

    private static TableColumn<Anomalies.Anomaly, String> column(String title, Function<Anomalies.Anomaly, String> value, double width) {
        TableColumn<Anomalies.Anomaly, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
