package org.gatehouse.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.policy.DecisionReport;
import org.gatehouse.policy.HaSettle;
import org.gatehouse.policy.PeerDecisions;

/** Prints a change made on several Kea servers: one block per server, then the error naming any server that missed it. */
final class FanOutReport {
    private FanOutReport() {
    }

    /**
     * @param describe a done server's result as lines (the first is the headline)
     * @param asJson   a done server's result as JSON
     * @param errorOf  the first failed step of a done server's result (a lease deletion), or null
     * @return the exit code: 3 when a server missed the change, else the first failed step's, else 0
     */
    static <R> int print(ConnectedCommand cmd, String action, PeerDecisions.FanOut<R> f, Function<R, List<String>> describe,
                         Function<R, Object> asJson, Function<R, GatehouseException> errorOf) {
        Printer p = cmd.printer();
        if (cmd.options().format() == OutputFormat.JSON) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (PeerDecisions.Step<R> s : f.steps()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("server", s.server());
                m.put("state", s.state());
                m.put("detail", s.detail());
                m.put("millis", s.millis());
                m.put("haSettle", s.settle());
                m.put("queued", s.queued() == null ? null : s.queued().id());
                m.put("result", s.result() == null ? null : asJson.apply(s.result()));
                rows.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("action", action);
            out.put("servers", rows);
            p.json(out);
        } else {
            for (PeerDecisions.Step<R> s : f.steps()) {
                switch (s.state()) {
                    case PeerDecisions.DONE -> {
                        List<String> lines = describe.apply(s.result());
                        p.line(s.label() + ": " + lines.get(0) + " (" + s.millis() + " ms" + settled(s.settle())
                                + (s.detail().isEmpty() ? "" : "; " + s.detail()) + ")");
                        lines.subList(1, lines.size()).forEach(l -> p.line("  " + l));
                    }
                    case PeerDecisions.SKIPPED -> p.line("skipped: " + s.label() + " " + s.detail());
                    default -> p.line(s.label() + ": NOT applied, " + s.detail()
                            + (s.queued() == null ? "" : "; pending as #" + s.queued().id()));
                }
            }
        }
        if (f.exitCode() != 0) {
            cmd.err().println(Printer.errorLine(action, f.problem()));
            cmd.err().flush();
            return f.exitCode();
        }
        for (PeerDecisions.Step<R> s : f.steps()) {
            GatehouseException e = s.result() == null ? null : errorOf.apply(s.result());
            if (e != null) {
                cmd.err().println(Printer.errorLine(e.what(), s.server() + ": " + e.getMessage()));
                cmd.err().flush();
                return e.exitCode();
            }
        }
        return 0;
    }

    private static String settled(HaSettle.Settled s) {
        if (s == null) {
            return "";
        }
        return s.settled() ? "; HA back in " + s.state() + " after " + s.millis() + " ms"
                : "; HA still in " + s.state() + " after " + s.millis() + " ms";
    }

    /** A decision's lines, as the one-server output words them. */
    static List<String> decisionLines(DecisionReport r) {
        List<String> out = new ArrayList<>();
        out.add(DecisionCommands.headline(r) + ": " + r.reservation().describe());
        for (DecisionReport.LeaseStep l : r.leases()) {
            out.add("lease " + l.ip() + ": " + l.step().detail());
        }
        if (r.block().state() != DecisionReport.State.NOT_REQUESTED) {
            out.add("switch: " + r.block().state().name().toLowerCase() + (r.block().detail().isEmpty() ? "" : " — " + r.block().detail()));
        }
        return out;
    }
}
