package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gatehouse.kea.Capabilities;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.HostKeyFacts;
import org.gatehouse.model.SafeText;
import org.gatehouse.model.Tier;

/**
 * Tests a connection before it is saved: the connect page's and Settings' <b>Test</b>, and what
 * {@code profile test} can print. Reads only ({@code version-get}, {@code list-commands},
 * {@code config-get}); nothing is written to Kea, the switch or the cache.
 */
public final class ConnectionProbe {
    private final KeaConnector kea;

    public ConnectionProbe(KeaConnector kea) {
        this.kea = kea;
    }

    /** Never throws for a Kea that cannot be reached or read: the result says why. */
    public KeaProbe probeKea(KeaTarget target) {
        String endpoint = SafeText.escapeForTerminal(target.kea());
        try (KeaClient client = kea.open(target)) {
            Capabilities caps = client.capabilities();
            KeaConfig config = client.config();
            List<KeaProbe.Subnet> subnets = new ArrayList<>();
            for (KeaConfig.Subnet s : config.subnets()) {
                Set<Tier> tiers = EnumSet.noneOf(Tier.class);
                for (KeaConfig.Pool p : s.pools()) {
                    p.clientClasses().stream().map(Tier::ofClientClass).filter(t -> t != Tier.OTHER).forEach(tiers::add);
                }
                subnets.add(new KeaProbe.Subnet(s.id(), s.cidr(), Set.copyOf(tiers)));
            }
            List<SiteCheck.Finding> findings = new SiteCheck().check(config.raw().path("Dhcp4"));
            return new KeaProbe(SafeText.escapeForTerminal(client.endpoint()), null, null, caps.version().version(),
                    List.copyOf(caps.hookFamilies()), capabilities(caps), subnets, config.clientClasses().contains("denied"),
                    summary(findings));
        } catch (GatehouseException e) {
            return KeaProbe.failed(endpoint, SafeText.escapeForTerminal(e.getMessage()), HostKeyFacts.in(e).orElse(null));
        }
    }

    private static List<String> capabilities(Capabilities caps) {
        List<String> out = new ArrayList<>();
        if (caps.leasePaging()) {
            out.add("lease paging");
        }
        if (caps.hostCommands()) {
            out.add("reservation commands (host_cmds)");
        }
        if (caps.configHash()) {
            out.add("config hash");
        }
        if (caps.statistics()) {
            out.add("statistics");
        }
        out.add(caps.commands().size() + " commands");
        return out;
    }

    static KeaProbe.CheckSummary summary(List<SiteCheck.Finding> findings) {
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        List<String> lines = new ArrayList<>();
        for (SiteCheck.Finding f : findings) {
            switch (f.severity()) {
                case ERROR -> errors++;
                case WARNING -> warnings++;
                case INFO -> infos++;
            }
            if (f.severity() != SiteCheck.Severity.INFO) {
                lines.add(f.severity().name().toLowerCase() + ": " + SafeText.escapeForTerminal(f.what()) + " (" + f.where() + ")");
            }
        }
        return new KeaProbe.CheckSummary(errors, warnings, infos, lines);
    }
}
