package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.SafeText;

/**
 * {@code status} of several Kea servers: each one's reachability, version, capabilities and HA
 * state, the changes still owed to it, and one warning list a person reads first.
 */
public final class ServersStatus {

    /** What was found: hook families, command count and the features Gatehouse uses. */
    public record Capabilities(List<String> hooks, int commands, boolean leasePaging, boolean hostCommands, boolean configHash) {
    }

    /** One server: the contract's {@code {kea, reachable, version, capabilities, ha}}, plus its name and pending changes. */
    public record ServerStatus(String name, String kea, boolean reachable, String error, String version, Capabilities capabilities,
                               StatusService.HaSummary ha, int pending) {
    }

    /**
     * {@code exitCode}: 3 when a server is unreachable (1 when one answered wrongly), else 0; a pair
     * that is unwell is a warning. {@code drift}: each difference between the peers, one sanitised
     * line each (the console's; {@code status} leaves it empty, {@code site check} names them).
     */
    public record Report(List<ServerStatus> servers, List<String> warnings, int exitCode, StatusService.Status first, List<String> drift) {
    }

    private ServersStatus() {
    }

    public static Report of(KeaServers servers, OfflineQueue offline) {
        return of(servers, offline, List.of());
    }

    /**
     * The console's supplier: the status read afresh at each call, the differences between the
     * peers from {@code drift} (compared at most once a minute). Called on a background task.
     */
    public static java.util.function.Supplier<Report> watching(KeaServers servers, OfflineQueue offline, java.time.Clock clock) {
        DriftWatch drift = DriftWatch.of(servers, clock);
        return () -> {
            Report r = of(servers, offline, drift.differences());
            if (drift.failure() != null) {
                r.warnings().add("servers not compared for differences: " + drift.failure());
            }
            return r;
        };
    }

    /** {@code drift}: the differences between the peers, already sanitised. */
    public static Report of(KeaServers servers, OfflineQueue offline, List<String> drift) {
        Map<String, Integer> pending = PeerQueue.pendingByServer(offline.pending());
        List<ServerStatus> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int exit = 0;
        StatusService.Status first = null;
        List<SubnetClashes.Served> subnets = new ArrayList<>(); // for subnet ids that mean two prefixes
        for (KeaServers.Server s : servers.all()) {
            StatusService.Status st = s.status().status();
            first = first == null && st.reachable() ? st : first;
            Map<Long, String> prefixes = new java.util.LinkedHashMap<>();
            st.subnets().forEach(x -> prefixes.put(x.id(), x.subnet()));
            subnets.add(new SubnetClashes.Served(s.name(), prefixes));
            int owed = pending.getOrDefault(s.endpoint(), 0);
            out.add(new ServerStatus(s.name(), s.endpoint(), st.reachable(), st.error(), st.version(),
                    st.reachable() ? new Capabilities(st.hooks(), st.commandCount(), st.leasePaging(), st.hostCommands(), st.configHash()) : null,
                    st.ha(), owed));
            if (!st.reachable()) {
                warnings.add(s.label() + " unreachable: " + st.error());
                exit = Math.max(exit, st.exitCode());
            } else if (st.ha() != null && st.ha().warning() != null) {
                warnings.add(s.name() + ": " + st.ha().warning());
            }
            if (owed > 0) {
                warnings.add(owed + (owed == 1 ? " change" : " changes") + " pending for " + s.name()
                        + " (applied when it is reachable: gatehouse sync --once or offline replay)");
            }
        }
        SubnetClashes.find(subnets).forEach(c -> warnings.add(c.describe() + " (gatehouse site check; " + SubnetClashes.HINT + ")"));
        if (!drift.isEmpty()) {
            warnings.add(differences(drift.size()));
        }
        return new Report(out, warnings, exit, first, drift.stream().map(SafeText::escapeForTerminal).toList());
    }

    /** The status bar's line: each server's role and state (or "unreachable"), then the first warning. */
    public static String summary(Report r) {
        List<String> parts = new ArrayList<>();
        for (ServerStatus s : r.servers()) {
            String state = !s.reachable() ? "unreachable" : s.ha() == null || s.ha().mode().isEmpty() ? "up"
                    : s.ha().role() + ", " + s.ha().state();
            parts.add(s.name() + ": " + state + (s.pending() > 0 ? " (" + s.pending() + " pending)" : ""));
        }
        String line = String.join(" · ", parts);
        if (!r.warnings().isEmpty()) {
            line += " — ⚠ " + r.warnings().get(0) + (r.warnings().size() > 1 ? " (+" + (r.warnings().size() - 1) + " more)" : "");
        }
        String drift = differences(r.drift().size());
        if (!r.drift().isEmpty() && !r.warnings().get(0).equals(drift)) {
            line += "; " + drift; // the count stays on the bar behind a pair's state warning
        }
        return line;
    }

    /** The server panel's text: a block per server as {@code status} prints it, then every warning. */
    public static String details(Report r) {
        StringBuilder sb = new StringBuilder();
        for (ServerStatus s : r.servers()) {
            sb.append(s.name()).append("  ").append(s.kea()).append('\n');
            if (!s.reachable()) {
                sb.append("  unreachable: ").append(s.error()).append('\n');
                continue;
            }
            sb.append("  Kea ").append(s.version()).append(", hooks ").append(String.join(", ", s.capabilities().hooks())).append('\n');
            if (s.ha() != null && !s.ha().mode().isEmpty()) {
                sb.append("  HA ").append(s.ha().mode()).append(": ").append(s.ha().role()).append(" in ").append(s.ha().state());
                if (s.ha().partner() != null) {
                    sb.append("; partner ").append(s.ha().partner().role()).append(" last ").append(s.ha().partner().state())
                            .append(s.ha().partner().inTouch() ? ", in touch" : ", OUT OF TOUCH");
                }
                sb.append('\n');
            }
            if (s.pending() > 0) {
                sb.append("  ").append(s.pending()).append(s.pending() == 1 ? " change" : " changes").append(" pending for ").append(s.name()).append('\n');
            }
        }
        r.warnings().forEach(w -> sb.append("⚠ ").append(w).append('\n'));
        r.drift().forEach(d -> sb.append("  ≠ ").append(d).append('\n'));
        return sb.toString().strip();
    }

    private static String differences(int n) {
        return n + (n == 1 ? " difference" : " differences") + " between servers (each in the server panel; gatehouse site check)";
    }
}
