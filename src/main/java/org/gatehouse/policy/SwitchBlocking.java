package org.gatehouse.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.sw.AclRule;
import org.gatehouse.sw.AclView;
import org.gatehouse.sw.CliCommand;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.InterfaceName;
import org.gatehouse.sw.MacTableEntry;
import org.gatehouse.sw.RuleId;
import org.gatehouse.sw.SwitchChange;
import org.gatehouse.sw.SwitchFailure;
import org.gatehouse.sw.SwitchInput;
import org.gatehouse.sw.VlanId;

/**
 * Blocking and unblocking MACs on the switch and installing the ACL, each act one audit row and
 * recorded in the cache (which is how Gatehouse knows later what it blocked). Typed-in text is
 * validated into switch values before anything is sent.
 */
public final class SwitchBlocking {
    /** Gatehouse's rules start here, far above the ids Comware numbers hand-made rules with (0, 5, 10, …). */
    public static final int FIRST_RULE_ID = 50000;

    /** {@code acl}/{@code rule} are set in ACL mode, {@code vlans} in blackhole mode. */
    public record BlockOutcome(Mac mac, boolean changed, BlockMode mode, Integer acl, Integer rule, List<Integer> vlans, boolean ours,
                               int commands, Duration took, String message) {
    }

    public record UnblockOutcome(Mac mac, boolean changed, List<Integer> rules, int commands, Duration took, String message) {
    }

    public record InstallOutcome(int acl, List<String> interfaces, int commands, Duration took) {
    }

    private final SwitchSite site;
    private final SwitchLocating locating;

    SwitchBlocking(SwitchSite site, SwitchLocating locating) {
        this.site = site;
        this.locating = locating;
    }

    /** Blocks a typed-in MAC; {@code vlanText} (blackhole mode) may be null: then where the switch learned it. */
    public BlockOutcome block(String macText, String note, String vlanText) {
        return block(SwitchInput.mac(macText), note == null || note.isBlank() ? null : note.trim(),
                vlanText == null || vlanText.isBlank() ? null : SwitchInput.vlan(vlanText));
    }

    public UnblockOutcome unblock(String macText) {
        return unblock(SwitchInput.mac(macText));
    }

    /** Interface names separated by commas or blanks, e.g. "GE1/0/1, GE1/0/2 BAGG1". */
    public InstallOutcome installAcl(String interfaceList) {
        List<InterfaceName> names = new ArrayList<>();
        for (String part : (interfaceList == null ? "" : interfaceList).split("[,\\s]+(?=[A-Za-z])|,")) {
            if (!part.isBlank()) {
                names.add(SwitchInput.iface(part.trim()));
            }
        }
        return install(names);
    }

    /** Each element one interface name. */
    public InstallOutcome installAcl(List<String> interfaces) {
        return install(interfaces.stream().map(SwitchInput::iface).toList());
    }

    public BlockOutcome block(Mac mac, String note) {
        return block(mac, note, null);
    }

    /** Blocks {@code mac}; a MAC already blocked changes nothing. {@code vlan} is for blackhole mode (else located). */
    BlockOutcome block(Mac mac, String note, VlanId vlan) {
        ComwareSwitch sw = site.cli();
        Instant start = site.clock.instant();
        long t0 = System.nanoTime();
        site.changes.lock();
        try {
            BlockOutcome out = site.mode == BlockMode.ACL ? blockByAcl(sw, mac, note, t0) : blockByBlackhole(sw, mac, note, vlan, t0);
            site.actions.append(start, "switch-block", mac.toString(), detail(out, note), out.changed() ? "ok" : "unchanged: " + out.message());
            return out;
        } catch (GatehouseException e) {
            site.actions.append(start, "switch-block", mac.toString(), "on " + site.endpoint + (note == null ? "" : ", note: " + note),
                    "failed: " + e.getMessage());
            throw e;
        } finally {
            site.changes.unlock();
        }
    }

