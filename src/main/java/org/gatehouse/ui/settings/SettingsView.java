package org.gatehouse.ui.settings;

import atlantafx.base.theme.Styles;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.gatehouse.ui.Theme;
import org.gatehouse.ui.connect.SiteProfile;
import org.gatehouse.ui.dialog.DialogService;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The Settings screen: profiles on the left, the selected profile's form, the open site's settings and the theme. */
public final class SettingsView extends BorderPane {

    public SettingsView(SettingsViewModel vm, DialogService dialogs) {
        setId("screen-settings");
        Label title = new Label("Settings");
        title.getStyleClass().add(Styles.TITLE_3);
        Label status = new Label();
        status.setId("settings-status");
        status.textProperty().bind(vm.statusProperty());
        HBox head = new HBox(16, title, status);
        head.setAlignment(Pos.CENTER_LEFT);
        head.setPadding(new Insets(0, 0, 8, 0));
        setTop(head);

        ListView<SiteProfile> list = new ListView<>(vm.profiles());
        list.setId("settings-profiles");
        list.setPrefWidth(230);
        list.setCellFactory(x -> new ListCell<>() {
            @Override
            protected void updateItem(SiteProfile p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.name() + (p.isDefault() ? " ★" : "")
                        + (p.name().equals(vm.currentProfile()) ? " (open)" : ""));
                setTooltip(empty || p == null ? null : new javafx.scene.control.Tooltip((p.isDefault() ? "the default profile; " : "")
                        + (p.kea() == null ? "no Kea" : p.kea())));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != null && list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
            }
        });
        javafx.scene.layout.FlowPane listButtons = new javafx.scene.layout.FlowPane(4, 4, button("settings-add", "Add", Feather.PLUS, vm::add),
                button("settings-duplicate", "Duplicate", Feather.COPY, vm::duplicate),
                button("settings-delete", "Delete", Feather.TRASH_2, () -> {
                    SiteProfile p = vm.selectedProperty().get();
                    if (p != null && dialogs.confirm("Delete profile", "Delete profile " + p.name() + "?",
                            "Its stored passwords are removed too. The cache and Kea are not touched.")) {
                        vm.delete();
                    }
                }));
        listButtons.setPrefWrapLength(230);
        VBox left = new VBox(8, list, listButtons);
        left.setMaxWidth(246);
        left.setPrefWidth(246);
        VBox.setVgrow(list, Priority.ALWAYS);
        left.setPadding(new Insets(0, 16, 0, 0));
        setLeft(left);

        GridPane profile = grid();
        int r = 0;
        row(profile, r++, "Name", field("settings-name", vm.name));
        row(profile, r++, "Kea", field("settings-kea", vm.kea));
        row(profile, r++, "Kea user", field("settings-kea-user", vm.keaUser));
        PasswordField pw = new PasswordField();
        pw.setId("settings-password");
        pw.setPromptText("unchanged");
        pw.textProperty().bindBidirectional(vm.password);
        row(profile, r++, "Kea password", pw);
        row(profile, r++, "Refresh (s)", field("settings-refresh", vm.refresh));
        row(profile, r++, "Pool warning (%)", field("settings-warning", vm.warning));
        row(profile, r++, "Pool critical (%)", field("settings-critical", vm.critical));
        row(profile, r++, "Cache file", field("settings-cache", vm.cacheFile, "default: ~/.local/share/gatehouse/cache.db"));
        Label profileProblem = problem("settings-profile-problem", vm.profileProblemProperty());
        Button save = button("settings-save", "Save profile", Feather.CHECK, vm::saveProfile);
        save.getStyleClass().add(Styles.ACCENT);
        save.disableProperty().bind(vm.profileProblemProperty().isNotEmpty().or(vm.busyProperty()));
        Button test = button("settings-test", "Test", Feather.ACTIVITY, vm::test);
        test.disableProperty().bind(vm.busyProperty().or(vm.selectedProperty().isNull()));
        javafx.scene.layout.FlowPane profileButtons = new javafx.scene.layout.FlowPane(8, 8, save, test, button("settings-default", "Make default", Feather.STAR, vm::makeDefault),
                button("settings-open", "Open", Feather.LOG_IN, vm::openSelected));
        ListView<String> findings = new ListView<>(vm.findings());
        findings.setId("settings-findings");
        findings.setPrefHeight(140);
        findings.setPlaceholder(new Label("Test shows what the profile's Kea answers."));

