package org.gatehouse.ui.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.model.HostKeyFacts;
import org.gatehouse.policy.SwitchProbe;
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.connect.SiteProfile;
import org.gatehouse.ui.dialog.DialogService;

/**
 * The selected profile's switch: SSH (with trust on first use: a new host key is shown and
 * recorded only if the person accepts it; a changed key is refused with both fingerprints), the
 * MAC ACL, and SNMP v2c. <b>Test</b> logs in, runs {@code display version} and reads the ACL, then
 * asks SNMP for sysName, sysDescr and the learned MACs.
 */
public final class SwitchSettingsViewModel {
    final StringProperty uri = new SimpleStringProperty("");
    final StringProperty password = new SimpleStringProperty("");
    final StringProperty acl = new SimpleStringProperty("4000");
    final StringProperty snmp = new SimpleStringProperty("");
    final StringProperty community = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<String> findings = FXCollections.observableArrayList();
    private final ConsoleSetup setup;
    private final DialogService dialogs;
    private final Consumer<String> status;
    private String acceptedFingerprint;

    public SwitchSettingsViewModel(ConsoleSetup setup, DialogService dialogs, Consumer<String> status) {
        this.setup = setup;
        this.dialogs = dialogs;
        this.status = status;
        for (StringProperty p : List.of(uri, acl, snmp)) {
            p.addListener((o, a, b) -> check());
        }
        check();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<String> findings() {
        return findings;
    }

    void show(SiteProfile p) {
        uri.set(p.switchUri() == null ? "" : p.switchUri());
        acl.set(p.acl() == null ? "4000" : p.acl());
        snmp.set(p.snmp() == null ? "" : p.snmp());
        password.set("");
        community.set("");
        acceptedFingerprint = null;
        findings.clear();
    }

    private void check() {
        String u = uri.get().strip();
        String a = acl.get().strip();
        String s = snmp.get().strip();
        problem.set(!u.isEmpty() && !u.matches("ssh://[A-Za-z0-9._-]+@[A-Za-z0-9.:\\[\\]-]+(:\\d{1,5})?/?") ? "Switch: ssh://user@host[:port]"
                : !a.isEmpty() && !SettingsRules.intIn(a, 4000, 4999) ? "ACL: a MAC ACL number from 4000 to 4999"
                : !s.isEmpty() && !s.matches("udp:[A-Za-z0-9.:\\[\\]-]+(:\\d{1,5})?") ? "SNMP: udp:host[:port]" : "");
    }

    public void test() {
        if (!problem.get().isEmpty() || busy.get() || (uri.get().isBlank() && snmp.get().isBlank())) {
            return;
        }
        findings.clear();
        if (!uri.get().isBlank()) {
            probeSsh(target(null));
        } else {
            probeSnmp();
        }
    }

    private SwitchProbe.Target target(String trust) {
        return new SwitchProbe.Target(uri.get().strip(), password.get().isEmpty() ? null : password.get().toCharArray(), null,
                setup.knownHosts(), trust, acl.get().strip(), Duration.ofSeconds(10));
    }

    private void probeSsh(SwitchProbe.Target t) {
        busy.set(true);
        status.accept("Testing the switch " + t.uri() + " …");
        setup.tasks().run(() -> setup.switchProbe().probeSsh(t), r -> {
            busy.set(false);
            t.wipe();
            HostKeyFacts key = r.hostKey();
            if (key != null && key.changed()) {
                findings.setAll("The switch's SSH host key has CHANGED — refused.", "Recorded: " + key.recorded(), "Presented: " + key.presented());
                status.accept("Switch refused: the host key has changed");
                return;
            }
            if (key != null && dialogs.confirm("Unknown SSH host key", "Trust the host key of the switch " + key.host() + "?",
                    "It presents " + key.presented() + ".\nCompare it with 'display public-key local … public' on the switch console "
                            + "before you trust it; it is then recorded in " + setup.knownHosts() + ".")) {
                acceptedFingerprint = key.presentedFingerprint();
                probeSsh(target(acceptedFingerprint));
                return;
            }
            findings.setAll(r.describe());
            status.accept(r.error() == null ? "The switch answered" : "The switch was not reached");
            probeSnmp();
        }, e -> {
            busy.set(false);
            status.accept("Switch test failed: " + e.getMessage());
        });
    }

    private void probeSnmp() {
        if (snmp.get().isBlank() || community.get().isEmpty()) {
            return;
        }
        busy.set(true);
        char[] secret = community.get().toCharArray();
        setup.tasks().run(() -> {
            try {
                return setup.switchProbe().probeSnmp(snmp.get().strip(), secret, Duration.ofSeconds(3));
            } finally {
                java.util.Arrays.fill(secret, '\0');
            }
        }, r -> {
            busy.set(false);
            List<String> all = new ArrayList<>(findings);
            all.addAll(r.describe());
            findings.setAll(all);
        }, e -> {
            busy.set(false);
            status.accept("SNMP test failed: " + e.getMessage());
        });
    }

    /** Stores the switch settings in profile {@code name}; empty fields remove the switch or SNMP from it. */
    public void save(String name, Runnable done) {
        if (name == null || !problem.get().isEmpty() || busy.get()) {
            return;
        }
        String u = uri.get().isBlank() ? null : uri.get().strip();
        String s = snmp.get().isBlank() ? null : snmp.get().strip();
        char[] pw = password.get().isEmpty() ? null : password.get().toCharArray();
        char[] comm = community.get().isEmpty() ? null : community.get().toCharArray();
        String fingerprint = acceptedFingerprint;
        String a = acl.get().strip();
        busy.set(true);
        setup.tasks().run(() -> {
            setup.profiles().saveSwitch(name, u, fingerprint, a, pw, s, comm);
            return name;
        }, n -> {
            busy.set(false);
            status.accept("Saved the switch of " + n);
            done.run();
        }, e -> {
            busy.set(false);
            status.accept("Switch not saved: " + e.getMessage());
        });
    }
}