    private BlockOutcome blockByAcl(ComwareSwitch sw, Mac mac, String note, long t0) {
        Set<Integer> reservedHere = new HashSet<>();
        site.store.activeBlocks(site.endpoint).forEach(b -> {
            if (b.rule() != null && b.acl() != null && b.acl() == site.acl.value()) {
                reservedHere.add(b.rule());
            }
        });
        var acl = site.acl;
        return sw.batch(batch -> {
            AclView view = batch.readAcl(acl);
            Optional<AclRule> existing = view.ruleBlocking(mac);
            if (existing.isPresent()) {
                RuleId r = existing.get().id();
                boolean ours = site.isOurs(mac, r);
                return new BlockOutcome(mac, false, BlockMode.ACL, acl.value(), r.value(), List.of(), ours, batch.commandsSent(), since(t0),
                        mac + " is already blocked by ACL " + acl + " rule " + r + (ours ? "" : " (a rule added by hand)") + "; nothing changed"
                                + notInstalledNote());
            }
            RuleId rule = freeRule(view, reservedHere);
            String ruleLine = CliCommand.ruleDenySourceMac(rule, mac).text();
            Runnable record = () -> site.store.recordBlock(site.endpoint, mac.toString(), BlockMode.ACL.label(), acl.value(), rule.value(),
                    null, site.clock.instant(), note);
            try {
                batch.apply(List.of(new SwitchChange.DenySourceMac(acl, rule, mac)));
            } catch (SwitchFailure f) {
                if (f.applied().contains(ruleLine)) {
                    record.run(); // the rule is in the running config: the cache must know it is ours
                }
                throw f;
            }
            AclView after;
            try {
                after = batch.readAcl(acl);
            } catch (GatehouseException e) {
                record.run();
                throw e;
            }
            if (after.rules().stream().noneMatch(r -> r.id().equals(rule) && r.blocks(mac))) {
                String now = after.rules().stream().filter(r -> r.id().equals(rule)).map(AclRule::text).findFirst().orElse("absent");
                throw new SwitchFailure(site.endpoint, "another writer changed ACL " + acl + " at the same time: rule " + rule
                        + " should deny " + mac + " but is now '" + now + "'; nothing saved, check 'switch blocked' and block again", 4,
                        batch.session().applied(), false, null);
            }
            record.run();
            saveAfterChange(batch, "blocked " + mac + " with ACL " + acl + " rule " + rule);
            return new BlockOutcome(mac, true, BlockMode.ACL, acl.value(), rule.value(), List.of(), true, batch.commandsSent(), since(t0),
                    "blocked " + mac + " with ACL " + acl + " rule " + rule + " (saved)" + notInstalledNote());
        });
    }

    /**
     * {@code save force} after a change already recorded in the cache; a failed or timed-out save
     * says that the change is in effect but NOT saved (it goes away if the switch reboots).
     */
    private void saveAfterChange(ComwareSwitch.Batch batch, String done) {
        try {
            batch.save();
        } catch (SwitchFailure f) {
            throw new SwitchFailure(site.endpoint, done + ", in effect but NOT saved (lost if the switch reboots; run 'save force' on it): "
                    + f.getMessage(), f.exitCode(), List.of(), false, f);
        }
    }

    /** Deny rules do nothing until the ACL is applied to an interface: say so while no install is known. */
    private String notInstalledNote() {
        return site.installedInterfaces().isEmpty()
                ? " — ACL " + site.acl + " is not applied on any interface yet (run switch install-acl)" : "";
    }

    static RuleId freeRule(AclView view, Set<Integer> reserved) {
        Set<RuleId> used = view.ids();
        for (int id = FIRST_RULE_ID; id <= 65534; id++) {
            if (!used.contains(new RuleId(id)) && !reserved.contains(id)) {
                return new RuleId(id);
            }
        }
        throw new SwitchFailure("ACL " + view.acl(), "no free rule id left above " + FIRST_RULE_ID, 1);
    }

