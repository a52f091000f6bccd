package org.gatehouse.ui.switchboard;

import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.SwitchLocating;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.task.TaskExecutor;
import org.gatehouse.policy.SwitchService;

/**
 * "Where is this device?" for any screen that shows MACs: asks the switch (SNMP, CLI fallback) on
 * the task executor and shows the answer in a non-modal window, so the screen stays usable meanwhile.
 */
public final class WhereIsIt {
    private final SwitchService switches;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    /** {@code tasks} should be the switch's lane: a locate may wait behind a batch on the same switch. */
    public WhereIsIt(SwitchService switches, TaskExecutor tasks, DialogService dialogs) {
        this.switches = switches;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /** False without a switch (neither SNMP nor the CLI configured): the action is then not offered. */
    public boolean available() {
        return switches != null && (switches.snmpConfigured() || switches.sshConfigured());
    }

    public void show(Mac mac) {
        DialogService.Shown answer = dialogs.report(DialogService.Level.INFO, "where-is-it", "Where is " + mac + "?",
                mac + (switches.locating().vendor(mac) == null ? "" : " (" + switches.locating().vendor(mac) + ")"), "Asking the switch where " + mac + " is…");
        tasks.run(() -> switches.locating().locate(mac.toString()), found -> answer.update(describe(found)),
                e -> answer.update("The switch could not say: " + (e instanceof GatehouseException ge ? ge.getMessage() : e.toString())));
    }

    static String describe(SwitchLocating.LocateOutcome o) {
        if (o.found().isEmpty()) {
            return "The switch has not learned " + o.mac() + " on any port (it may be asleep, off, or behind another switch)."
                    + (o.snmpProblem() == null ? "" : "\nSNMP: " + o.snmpProblem());
        }
        return String.join("\n", o.places()) + "\n(found via " + o.via() + ")";
    }
}
