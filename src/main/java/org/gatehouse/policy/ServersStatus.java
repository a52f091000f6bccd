package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** {@code exitCode}: 3 when a server is unreachable (1 when one answered wrongly), else 0; a pair that is unwell is a warning. */
    public record Report(List<ServerStatus> servers, List<String> warnings, int exitCode, StatusService.Status first) {
    }

    private ServersStatus() {
    }

    public static Report of(KeaServers servers, OfflineQueue offline) {
        Map<String, Integer> pending = PeerQueue.pendingByServer(offline.pending());
        List<ServerStatus> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int exit = 0;
        StatusService.Status first = null;
        for (KeaServers.Server s : servers.all()) {
            StatusService.Status st = s.status().status();
            first = first == null && st.reachable() ? st : first;
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
        return new Report(out, warnings, exit, first);
    }
}
