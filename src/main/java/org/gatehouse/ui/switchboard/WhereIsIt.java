package org.gatehouse.ui.switchboard;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.ui.task.TaskExecutor;
import org.gatehouse.policy.SwitchService;

/**
 * "Where is this device?" for any screen that shows MACs: asks the switch (SNMP, CLI fallback) on
 * the task executor and shows the answer in a non-modal window, so the screen stays usable meanwhile.
 */
public final class WhereIsIt {
    private final SwitchService switches;
    private final TaskExecutor tasks;

    public WhereIsIt(SwitchService switches, TaskExecutor tasks) {
        this.switches = switches;
        this.tasks = tasks;
    }

    /** False without a switch (neither SNMP nor the CLI configured): the action is then not offered. */
    public boolean available() {
        return switches != null && (switches.snmpConfigured() || switches.sshConfigured());
    }

    public void show(Mac mac, Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "Asking the switch where " + mac + " is…", ButtonType.CLOSE);
        alert.setTitle("Where is " + mac + "?");
        alert.setHeaderText(mac + (switches.vendor(mac) == null ? "" : " (" + switches.vendor(mac) + ")"));
        alert.initOwner(owner);
        alert.getDialogPane().setId("where-is-it");
        alert.show();
        tasks.run(() -> switches.locate(mac.toString()), found -> alert.setContentText(describe(found)),
                e -> alert.setContentText("The switch could not say: " + (e instanceof GatehouseException ge ? ge.getMessage() : e.toString())));
    }

    static String describe(SwitchService.LocateOutcome o) {
        if (o.found().isEmpty()) {
            return "The switch has not learned " + o.mac() + " on any port (it may be asleep, off, or behind another switch)."
                    + (o.snmpProblem() == null ? "" : "\nSNMP: " + o.snmpProblem());
        }
        return String.join("\n", o.places()) + "\n(found via " + o.via() + ")";
    }
}
