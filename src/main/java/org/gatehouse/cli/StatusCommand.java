package org.gatehouse.cli;

import java.util.ArrayList;
import java.util.List;
import org.gatehouse.policy.StatusService;
import picocli.CommandLine.Command;

/** {@code gatehouse status}: version, transport, reachability, capabilities, subnets and pools. */
@Command(name = "status", description = "Kea version, transport, capabilities, subnets and pools; exit 3 if Kea is unreachable.")
final class StatusCommand extends ConnectedCommand {

    StatusCommand(Backend backend) {
        super(backend);
    }

    @Override
    public Integer call() {
        try (Backend.Session s = backend.connect(options())) {
            StatusService.Status st = s.status().status();
            Printer p = printer();
            if (options().format() == OutputFormat.JSON) {
                p.json(st);
            } else {
                p.line("kea:          " + st.endpoint());
                p.line("reachable:    " + (st.reachable() ? "yes" : "no (" + st.error() + ")"));
                if (st.reachable()) {
                    p.line("version:      " + st.version());
                    p.line("hooks:        " + (st.hooks().isEmpty() ? "none" : String.join(", ", st.hooks()))
                            + " (" + st.commandCount() + " commands)");
                    p.line("capabilities: lease paging " + yesNo(st.leasePaging()) + ", host_cmds " + yesNo(st.hostCommands())
                            + ", config hash " + yesNo(st.configHash()));
                    printHa(p, st.ha());
                    List<List<String>> rows = new ArrayList<>();
                    for (StatusService.SubnetSummary sn : st.subnets()) {
                        for (StatusService.PoolSummary pool : sn.pools()) {
                            rows.add(List.of(Long.toString(sn.id()), sn.subnet(), pool.range(), String.join(",", pool.classes()),
                                    pool.tier().label(), Long.toString(pool.size())));
                        }
                        if (sn.pools().isEmpty()) {
                            rows.add(List.of(Long.toString(sn.id()), sn.subnet(), "(no pools)", "", "", ""));
                        }
                    }
                    p.line("");
                    p.rows(OutputFormat.TABLE, List.of("SUBNET", "PREFIX", "POOL", "CLASS", "TIER", "SIZE"), rows);
                }
            }
            return st.exitCode();
        }
    }

    /** Kea reports these words itself; they are still printed through the sanitising printer like any server text. */
    private static void printHa(Printer p, StatusService.HaSummary ha) {
        if (ha == null) {
            return;
        }
        if (!ha.mode().isEmpty()) {
            p.line("ha:           " + ha.mode() + ", this server " + ha.role() + " in state " + ha.state());
        }
        StatusService.HaPartner partner = ha.partner();
        if (partner != null) {
            p.line("ha partner:   " + partner.role() + ", last state " + partner.state() + ", "
                    + (partner.inTouch() ? "in touch" : "out of touch") + " (heard " + partner.ageSeconds() + " s ago)");
        }
        if (ha.warning() != null) {
            p.line("warning:      " + ha.warning());
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