    private BlockOutcome blockByBlackhole(ComwareSwitch sw, Mac mac, String note, VlanId vlan, long t0) {
        List<VlanId> vlans = new ArrayList<>();
        if (vlan != null) {
            vlans.add(vlan);
        } else {
            for (SwitchPlace e : locating.locate(mac).found()) {
                if (e.vlan() != null && !vlans.contains(new VlanId(e.vlan()))) {
                    vlans.add(new VlanId(e.vlan()));
                }
            }
            if (vlans.isEmpty()) {
                throw new BadInput("VLAN", "the switch has not learned " + mac + " in any VLAN; give the VLAN to blackhole it in");
            }
        }
        List<Integer> numbers = vlans.stream().map(VlanId::value).toList();
        return sw.batch(batch -> {
            Set<Integer> present = new HashSet<>();
            batch.blackholes().stream().filter(e -> e.mac().equals(mac)).forEach(e -> present.add(e.vlan()));
            List<VlanId> missing = vlans.stream().filter(v -> !present.contains(v.value())).toList();
            if (missing.isEmpty()) {
                return new BlockOutcome(mac, false, BlockMode.BLACKHOLE, null, null, numbers, true, batch.commandsSent(), since(t0),
                        mac + " is already a blackhole entry in VLAN " + vlans + "; nothing changed");
            }
            try {
                batch.apply(missing.stream().map(v -> (SwitchChange) new SwitchChange.Blackhole(mac, v)).toList());
            } catch (SwitchFailure f) {
                for (VlanId v : missing) {
                    if (f.applied().contains(CliCommand.macAddressBlackhole(mac, v).text())) {
                        recordBlackhole(mac, v, note);
                    }
                }
                throw f;
            }
            missing.forEach(v -> recordBlackhole(mac, v, note));
            saveAfterChange(batch, "blocked " + mac + " as a blackhole entry in VLAN " + missing);
            return new BlockOutcome(mac, true, BlockMode.BLACKHOLE, null, null, missing.stream().map(VlanId::value).toList(), true,
                    batch.commandsSent(), since(t0), "blocked " + mac + " as a blackhole entry in VLAN " + missing + " (saved)");
        });
    }

    private void recordBlackhole(Mac mac, VlanId v, String note) {
        site.store.recordBlock(site.endpoint, mac.toString(), BlockMode.BLACKHOLE.label(), null, null, v.value(), site.clock.instant(), note);
    }

    /** Lifts Gatehouse's block of {@code mac}; not blocked changes nothing; a rule added by hand is left alone (refused). */
    public UnblockOutcome unblock(Mac mac) {
        ComwareSwitch sw = site.cli();
        Instant start = site.clock.instant();
        long t0 = System.nanoTime();
        site.changes.lock();
        try {
            UnblockOutcome out = site.mode == BlockMode.ACL ? unblockAcl(sw, mac, t0) : unblockBlackhole(sw, mac, t0);
            site.actions.append(start, "switch-unblock", mac.toString(), "on " + site.endpoint + (out.rules().isEmpty() ? "" : " ACL "
                    + site.acl + " rule " + out.rules()), out.changed() ? "ok" : "unchanged: " + out.message());
            return out;
        } catch (GatehouseException e) {
            site.actions.append(start, "switch-unblock", mac.toString(), "on " + site.endpoint, "failed: " + e.getMessage());
            throw e;
        } finally {
            site.changes.unlock();
        }
    }

    private UnblockOutcome unblockAcl(ComwareSwitch sw, Mac mac, long t0) {
        var acl = site.acl;
        return sw.batch(batch -> {
            AclView view = batch.readAcl(acl);
            List<AclRule> rules = view.rules().stream().filter(r -> r.blocks(mac)).toList();
            if (rules.isEmpty()) {
                int stale = site.store.recordUnblock(site.endpoint, mac.toString(), BlockMode.ACL.label(), site.clock.instant());
                return new UnblockOutcome(mac, false, List.of(), batch.commandsSent(), since(t0), mac + " is not blocked in ACL " + acl
                        + "; nothing changed" + (stale > 0 ? " (the cache still had it blocked: now marked lifted)" : ""));
            }
            List<RuleId> handMade = rules.stream().map(AclRule::id).filter(r -> !site.isOurs(mac, r)).toList();
            if (!handMade.isEmpty()) {
                throw new SwitchFailure(site.endpoint, mac + " is blocked by ACL " + acl + " rule " + handMade
                        + ", which Gatehouse did not add; remove it on the switch if that is intended", 1);
            }
            List<RuleId> ids = rules.stream().map(AclRule::id).toList();
            batch.apply(ids.stream().map(r -> (SwitchChange) new SwitchChange.RemoveRule(acl, r)).toList());
            site.store.recordUnblock(site.endpoint, mac.toString(), BlockMode.ACL.label(), site.clock.instant());
            saveAfterChange(batch, "unblocked " + mac);
            return new UnblockOutcome(mac, true, ids.stream().map(RuleId::value).toList(), batch.commandsSent(), since(t0), "unblocked "
                    + mac + " (ACL " + acl + " rule " + ids.stream().map(RuleId::toString).reduce((a, b) -> a + ", " + b).orElse("")
                    + " removed, saved)");
        });
    }

