package org.gatehouse.ui.switchboard;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.ui.task.TaskExecutor;
import org.gatehouse.policy.SwitchReconciling;
import org.gatehouse.policy.SwitchService;

/**
 * The Switch screen's state: connection, the blocked list read from the switch (reconciled with
 * the cache), and the actions — each one first asks for confirmation, then runs on the TaskExecutor.
 */
public final class SwitchboardViewModel {
    public enum State { NOT_CONFIGURED, IDLE, WORKING, CONNECTED, FAILED }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final SwitchService service;
    private final TaskExecutor tasks;
    private final ZoneId zone;
    private final ObservableList<BlockedRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<State> state = new SimpleObjectProperty<>();
    private final StringProperty connection = new SimpleStringProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty locateResult = new SimpleStringProperty("");
    private final StringProperty pending = new SimpleStringProperty("");
    private final BooleanProperty confirming = new SimpleBooleanProperty(false);
    private final StringProperty installed = new SimpleStringProperty("");
    private Runnable pendingAction;

    public SwitchboardViewModel(SwitchService service, TaskExecutor tasks, ZoneId zone) {
        this.service = service;
        this.tasks = tasks;
        this.zone = zone;
        boolean configured = service != null && (service.sshConfigured() || service.snmpConfigured());
        state.set(configured ? State.IDLE : State.NOT_CONFIGURED);
        connection.set(configured ? describe(service) : "No switch configured. Start with --switch ssh://user@host "
                + "(and --snmp udp:host with --community or --snmp-user) or set GATEHOUSE_SWITCH / GATEHOUSE_SNMP.");
        if (configured) {
            // a cache read: on the TaskExecutor, not the FX thread
            tasks.run(service::installedInterfaces, list -> installed.set(installedText(list)), e -> installed.set(text(e)));
        }
    }

    private static String describe(SwitchService s) {
        return (s.sshConfigured() ? s.endpoint() + " · MAC ACL " + s.acl() + " · blocks by " + s.mode().label() : "no SSH (blocking off)")
                + (s.snmpConfigured() ? " · SNMP on" : " · no SNMP (locate over the CLI)");
    }

    private static String installedText(List<String> interfaces) {
        return interfaces.isEmpty() ? "ACL not installed by Gatehouse on any interface yet"
                : "ACL installed on " + String.join(", ", interfaces);
    }

    public ObservableList<BlockedRow> rows() {
        return rows;
    }

    public ObjectProperty<State> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty connectionProperty() {
        return connection;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyStringProperty locateResultProperty() {
        return locateResult;
    }

    public ReadOnlyStringProperty pendingProperty() {
        return pending;
    }

    public ReadOnlyBooleanProperty confirmingProperty() {
        return confirming;
    }

    public ReadOnlyStringProperty installedProperty() {
        return installed;
    }

    public boolean canBlock() {
        return service != null && service.sshConfigured();
    }

    /** Reads the blocked list from the switch. */
    public void refresh() {
        if (!canBlock()) {
            return;
        }
        state.set(State.WORKING);
        tasks.run(service.reconciling()::blocked, list -> {
            rows.setAll(list.entries().stream().map(this::row).toList());
            List<String> d = list.discrepancies();
            message.set(list.onSwitch().size() + " rule(s) in ACL " + service.acl() + " on the switch (hand-made: added outside Gatehouse;"
                    + " MISSING: blocked here, gone from the switch)"
                    + (d.isEmpty() ? "; the cache agrees" : "; " + d.size() + " disagreement(s) with the cache, shown, not fixed: " + d.get(0)));
            state.set(State.CONNECTED);
        }, this::failed);
    }

    private BlockedRow row(SwitchReconciling.BlockedEntry e) {
        String rule = e.rule() != null ? "rule " + e.rule() : e.vlan() != null ? "VLAN " + e.vlan() : "";
        String st = switch (e.presence()) {
            case BOTH -> "on switch";
            case SWITCH_ONLY -> "hand-made";
            case CACHE_ONLY -> "MISSING";
        };
        return new BlockedRow(e.mac() == null ? e.switchText() : e.mac().toString(), e.vendor() == null ? "" : e.vendor(), rule,
                e.when() == null ? "" : WHEN.format(e.when().atZone(zone)), e.by() == null ? "" : e.by(),
                e.note() == null ? "" : e.note(), st, e.ours());
    }

    /** Asks to confirm blocking {@code macText}; nothing is sent until {@link #confirm()}. */
    public void requestBlock(String macText, String note) {
        ask("Block " + (macText == null ? "" : macText.trim()) + " on the switch (deny rule in ACL " + service.acl() + ", saved)?",
                () -> work(() -> service.blocking().block(macText, note, null), o -> o.message()));
    }

    public void requestUnblock(BlockedRow row) {
        if (row == null) {
            message.set("Select a blocked MAC first.");
            return;
        }
        ask("Unblock " + row.mac() + " (remove " + row.rule() + ", saved)?", () -> work(() -> service.blocking().unblock(row.mac()), o -> o.message()));
    }

    public void requestInstall(String interfaces) {
        ask("Apply ACL " + service.acl() + " inbound on " + interfaces + " (packet-filter, saved)?", () -> work(() -> service.blocking().installAcl(interfaces),
                o -> "ACL " + o.acl() + " installed inbound on " + o.interfaces().size() + " interface(s)"));
    }

    /** Locating changes nothing, so it needs no confirmation. */
    public void locate(String macText) {
        locateResult.set("Locating…");
        tasks.run(() -> service.locating().locate(macText), o -> {
            String places = o.found().isEmpty() ? "not learned by the switch (unplugged, or silent longer than the aging time)"
                    : String.join("; ", o.places());
            locateResult.set(o.mac() + (o.vendor() == null ? "" : " (" + o.vendor() + ")") + ": " + places + " — via " + o.via()
                    + (o.snmpProblem() == null ? "" : " (SNMP: " + o.snmpProblem() + ")"));
        }, e -> locateResult.set(text(e)));
    }

    private void ask(String question, Runnable action) {
        pending.set(question);
        pendingAction = action;
        confirming.set(true);
    }

    public void confirm() {
        Runnable a = pendingAction;
        cancel();
        if (a != null) {
            a.run();
        }
    }

    public void cancel() {
        pendingAction = null;
        pending.set("");
        confirming.set(false);
    }

    private <T> void work(java.util.concurrent.Callable<T> call, java.util.function.Function<T, String> done) {
        state.set(State.WORKING);
        message.set("Working on the switch…");
        tasks.run(() -> new Done<>(call.call(), service.installedInterfaces()), d -> {
            message.set(done.apply(d.result()));
            installed.set(installedText(d.installed()));
            refresh();
        }, this::failed);
    }

    /** An action's result and the ACL installs read after it, both fetched off the FX thread. */
    private record Done<T>(T result, List<String> installed) {
    }

    private void failed(Throwable e) {
        state.set(State.FAILED);
        message.set(text(e));
    }

    private static String text(Throwable e) {
        if (e instanceof GatehouseException g) {
            return g.what() + ": " + g.getMessage();
        }
        return "unexpected: " + e;
    }
}
