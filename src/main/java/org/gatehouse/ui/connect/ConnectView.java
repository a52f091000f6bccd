package org.gatehouse.ui.connect;

import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.gatehouse.ui.connect.ConnectViewModel.Method;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The connect page: shown on the first start, when there is no profile and no --kea. */
public final class ConnectView extends BorderPane {

    public ConnectView(ConnectViewModel vm, Runnable tryDemo) {
        setId("connect-page");
        getStyleClass().add("gatehouse-root");
        setPadding(new Insets(24, 32, 24, 32));
        Label title = new Label("Connect Gatehouse to your Kea DHCP server");
        title.getStyleClass().add(Styles.TITLE_2);
        Label intro = new Label("Choose how this workstation reaches Kea, test the connection, then save it as a profile. "
                + "The next start opens straight on it.");
        intro.setWrapText(true);
        intro.getStyleClass().add(Styles.TEXT_MUTED);

        ToggleGroup group = new ToggleGroup();
        HBox methods = new HBox(0, method(vm, group, Method.UNIX, "Unix socket (this machine)", "connect-unix"),
                method(vm, group, Method.HTTP, "HTTP(S) Control Agent", "connect-http"),
                method(vm, group, Method.SSH, "SSH to the Kea host", "connect-ssh"));
        methods.getStyleClass().add("segmented");

        GridPane unix = grid();
        ComboBox<Path> socket = new ComboBox<>(vm.offeredSockets());
        socket.setId("connect-socket");
        socket.setEditable(true);
        socket.setPromptText("/run/kea/kea4-ctrl-socket");
        socket.setMaxWidth(Double.MAX_VALUE);
        socket.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.toString();
            }

            @Override
            public Path fromString(String s) {
                return s == null || s.isBlank() ? null : Path.of(s.strip());
            }
        });
        socket.getEditor().textProperty().bindBidirectional(vm.socketProperty());
        socket.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.socketProperty().set(b.toString());
            }
        });
        row(unix, 0, "Control socket", socket, "Offered: the sockets that exist here and the one /etc/kea/kea-dhcp4.conf names");

        GridPane http = grid();
        row(http, 0, "Address", field("connect-url", vm.urlProperty(), "https://kea.example:8000/"), null);
        row(http, 1, "User", field("connect-user", vm.httpUserProperty(), "basic-auth user (optional)"), null);
        row(http, 2, "Password", password("connect-password", vm), "kept in the credential store, never in the profile file");
        row(http, 3, "CA file", field("connect-ca", vm.caFileProperty(), "PEM of a private CA (optional, https only)"), null);

        GridPane ssh = grid();
        row(ssh, 0, "User", field("connect-ssh-user", vm.sshUserProperty(), "login on the Kea host"), null);
        TextField port = field("connect-ssh-port", vm.sshPortProperty(), "22");
        port.setPrefColumnCount(5);
        HBox hostPort = new HBox(8, field("connect-ssh-host", vm.sshHostProperty(), "kea-host.example"), new Label("port"), port);
        hostPort.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(hostPort.getChildren().get(0), Priority.ALWAYS);
        row(ssh, 1, "Host", hostPort, null);
        row(ssh, 2, "Password", password("connect-ssh-password", vm), "or a key file below");
        row(ssh, 3, "Key file", field("connect-ssh-key", vm.sshKeyProperty(), "~/.ssh/id_ed25519 (optional)"), null);
        row(ssh, 4, "Socket on the host", field("connect-ssh-socket", vm.sshSocketProperty(), "/run/kea/kea4-ctrl-socket"),
                "socat must be installed there; the host key is shown before it is trusted");

        VBox forms = new VBox(unix, http, ssh);
        showOnly(vm, unix, Method.UNIX);
        showOnly(vm, http, Method.HTTP);
        showOnly(vm, ssh, Method.SSH);

        GridPane naming = grid();
        row(naming, 0, "Profile name", field("connect-name", vm.nameProperty(), "site"), null);

        Label problem = new Label();
        problem.setId("connect-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(vm.shownProblemProperty());
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());

        Button test = new Button("Test", new FontIcon(Feather.ACTIVITY));
        test.setId("connect-test");
        test.disableProperty().bind(vm.problemProperty().isNotEmpty().or(vm.busyProperty()));
        test.setOnAction(e -> vm.test());
        Button save = new Button("Save and open", new FontIcon(Feather.CHECK));
        save.setId("connect-save");
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(test.disableProperty());
        save.setOnAction(e -> vm.save());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button demo = new Button("Try the demo", new FontIcon(Feather.PLAY));
        demo.setId("connect-demo");
        demo.disableProperty().bind(vm.busyProperty());
        demo.setOnAction(e -> tryDemo.run());
        HBox buttons = new HBox(8, test, save, spacer, demo);
        buttons.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("connect-status");
        status.getStyleClass().add(Styles.TEXT_BOLD);
        status.textProperty().bind(vm.statusProperty());
        ListView<String> findings = new ListView<>(vm.findings());
        findings.setId("connect-findings");
        findings.setPrefHeight(220);
        findings.setPlaceholder(new Label("Test shows Kea's version, hooks, subnets, the three tiers, the 'denied' class and a site check."));

        VBox page = new VBox(12, title, intro, methods, forms, naming, problem, buttons, status, findings);
        page.setMaxWidth(820);
        VBox.setVgrow(findings, Priority.ALWAYS);
        setCenter(page);
    }

    private static ToggleButton method(ConnectViewModel vm, ToggleGroup group, Method m, String text, String id) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setToggleGroup(group);
        b.setSelected(vm.methodProperty().get() == m);
        b.setOnAction(e -> {
            b.setSelected(true);
            vm.methodProperty().set(m);
        });
        return b;
    }

    private static void showOnly(ConnectViewModel vm, Node form, Method m) {
        form.visibleProperty().bind(Bindings.equal(vm.methodProperty(), m));
        form.managedProperty().bind(form.visibleProperty());
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(8);
        g.setPadding(new Insets(4, 0, 4, 0));
        return g;
    }

    private static void row(GridPane g, int r, String label, Node field, String hint) {
        Label l = new Label(label);
        l.setMinWidth(140);
        g.add(l, 0, r);
        g.add(field, 1, r);
        GridPane.setHgrow(field, Priority.ALWAYS);
        if (field instanceof Region region) {
            region.setPrefWidth(420);
        }
        if (hint != null) {
            Label h = new Label(hint);
            h.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
            h.setWrapText(true);
            h.setMaxWidth(260);
            g.add(h, 2, r);
        }
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static PasswordField password(String id, ConnectViewModel vm) {
        PasswordField f = new PasswordField();
        f.setId(id);
        f.textProperty().bindBidirectional(vm.passwordProperty());
        return f;
    }
}
