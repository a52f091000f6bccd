package org.gatehouse.ui.connect;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.model.HostKeyFacts;
import org.gatehouse.policy.ConnectionProbe;
import org.gatehouse.policy.KeaProbe;
import org.gatehouse.policy.KeaTarget;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.task.TaskExecutor;

/**
 * The connect page (first run): how to reach Kea, <b>Test</b> (the probe's findings), <b>Save</b>
 * (a profile, then the console opens on it). Checks what is typed as it is typed; the probe and
 * the profile store run as background tasks.
 */
public final class ConnectViewModel {

    public enum Method { UNIX, HTTP, SSH }

    private final ObjectProperty<Method> method = new SimpleObjectProperty<>(Method.UNIX);
    private final StringProperty socket = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("https://");
    private final StringProperty httpUser = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty caFile = new SimpleStringProperty("");
    private final StringProperty sshUser = new SimpleStringProperty("");
    private final StringProperty sshHost = new SimpleStringProperty("");
    private final StringProperty sshPort = new SimpleStringProperty("22");
    private final StringProperty sshKey = new SimpleStringProperty("");
    private final StringProperty sshSocket = new SimpleStringProperty("/run/kea/kea4-ctrl-socket");
    private final StringProperty name = new SimpleStringProperty("site");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<String> findings = FXCollections.observableArrayList();
    private final ObservableList<Path> offeredSockets = FXCollections.observableArrayList();

    private final ConsoleSetup setup;
    private final DialogService dialogs;
    private final Consumer<String> opened;

    /** @param opened called on the FX thread with a profile's name once it is saved (the frame opens it) */
    public ConnectViewModel(ConsoleSetup setup, DialogService dialogs, Consumer<String> opened) {
        this.setup = setup;
        this.dialogs = dialogs;
        this.opened = opened;
        for (StringProperty p : List.of(socket, url, httpUser, password, caFile, sshUser, sshHost, sshPort, sshKey, sshSocket, name)) {
            p.addListener((o, a, b) -> {
                touched = true;
                check();
            });
        }
        method.addListener((o, a, b) -> check());
        check();
    }

    // A page that has just opened says nothing is wrong yet: its empty fields wait for the user (Test stays off).
    private boolean touched;
    private final ReadOnlyStringWrapper shownProblem = new ReadOnlyStringWrapper("");

    /** {@link #problemProperty} once the user has typed something; empty before. */
    public ReadOnlyStringProperty shownProblemProperty() {
        return shownProblem.getReadOnlyProperty();
    }

    /** Looks for local sockets (files: off the FX thread) and preselects the first. */
    public void start() {
        setup.tasks().run(() -> setup.localSockets().get(), found -> {
            offeredSockets.setAll(found);
            if (socket.get().isBlank() && !found.isEmpty()) {
                socket.set(found.get(0).toString());
            }
        }, e -> { });
    }

    public ObjectProperty<Method> methodProperty() {
        return method;
    }

    public StringProperty socketProperty() {
        return socket;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty httpUserProperty() {
        return httpUser;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public StringProperty sshUserProperty() {
        return sshUser;
    }

    public StringProperty sshHostProperty() {
        return sshHost;
    }

    public StringProperty sshPortProperty() {
        return sshPort;
    }

    public StringProperty sshKeyProperty() {
        return sshKey;
    }

    public StringProperty sshSocketProperty() {
        return sshSocket;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** What is wrong with the form as typed (empty: nothing). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** The last test's findings, one line each. */
    public ObservableList<String> findings() {
        return findings;
    }

    public ObservableList<Path> offeredSockets() {
        return offeredSockets;
    }

    private void check() {
        problem.set(ConnectForm.problem(form()));
        shownProblem.set(touched ? problem.get() : "");
    }

    ConnectForm form() {
        return new ConnectForm(method.get(), socket.get(), url.get(), httpUser.get(), password.get(), caFile.get(), sshUser.get(),
                sshHost.get(), sshPort.get(), sshKey.get(), sshSocket.get(), name.get());
    }

    /** Tests the connection as typed; an unknown SSH host key is shown and trusted only if the user says so. */
    public void test() {
        if (!problem.get().isEmpty() || busy.get()) {
            return;
        }
        probe(form().target(setup.knownHosts()));
    }

    private void probe(KeaTarget target) {
        busy.set(true);
        status.set("Testing " + target.kea() + " …");
        ConnectionProbe probe = setup.probe();
        setup.tasks().run(() -> probe.probeKea(target), result -> {
            busy.set(false);
            show(result);
            HostKeyFacts key = result.hostKey();
            if (key != null && !key.changed() && askToTrust(key)) {
                probe(target.trusting(key.presentedFingerprint()));
            } else {
                target.wipe();
            }
        }, e -> {
            busy.set(false);
            target.wipe();
            status.set("Test failed: " + e.getMessage());
        });
    }

    private void show(KeaProbe result) {
        HostKeyFacts key = result.hostKey();
        if (key != null && key.changed()) {
            findings.setAll("The SSH host key of " + key.host() + " has CHANGED — refused.", "Recorded: " + key.recorded(),
                    "Presented: " + key.presented(), "If the server was reinstalled, remove the old key (ssh-keygen -R) and test again.");
            status.set("Refused: the host key has changed");
            return;
        }
        findings.setAll(result.describe());
        status.set(result.reached() ? (result.threeTiersRecognised() ? "Kea " + result.version() + " answered; the three tiers are recognised"
                : "Kea " + result.version() + " answered, but the three tiers are not recognised") : "Kea was not reached");
    }

    private boolean askToTrust(HostKeyFacts key) {
        return dialogs.confirm("Unknown SSH host key", "Trust the host key of " + key.host() + "?",
                "It presents " + key.presented() + ".\nCompare it with the server's own fingerprint (ssh-keygen -lf on its host key) "
                        + "before you trust it; it is then recorded in " + setup.knownHosts() + ".");
    }

    /** Saves the profile (as the default) and opens the console on it. */
    public void save() {
        if (!problem.get().isEmpty() || busy.get()) {
            return;
        }
        ConnectForm f = form();
        SiteProfile profile = f.profile();
        char[] secret = f.secret();
        busy.set(true);
        status.set("Saving " + profile.name() + " …");
        ProfileBook book = setup.profiles();
        setup.tasks().run(() -> {
            book.save(profile, secret);
            book.makeDefault(profile.name());
            return profile.name();
        }, saved -> {
            busy.set(false);
            status.set("Saved " + saved);
            opened.accept(saved);
        }, e -> {
            busy.set(false);
            status.set("Not saved: " + e.getMessage());
        });
    }
}
