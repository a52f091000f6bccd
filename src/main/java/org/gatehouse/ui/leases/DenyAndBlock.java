package org.gatehouse.ui.leases;

import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.DecisionFlow;
import org.gatehouse.ui.dialog.DialogService;

/**
 * "Deny and block…" on a lease: asks first, then denies in Kea and blocks on the switch through
 * the same decision flow as the Queue screen's deny and {@code gatehouse deny --block} (one audit
 * row for the deny, one for the block), on the switch's lane; reports each half.
 */
final class DenyAndBlock {
    private final LeasesAccess access;
    private final DialogService dialogs;

    DenyAndBlock(LeasesAccess access, DialogService dialogs) {
        this.access = access;
        this.dialogs = dialogs;
    }

    void ask(LeaseRow row) {
        Mac mac = row.lease().lease().mac();
        DecisionFlow flow = access.decisions().orElse(null);
        if (mac == null || flow == null) {
            return;
        }
        long subnetId = row.lease().lease().subnetId();
        if (!dialogs.confirm("Deny and block " + mac, "Deny and block " + mac + "?",
                "Kea will give " + mac + " no address, and the switch will drop its frames.")) {
            return;
        }
        access.decisionLane().run(() -> flow.decide(DecisionFlow.Decision.deny(mac, "", true, subnetId)), report -> {
            GatehouseException error = report.firstError();
            dialogs.report(error == null ? DialogService.Level.INFO : DialogService.Level.WARNING, "deny-block-result", null,
                    error == null ? mac + " is denied and blocked" : mac + ": not every step succeeded",
                    DecisionFlow.summary(report).replace("; ", "\n"));
        }, e -> dialogs.report(DialogService.Level.ERROR, "deny-block-result", null,
                "Deny of " + mac + " failed; nothing was blocked", e.getMessage()));
    }
}
