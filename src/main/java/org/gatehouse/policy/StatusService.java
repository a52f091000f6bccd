package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gatehouse.kea.Capabilities;
import org.gatehouse.kea.HaStatus;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
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

    /** The partner as this server last saw it; {@code inTouch} false once Kea reports communication interrupted. */
    public record HaPartner(String role, String state, boolean inTouch, long ageSeconds) {
    }

    /**
     * A server's HA relationship (the contract's {@code ha} object). {@code partner} is null in
     * passive-backup mode; {@code warning} is null while the pair is normal.
     */
    public record HaSummary(String mode, String role, String state, HaPartner partner, String warning) {
    }

    /** States in which a pair serves normally; every other state (partner-down, waiting, syncing, terminated…) is worth a warning. */
    private static final Set<String> NORMAL_HA_STATES = Set.of("hot-standby", "load-balancing", "passive-backup", "backup");

    /**
     * {@code error} is set (and the rest empty) when Kea could not be reached or read;
     * {@code exitCode} is then the contract's code for that failure (3 unreachable, 1 bad answer).
     */
    public record Status(String endpoint, boolean reachable, String error, int exitCode, String version, List<String> hooks,
                         int commandCount, boolean leasePaging, boolean hostCommands, boolean configHash,
                         List<SubnetSummary> subnets, HaSummary ha) {
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
                    caps.commands().size(), caps.leasePaging(), caps.hostCommands(), caps.configHash(), subnets,
                    caps.hookFamilies().contains("ha") ? ha() : null);
        } catch (KeaException e) {
            return new Status(kea.endpoint(), false, e.getMessage(), e.exitCode(), null, List.of(), 0, false, false, false, List.of(), null);
        }
    }

    /** The first HA relationship from {@code status-get}; a server that will not say is reported, not fatal. */
    private HaSummary ha() {
        List<HaStatus> relationships;
        try {
            relationships = kea.execute(new KeaCommands.HaStatusGet());
        } catch (KeaException e) {
            return new HaSummary("", "", "", null, "HA state unknown: " + e.getMessage());
        }
        return relationships.isEmpty() ? null : summarise(relationships.get(0));
    }

    static HaSummary summarise(HaStatus ha) {
        HaStatus.Remote r = ha.remote();
        HaPartner partner = r == null ? null : new HaPartner(r.role(), r.lastState(), r.reachable(), r.ageSeconds());
        List<String> problems = new ArrayList<>();
        if (!NORMAL_HA_STATES.contains(ha.localState())) {
            problems.add("this server is in state " + ha.localState());
        }
        if (partner != null && !partner.inTouch()) {
            problems.add("partner (" + partner.role() + ") out of touch, last state " + partner.state());
        } else if (partner != null && !NORMAL_HA_STATES.contains(partner.state())) {
            problems.add("partner (" + partner.role() + ") is in state " + partner.state());
        }
        String warning = problems.isEmpty() ? null : "HA pair not normal: " + String.join("; ", problems);
        return new HaSummary(ha.mode(), ha.localRole(), ha.localState(), partner, warning);
    }
}