        GridPane site = grid();
        TextField agingField = field("settings-aging", vm.aging, "30m, 2h, 1d");
        agingField.setPrefColumnCount(8);
        row(site, 0, "Aging age", agingField);
        Label agingHint = new Label("Kept in Kea's configuration: every console's aging pass and gatehouse sync use it.");
        agingHint.setWrapText(true);
        agingHint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        row(site, 1, "Retention (days)", field("settings-retention", vm.retention));
        Label siteProblem = problem("settings-site-problem", vm.siteProblemProperty());
        Button apply = button("settings-apply-site", "Apply", Feather.CHECK, vm::applySite);
        apply.disableProperty().bind(vm.siteProblemProperty().isNotEmpty().or(vm.busyProperty()));
        siteProblem.setWrapText(true);
        VBox siteBox = new VBox(8, section("The open site"), site, agingHint, siteProblem, apply);
        siteBox.setVisible(vm.hasSiteSettings());
        siteBox.setManaged(vm.hasSiteSettings());

        ToggleButton dark = new ToggleButton("Dark theme", new FontIcon(Feather.MOON));
        dark.setId("settings-dark");
        dark.setSelected(vm.themeProperty().get() == Theme.DARK);
        dark.selectedProperty().addListener((o, a, b) -> vm.themeProperty().set(b ? Theme.DARK : Theme.LIGHT));
        vm.themeProperty().addListener((o, a, b) -> dark.setSelected(b == Theme.DARK));

        VBox form = new VBox(10, section("Profile"), profile, profileProblem, profileButtons, findings);
        VBox.setVgrow(findings, Priority.ALWAYS);
        VBox side = new VBox(10, siteBox, section("Appearance"), dark);
        side.setPadding(new Insets(0, 0, 0, 24));
        side.setPrefWidth(300);
        side.setMaxWidth(300);
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        javafx.scene.control.Tab profileTab = new javafx.scene.control.Tab("Kea and console", scroll);
        javafx.scene.control.Tab switchTab = new javafx.scene.control.Tab("Switch and SNMP", switchForm(vm));
        switchTab.setId("settings-tab-switch");
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(profileTab, switchTab);
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
        setRight(side);
        vm.start();
    }

    private static Node switchForm(SettingsViewModel vm) {
        SwitchSettingsViewModel sw = vm.switchSettings();
        GridPane g = grid();
        row(g, 0, "Switch (SSH)", field("settings-switch", sw.uri, "ssh://admin@192.0.2.2 (empty: no switch)"));
        PasswordField pw = new PasswordField();
        pw.setId("settings-switch-password");
        pw.setPromptText("unchanged");
        pw.textProperty().bindBidirectional(sw.password);
        row(g, 1, "Switch password", pw);
        row(g, 2, "MAC ACL", field("settings-acl", sw.acl, "4000"));
        row(g, 3, "SNMP v2c", field("settings-snmp", sw.snmp, "udp:192.0.2.2 (empty: no SNMP)"));
        PasswordField community = new PasswordField();
        community.setId("settings-community");
        community.setPromptText("unchanged");
        community.textProperty().bindBidirectional(sw.community);
        row(g, 4, "Community", community);
        Label problem = problem("settings-switch-problem", sw.problemProperty());
        Button test = button("settings-switch-test", "Test switch", Feather.ACTIVITY, sw::test);
        test.disableProperty().bind(sw.problemProperty().isNotEmpty().or(sw.busyProperty()));
        Button save = button("settings-switch-save", "Save switch", Feather.CHECK, vm::saveSwitch);
        save.disableProperty().bind(sw.problemProperty().isNotEmpty().or(sw.busyProperty()).or(vm.selectedProperty().isNull()));
        ListView<String> findings = new ListView<>(sw.findings());
        findings.setId("settings-switch-findings");
        findings.setPlaceholder(new Label("Test logs in (a new host key is shown before it is trusted), runs display version,"
                + " reads the MAC ACL, and asks SNMP for sysName, sysDescr and the learned MACs."));
        VBox box = new VBox(10, g, problem, new HBox(8, test, save), findings);
        VBox.setVgrow(findings, Priority.ALWAYS);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }

    private static Label problem(String id, javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.DANGER);
        l.textProperty().bind(text);
        return l;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(6);
        return g;
    }

    private static void row(GridPane g, int r, String label, Node field) {
        Label l = new Label(label);
        l.setMinWidth(120);
        g.add(l, 0, r);
        g.add(field, 1, r);
        GridPane.setHgrow(field, Priority.ALWAYS);
    }

    private static TextField field(String id, StringProperty value) {
        return field(id, value, null);
    }

    private static TextField field(String id, StringProperty value, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(24);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static Button button(String id, String text, Feather icon, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