    private UnblockOutcome unblockBlackhole(ComwareSwitch sw, Mac mac, long t0) {
        return sw.batch(batch -> {
            List<MacTableEntry> entries = batch.blackholes().stream().filter(e -> e.mac().equals(mac)).toList();
            if (entries.isEmpty()) {
                site.store.recordUnblock(site.endpoint, mac.toString(), BlockMode.BLACKHOLE.label(), site.clock.instant());
                return new UnblockOutcome(mac, false, List.of(), batch.commandsSent(), since(t0),
                        mac + " is not a blackhole entry; nothing changed");
            }
            batch.apply(entries.stream().map(e -> (SwitchChange) new SwitchChange.RemoveBlackhole(mac, new VlanId(e.vlan()))).toList());
            site.store.recordUnblock(site.endpoint, mac.toString(), BlockMode.BLACKHOLE.label(), site.clock.instant());
            saveAfterChange(batch, "unblocked " + mac);
            return new UnblockOutcome(mac, true, List.of(), batch.commandsSent(), since(t0), "unblocked " + mac + " (blackhole removed, saved)");
        });
    }

    /** Applies the ACL inbound on each interface (the explicit "install ACL" step), then saves. */
    private InstallOutcome install(List<InterfaceName> interfaces) {
        if (interfaces.isEmpty()) {
            throw new BadInput("interface", "name at least one interface (--interface NAME)");
        }
        ComwareSwitch sw = site.cli();
        Instant start = site.clock.instant();
        long t0 = System.nanoTime();
        var acl = site.acl;
        List<String> names = interfaces.stream().map(InterfaceName::toString).toList();
        String target = String.join(",", names);
        site.changes.lock();
        try {
            InstallOutcome out = sw.batch(batch -> {
                batch.apply(interfaces.stream().map(i -> (SwitchChange) new SwitchChange.FilterInbound(acl, i)).toList());
                batch.save();
                return new InstallOutcome(acl.value(), names, batch.commandsSent(), since(t0));
            });
            names.forEach(i -> site.store.recordAclInstall(site.endpoint, acl.value(), i, site.clock.instant()));
            site.actions.append(start, "switch-install-acl", target, "packet-filter mac " + acl + " inbound on " + site.endpoint, "ok");
            return out;
        } catch (GatehouseException e) {
            site.actions.append(start, "switch-install-acl", target, "packet-filter mac " + acl + " inbound on " + site.endpoint,
                    "failed: " + e.getMessage());
            throw e;
        } finally {
            site.changes.unlock();
        }
    }

    /**
     * The switch half of "deny and block" for the decision flow: configured when the CLI (SSH) is,
     * since only the CLI can block. What Gatehouse blocked is known from the cache, so lifting a
     * block that was never made opens no session.
     */
    MacBlocker asMacBlocker() {
        return new MacBlocker() {
            @Override
            public boolean configured() {
                return site.cli != null;
            }

            @Override
            public boolean blockRecorded(Mac mac) {
                return site.blockRecorded(mac);
            }

            @Override
            public String block(Mac mac, String note) {
                return SwitchBlocking.this.block(mac, note).message();
            }

            @Override
            public String unblock(Mac mac) {
                return SwitchBlocking.this.unblock(mac).message();
            }
        };
    }

    private String detail(BlockOutcome out, String note) {
        String where = out.rule() != null ? "ACL " + out.acl() + " rule " + out.rule() : "blackhole VLAN " + out.vlans();
        return where + " on " + site.endpoint + (note == null || note.isBlank() ? "" : ", note: " + note);
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
