package org.gatehouse.ui.reservations;

import atlantafx.base.theme.Styles;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.ReservationRules;

/**
 * The add/edit form of a reservation, reusable from any screen (the Leases screen's "Reserve…"
 * opens it prefilled with the lease's MAC and hostname). Checks as you type with the same rules as
 * the write path: the MAC is shown normalised, a fixed IP must lie inside the subnet and outside
 * its dynamic pools; OK stays disabled until Kea should accept it.
 */
public final class ReservationDialog extends Dialog<ReservationsViewModel.Input> {
    private final TextField mac = new TextField();
    private final ComboBox<String> cls = new ComboBox<>();
    private final TextField ip = new TextField();
    private final TextField hostname = new TextField();
    private final TextField note = new TextField();
    private final ComboBox<ReservationRules.SubnetChoice> subnet = new ComboBox<>();
    private final Label problem = new Label();
    private final ReservationRules rules;

    /** A dialog prefilled from {@code existing} (edit), or from a MAC and hostname (new; either may be null). */
    public ReservationDialog(Window owner, ReservationRules rules, HostReservation existing, String prefillMac, String prefillHostname) {
        this.rules = rules;
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(existing == null ? "New reservation" : "Edit reservation");
        setHeaderText(existing == null ? "Reserve a device by its MAC address" : "Reservation of " + existing.mac());
        mac.setId("res-mac");
        cls.setId("res-class");
        ip.setId("res-ip");
        hostname.setId("res-hostname");
        note.setId("res-note");
        subnet.setId("res-subnet");
        problem.setId("res-problem");
        cls.setItems(FXCollections.observableArrayList(rules.classes()));
        cls.setEditable(true);
        subnet.setItems(FXCollections.observableArrayList(rules.subnets()));
        mac.setPromptText("aa:bb:cc:dd:ee:ff (any spelling)");
        ip.setPromptText("empty = from the pools");
        hostname.setPromptText("optional");
        note.setPromptText("who, why");
        if (existing != null) {
            mac.setText(existing.mac().toString());
            mac.setEditable(false);
            cls.setValue(existing.decisionClass());
            ip.setText(existing.ip() == null ? "" : existing.ip().toString());
            hostname.setText(existing.hostname());
            note.setText(existing.stamp() == null ? "" : existing.stamp().note());
            subnet.getItems().stream().filter(s -> s.id() == existing.subnetId()).findFirst().ifPresent(subnet::setValue);
        } else {
            mac.setText(prefillMac == null ? "" : prefillMac);
            hostname.setText(prefillHostname == null ? "" : prefillHostname);
            cls.setValue(HostReservation.REGISTERED);
            if (subnet.getItems().size() == 1) {
                subnet.setValue(subnet.getItems().get(0));
            }
        }
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        int row = 0;
        for (Object[] f : new Object[][] {{"MAC", mac}, {"Class", cls}, {"Fixed IP", ip}, {"Hostname", hostname}, {"Subnet", subnet},
            {"Note", note}}) {
            grid.add(new Label((String) f[0]), 0, row);
            grid.add((Node) f[1], 1, row++);
        }
        ((TextField) mac).setPrefColumnCount(22);
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        problem.setPrefWidth(420);
        problem.setMaxWidth(420);
        problem.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problem.setPrefHeight(88);
        grid.add(problem, 0, row, 2, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        mac.focusedProperty().addListener((o, was, is) -> {
            if (!is && Mac.isValid(mac.getText())) {
                mac.setText(Mac.parse(mac.getText()).toString());
            }
        });
        for (var p : new javafx.beans.Observable[] {mac.textProperty(), cls.valueProperty(), cls.getEditor().textProperty(),
            ip.textProperty(), hostname.textProperty(), note.textProperty(), subnet.valueProperty()}) {
            p.addListener(o -> check());
        }
        ip.textProperty().addListener((o, a, b) -> {
            if (b != null && org.gatehouse.model.Ipv4.isValid(b)) {
                Long sid = rules.subnetOf(org.gatehouse.model.Ipv4.parse(b));
                subnet.getItems().stream().filter(s -> sid != null && s.id() == sid).findFirst().ifPresent(subnet::setValue);
            }
        });
        check();
        setOnShown(e -> (existing == null ? mac : cls).requestFocus());
        setResultConverter(b -> b == ButtonType.OK ? input() : null);
    }

    private String classText() {
        String typed = cls.getEditor().getText();
        return typed != null && !typed.isBlank() ? typed.trim() : cls.getValue();
    }

    private ReservationsViewModel.Input input() {
        String m = Mac.isValid(mac.getText()) ? Mac.parse(mac.getText()).toString() : mac.getText();
        return new ReservationsViewModel.Input(m, classText(), ip.getText().trim(), hostname.getText().trim(), note.getText(),
                subnet.getValue() == null ? null : subnet.getValue().id());
    }

    private void check() {
        ReservationsViewModel.Input in = input();
        String p = rules.problem(in.mac(), in.cls(), in.ip(), in.hostname(), in.note(), in.subnet());
        problem.setText(p == null ? "" : p);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        if (ok != null) {
            ok.setDisable(p != null);
        }
    }

    /** The form's current problem text ("" when OK is enabled); for tests and screenshots. */
    public String problemText() {
        return problem.getText();
    }

    /** Opens the form and waits for OK/Cancel (call on the FX thread). */
    public Optional<ReservationsViewModel.Input> ask() {
        return showAndWait();
    }
}
