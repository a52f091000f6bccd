package org.gatehouse.ui.leases;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.gatehouse.model.SafeText;
import org.gatehouse.policy.DeviceHistory;

/** Every address, state and tier one device had, as the local cache recorded them. */
final class DeviceHistoryDialog extends Dialog<Void> {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    DeviceHistoryDialog(Window owner, String vendor, DeviceHistory h, ZoneId zone) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Device history — " + h.mac());
        setHeaderText(h.mac() + (vendor == null || vendor.isEmpty() ? "" : "  ·  " + vendor));
        String summary = h.device().map(d -> "First seen " + at(d.firstSeen(), zone) + ", last seen " + at(d.lastSeen(), zone)
                + ", " + d.timesSeen() + " observations; " + h.changes().size() + " changes recorded.")
                .orElse("The local cache has not recorded this device yet.");
        Label info = new Label(summary);
        info.setId("history-summary");
        TableView<DeviceHistory.Change> table = new TableView<>(FXCollections.observableArrayList(h.changes()));
        table.setId("history-table");
        table.getColumns().add(column("When", e -> at(e.at(), zone), 150));
        table.getColumns().add(column("IP", DeviceHistory.Change::ip, 120));
        table.getColumns().add(column("Subnet", e -> Long.toString(e.subnetId()), 60));
        table.getColumns().add(column("State", DeviceHistory.Change::state, 110));
        table.getColumns().add(column("Tier", e -> e.tier().label(), 140));
        table.getColumns().add(column("Hostname", e -> SafeText.escapeForTerminal(e.hostname()), 140));
        table.getColumns().add(column("Lease ends", e -> e.expires() == null ? "" : at(e.expires(), zone), 150));
        table.setPlaceholder(new Label("No changes recorded"));
        table.setPrefSize(900, 320);
        getDialogPane().setContent(new VBox(8, info, table));
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        getDialogPane().setId("device-history");
    }

    private static String at(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone));
    }

    private static TableColumn<DeviceHistory.Change, String> column(String title,
            Function<DeviceHistory.Change, String> value, double width) {
        TableColumn<DeviceHistory.Change, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
