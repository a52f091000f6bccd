package org.gatehouse.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.policy.DecisionReport;
import org.gatehouse.policy.DecisionFlow;
import org.gatehouse.policy.PeerDecisions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse approve|deny|unregister}: the guest master's decisions. */
final class DecisionCommands {
    private DecisionCommands() {
    }

    /** Prints each step of a decision; returns the exit code (the first failed step's, else 0). */
    static int report(ConnectedCommand cmd, DecisionReport r) {
        Printer p = cmd.printer();
        if (cmd.options().format() == OutputFormat.JSON) {
            p.json(json(r));
        } else {
            FanOutReport.decisionLines(r).forEach(l -> p.line(l.startsWith("lease ") || l.startsWith("switch: ") ? "  " + l : l));
        }
        GatehouseException e = r.firstError();
        if (e != null) {
            cmd.err().println(Printer.errorLine(e.what(), e.getMessage()));
            cmd.err().flush();
            return e.exitCode();
        }
        return 0;
    }

    /** A decision on several servers: one block per server; exit 3 naming a server that missed it (it is pending for it). */
    static int report(ConnectedCommand cmd, String action, PeerDecisions.FanOut<DecisionReport> f) {
        return FanOutReport.print(cmd, action, f, FanOutReport::decisionLines, DecisionCommands::json, DecisionReport::firstError);
    }

    static String headline(DecisionReport r) {
        return switch (r.action()) {
            case "approve" -> "approved " + r.mac() + " (registered, subnet " + r.subnetId() + ")";
            case "deny" -> "denied " + r.mac() + " (Kea gives it no address; subnet " + r.subnetId() + ")";
            default -> r.reservation().edits() == 0 ? r.mac() + " had no reservation; nothing changed"
                    : "unregistered " + r.mac() + " (reservation removed; back to the unregistered pools at its next renewal)";
        };
    }

    static Map<String, Object> json(DecisionReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", r.action());
        m.put("mac", r.mac().toString());
        m.put("subnetId", r.subnetId());
        m.put("written", r.reservation().written());
        m.put("merged", r.reservation().merged());
        m.put("mechanism", r.reservation().mechanism());
        m.put("leases", r.leases().stream().map(l -> Map.of("ip", l.ip().toString(), "state", l.step().state().name().toLowerCase(),
                "detail", l.step().detail())).toList());
        m.put("switch", Map.of("state", r.block().state().name().toLowerCase(), "detail", r.block().detail()));
        return m;
    }

    /** Prints a decision carried out, or says that it waits in the offline queue. */
    static int report(ConnectedCommand cmd, DecisionFlow.Outcome o) {
        if (!o.isQueued()) {
            return report(cmd, o.report());
        }
        QueuedAction q = o.queued();
        cmd.printer().line("Kea is unreachable (" + o.unreachable() + "); " + q.kind() + " " + q.target() + " is queued as #" + q.id()
                + " — run 'gatehouse offline replay' when Kea is back");
        return 0;
    }

    /** Approve and deny: a MAC, a note, a subnet, and --queue; both go through the decision flow's decide-or-queue. */
    abstract static class DecisionCommand extends ConnectedCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        @Option(names = "--note", paramLabel = "TEXT", description = "why (stored in the reservation's user-context)")
        String note;

        @Option(names = "--queue", description = "if Kea is unreachable, queue the decision for 'gatehouse offline replay' instead of failing")
        boolean queue;

        @Option(names = "--subnet", paramLabel = "ID", description = "subnet id (default: the subnet of the device's lease)")
        Long subnet;

        DecisionCommand(Backend backend) {
            super(backend);
        }

        abstract DecisionFlow.Decision decision(Mac m);

        @Override
        public Integer call() {
            DecisionFlow.Decision d = decision(Mac.parse(mac));
            try (Backend.Session s = backend.connect(options())) {
                if (s.servers().several()) {
                    PeerDecisions.FanOut<DecisionReport> f = new PeerDecisions(s.servers(), s.offline()).decide(d, queue);
                    if (f.firstResult().isEmpty() && !f.pendingSteps().isEmpty() && queue) {
                        printer().line("no Kea server is reachable; " + d.kind() + " " + d.mac() + " is queued for each of them — run"
                                + " 'gatehouse offline replay' when they are back");
                        return 0;
                    }
                    return report(this, d.kind(), f);
                }
                return report(this, s.decisions().flow().decideOrQueue(d, queue));
            }
        }
    }

    @Command(name = "approve", description = "Reserve MAC into 'registered' (persisted in Kea), then delete its current lease.")
    static final class Approve extends DecisionCommand {
        @Option(names = "--hostname", paramLabel = "NAME", description = "hostname for the reservation")
        String hostname;

        Approve(Backend backend) {
            super(backend);
        }

        @Override
        DecisionFlow.Decision decision(Mac m) {
            return DecisionFlow.Decision.approve(m, note, hostname, subnet);
        }
    }

    @Command(name = "deny", description = "Reserve MAC into 'denied' so that Kea gives it no address; with --block (or a configured switch) also block it there.")
    static final class Deny extends DecisionCommand {
        @Option(names = "--block", description = "also block the MAC on the switch (needs a configured switch)")
        boolean block;

        Deny(Backend backend) {
            super(backend);
        }

        @Override
        DecisionFlow.Decision decision(Mac m) {
            return DecisionFlow.Decision.deny(m, note, block, subnet);
        }
    }

    @Command(name = "unregister", description = "Undo approve/deny: remove MAC's reservation; it returns to the unregistered pools.")
    static final class Unregister extends ConnectedCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        Unregister(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            Mac m = Mac.parse(mac);
            try (Backend.Session s = backend.connect(options())) {
                if (s.servers().several()) {
                    return report(this, "unregister", new PeerDecisions(s.servers(), s.offline()).unregister(m));
                }
                return report(this, s.decisions().flow().unregister(m));
            }
        }
    }

}
