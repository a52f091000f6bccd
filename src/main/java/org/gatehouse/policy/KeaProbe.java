package org.gatehouse.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gatehouse.model.HostKeyFacts;
import org.gatehouse.model.Tier;

/**
 * What testing a Kea connection found: reached or why not (with the SSH host key to show when
 * that is the reason), version, hooks, capabilities, subnets with the tiers their pools serve,
 * whether the {@code denied} class exists, and a summary of {@code site check}.
 */
public record KeaProbe(String endpoint, String error, HostKeyFacts hostKey, String version, List<String> hooks,
                       List<String> capabilities, List<Subnet> subnets, boolean deniedClass, CheckSummary check) {

    /** One subnet and the guest tiers its pools are guarded for. */
    public record Subnet(long id, String cidr, Set<Tier> tiers) {
        public boolean allThreeTiers() {
            return tiers.containsAll(List.of(Tier.REGISTERED, Tier.NEWLY_UNREGISTERED, Tier.OLD_UNREGISTERED));
        }
    }

    /** {@code site check} counted by severity, with its errors and warnings as lines. */
    public record CheckSummary(int errors, int warnings, int infos, List<String> lines) {
        public String headline() {
            return errors == 0 && warnings == 0 ? "site check: no problems" + (infos == 0 ? "" : " (" + infos + " hints)")
                    : "site check: " + errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings");
        }
    }

    static KeaProbe failed(String endpoint, String error, HostKeyFacts hostKey) {
        return new KeaProbe(endpoint, error, hostKey, null, List.of(), List.of(), List.of(), false, new CheckSummary(0, 0, 0, List.of()));
    }

    public boolean reached() {
        return error == null;
    }

    /** The tiers found in at least one subnet. */
    public boolean threeTiersRecognised() {
        return subnets.stream().anyMatch(Subnet::allThreeTiers);
    }

    /** The result as lines a person reads (also what {@code profile test} could print). */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        if (!reached()) {
            out.add("Not reached: " + error);
            return out;
        }
        out.add("Kea " + version + " at " + endpoint);
        out.add("Hooks: " + (hooks.isEmpty() ? "none" : String.join(", ", hooks)));
        out.add("Capabilities: " + (capabilities.isEmpty() ? "none" : String.join(", ", capabilities)));
        for (Subnet s : subnets) {
            out.add("Subnet " + s.id() + " " + s.cidr() + ": " + (s.allThreeTiers() ? "three tiers recognised"
                    : s.tiers().isEmpty() ? "no guest tiers" : "only " + s.tiers().stream().map(Tier::label).sorted().toList()));
        }
        if (subnets.isEmpty()) {
            out.add("No subnets");
        }
        out.add(deniedClass ? "The 'denied' class exists" : "No 'denied' class: deny will not work");
        out.add(check.headline());
        out.addAll(check.lines());
        return out;
    }
}
