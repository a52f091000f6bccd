package org.gatehouse.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.policy.ServersStatus;
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
            if (s.servers().several()) {
                return several(ServersStatus.of(s.servers(), s.offline()));
            }
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
                    printHa(p, st.ha(), "");
                    p.line("");
                    printSubnets(p, st);
                }
            }
            return st.exitCode();
        }
    }

    /** Several servers: a block per server, the warnings, then the first reachable server's subnets. */
    private int several(ServersStatus.Report r) {
        Printer p = printer();
        if (options().format() == OutputFormat.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("servers", r.servers());
            m.put("warnings", r.warnings());
            p.json(m);
            return r.exitCode();
        }
        for (ServersStatus.ServerStatus st : r.servers()) {
            p.line(st.name() + ":");
            p.line("  kea:          " + st.kea());
            p.line("  reachable:    " + (st.reachable() ? "yes" : "no (" + st.error() + ")"));
            if (st.reachable()) {
                ServersStatus.Capabilities c = st.capabilities();
                p.line("  version:      " + st.version());
                p.line("  hooks:        " + (c.hooks().isEmpty() ? "none" : String.join(", ", c.hooks())) + " (" + c.commands() + " commands)");
                p.line("  capabilities: lease paging " + yesNo(c.leasePaging()) + ", host_cmds " + yesNo(c.hostCommands())
                        + ", config hash " + yesNo(c.configHash()));
                printHa(p, st.ha(), "  ");
            }
            if (st.pending() > 0) {
                p.line("  pending:      " + st.pending() + (st.pending() == 1 ? " change" : " changes") + " pending for " + st.name());
            }
        }
        for (String w : r.warnings()) {
            p.line("warning: " + w);
        }
        if (r.first() != null) {
            p.line("");
            p.line("subnets (" + r.servers().stream().filter(ServersStatus.ServerStatus::reachable).findFirst().map(ServersStatus.ServerStatus::name)
                    .orElse("") + "):");
            printSubnets(p, r.first());
        }
        return r.exitCode();
    }

    private static void printSubnets(Printer p, StatusService.Status st) {
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
        p.rows(OutputFormat.TABLE, List.of("SUBNET", "PREFIX", "POOL", "CLASS", "TIER", "SIZE"), rows);
    }

    /** Kea reports these words itself; they are still printed through the sanitising printer like any server text. */
    private static void printHa(Printer p, StatusService.HaSummary ha, String indent) {
        if (ha == null) {
            return;
        }
        if (!ha.mode().isEmpty()) {
            p.line(indent + "ha:           " + ha.mode() + ", this server " + ha.role() + " in state " + ha.state());
        }
        StatusService.HaPartner partner = ha.partner();
        if (partner != null) {
            p.line(indent + "ha partner:   " + partner.role() + ", last state " + partner.state() + ", "
                    + (partner.inTouch() ? "in touch" : "out of touch") + " (heard " + partner.ageSeconds() + " s ago)");
        }
        if (ha.warning() != null) {
            p.line(indent + "warning:      " + ha.warning());
        }
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
