package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import org.gatehouse.kea.Capabilities;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaException;
import org.gatehouse.model.Tier;

/** What {@code gatehouse status} and the status bar show about the Kea connection. */
public final class StatusService {
    private final KeaClient kea;

    public StatusService(KeaClient kea) {
        this.kea = kea;
    }

    public record PoolSummary(String range, List<String> classes, Tier tier, long size) {
    }

    public record SubnetSummary(long id, String subnet, String sharedNetwork, int reservations, List<PoolSummary> pools) {
    }

    /**
     * {@code error} is set (and the rest empty) when Kea could not be reached or read;
     * {@code exitCode} is then the contract's code for that failure (3 unreachable, 1 bad answer).
     */
    public record Status(String endpoint, boolean reachable, String error, int exitCode, String version, List<String> hooks,
                         int commandCount, boolean leasePaging, boolean hostCommands, boolean configHash,
                         List<SubnetSummary> subnets) {
    }

    /** {@code site check} of the running configuration. */
    public List<SiteCheck.Finding> siteCheck() {
        return new SiteCheck().check(kea.config().raw().path("Dhcp4"));
    }

    public Status status() {
        try {
            Capabilities caps = kea.capabilities();
            KeaConfig config = kea.config();
            List<SubnetSummary> subnets = new ArrayList<>();
            for (KeaConfig.Subnet s : config.subnets()) {
                List<PoolSummary> pools = s.pools().stream().map(p -> new PoolSummary(p.range().toString(), p.clientClasses(),
                        p.clientClasses().stream().map(Tier::ofClientClass).filter(t -> t != Tier.OTHER).findFirst().orElse(Tier.OTHER),
                        p.range().size())).toList();
                subnets.add(new SubnetSummary(s.id(), s.cidr(), s.sharedNetwork(), s.reservations(), pools));
            }
            return new Status(kea.endpoint(), true, null, 0, caps.version().version(), List.copyOf(caps.hookFamilies()),
                    caps.commands().size(), caps.leasePaging(), caps.hostCommands(), caps.configHash(), subnets);
        } catch (KeaException e) {
            return new Status(kea.endpoint(), false, e.getMessage(), e.exitCode(), null, List.of(), 0, false, false, false, List.of());
        }
    }
}
