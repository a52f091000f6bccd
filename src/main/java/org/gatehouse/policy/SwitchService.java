package org.gatehouse.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.GatehouseException;
import org.gatehouse.model.Mac;
import org.gatehouse.store.ActionLog;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclNumber;
import org.gatehouse.sw.AclRule;
import org.gatehouse.sw.AclView;
import org.gatehouse.sw.CliCommand;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.FdbEntry;
import org.gatehouse.sw.InterfaceName;
import org.gatehouse.sw.MacTableEntry;
import org.gatehouse.sw.RuleId;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.sw.SwitchChange;
import org.gatehouse.sw.SwitchFailure;
import org.gatehouse.sw.SwitchInput;
import org.gatehouse.sw.VlanId;

/**
 * Blocking, unblocking and locating devices on the switch, with every action written to the
 * action log and what Gatehouse did kept in the cache. The switch is the truth: {@link #blocked()}
 * reads it and shows where it and the cache disagree, never "fixing" either silently.
 * This is the API the Leases and Queue screens use for "Where is this device?" and "Deny and block".
 */
public final class SwitchService {
    /** Gatehouse's rules start here, far above the ids Comware numbers hand-made rules with (0, 5, 10, …). */
    public static final int FIRST_RULE_ID = 50000;

    /** How a MAC is blocked: a deny rule in the MAC ACL, or a blackhole MAC-table entry in its VLAN. */
    public enum BlockMode {
        ACL, BLACKHOLE;

        public static BlockMode parse(String s) {
            if (s == null || s.isBlank()) {
                return ACL;
            }
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "acl" -> ACL;
                case "blackhole" -> BLACKHOLE;
                default -> throw new BadInput("block mode", "'" + s + "' is neither acl nor blackhole");
            };
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public record BlockOutcome(Mac mac, boolean changed, BlockMode mode, AclNumber acl, RuleId rule, List<VlanId> vlans, boolean ours,
                               int commands, Duration took, String message) {
    }

    public record UnblockOutcome(Mac mac, boolean changed, List<RuleId> rules, int commands, Duration took, String message) {
    }

    /** Where a block is known: on the switch and in the cache, only on the switch, or only in the cache. */
    public enum Presence {
        BOTH, SWITCH_ONLY, CACHE_ONLY
    }

    /**
     * One blocked MAC. {@code mac} is null for deny rules that match more than one address;
     * {@code ours} is true when Gatehouse made this rule (the cache says so and the rule still matches).
     */
    public record BlockedEntry(Mac mac, AclNumber acl, RuleId rule, VlanId vlan, boolean ours, Presence presence, String vendor,
                               Instant when, String by, String note, String switchText) {
        /** Plain numbers for screens (which must not depend on the switch layer's types). */
        public Integer aclNumber() {
            return acl == null ? null : acl.value();
        }

        public Integer ruleNumber() {
            return rule == null ? null : rule.value();
        }

        public Integer vlanNumber() {
            return vlan == null ? null : vlan.value();
        }
    }

    public record BlockedList(String endpoint, Instant readAt, BlockMode mode, List<BlockedEntry> entries) {
        public List<BlockedEntry> onSwitch() {
            return entries.stream().filter(e -> e.presence() != Presence.CACHE_ONLY).toList();
        }

        /** Human sentences for every disagreement between the switch and the cache. */
        public List<String> discrepancies() {
            List<String> out = new ArrayList<>();
            for (BlockedEntry e : entries) {
                if (e.presence() == Presence.CACHE_ONLY) {
                    out.add(e.mac() + " is blocked here (" + where(e) + ", " + e.when() + ") but NOT on the switch");
                } else if (e.presence() == Presence.SWITCH_ONLY && e.mac() != null) {
                    out.add(e.mac() + " is blocked on the switch (" + where(e) + ") but unknown here (added by hand?)");
                }
            }
            return out;
        }

        private static String where(BlockedEntry e) {
            return e.rule() != null ? "ACL " + e.acl() + " rule " + e.rule() : "blackhole VLAN " + e.vlan();
        }
    }

    public record InstallOutcome(AclNumber acl, List<InterfaceName> interfaces, int commands, Duration took) {
    }

    /** Where a MAC is: {@code via} says which way answered (snmp or cli); {@code snmpProblem} why SNMP did not. */
    public record LocateOutcome(Mac mac, List<FdbEntry> found, String via, String snmpProblem, String vendor) {
        /** One line per place, e.g. "GigabitEthernet1/0/3, VLAN 40 (bridge port 51, ifIndex 118)". */
        public List<String> places() {
            return found.stream().map(e -> (e.port() == null ? "ifIndex " + e.ifIndex() : e.port())
                    + (e.vlan() == null ? "" : ", VLAN " + e.vlan())
                    + (e.bridgePort() == null ? "" : " (bridge port " + e.bridgePort() + ", ifIndex " + e.ifIndex() + ")")).toList();
        }
    }

    private final String endpoint;
    private final ComwareSwitch cli;
    private final Supplier<SnmpLocator> snmp;
    private final SwitchStore store;
    private final ActionLog actions;
    private final OuiRegistry oui;
    private final Clock clock;
    private final AclNumber acl;
    private final BlockMode mode;
    /**
     * One change at a time from this console/command: two blocks reading the ACL together would pick
     * the same free rule id, and Comware silently edits an existing rule instead of refusing it.
     */
    private final ReentrantLock changes = new ReentrantLock();

    /**
     * @param cli  the switch over SSH, or null when none is configured
     * @param snmp opens an SNMP locator, or null when SNMP is not configured
     */
    public SwitchService(ComwareSwitch cli, Supplier<SnmpLocator> snmp, SwitchStore store, ActionLog actions, OuiRegistry oui,
                         Clock clock, AclNumber acl, BlockMode mode) {
        this.endpoint = cli == null ? null : cli.endpoint();
        this.cli = cli;
        this.snmp = snmp;
        this.store = store;
        this.actions = actions;
        this.oui = oui;
        this.clock = clock;
        this.acl = acl;
        this.mode = mode;
    }

    /**
     * The switch half of "deny and block" for {@link DecisionService}: configured when the CLI
     * (SSH) is, since only the CLI can block.
     */
    public MacBlocker asMacBlocker() {
        SwitchService self = this;
        return new MacBlocker() {
            @Override
            public boolean configured() {
                return self.sshConfigured();
            }

            @Override
            public String block(Mac mac, String note) {
                return self.block(mac, note).message();
            }

            @Override
            public String unblock(Mac mac) {
                return self.unblock(mac).message();
            }
        };
    }

    public String endpoint() {
        return endpoint;
    }

    public boolean sshConfigured() {
        return cli != null;
    }

    public boolean snmpConfigured() {
        return snmp != null;
    }

    public AclNumber acl() {
        return acl;
    }

    public BlockMode mode() {
        return mode;
    }

    public String vendor(Mac mac) {
        return oui.vendor(mac);
    }

    private ComwareSwitch cli() {
        if (cli == null) {
            throw new BadInput("--switch", "no switch configured (use --switch ssh://user@host[:port] or GATEHOUSE_SWITCH)");
        }
        return cli;
    }

    // --- typed-in text (screens): validated before anything is sent ----------------------------

    public BlockOutcome block(String macText, String note) {
        return block(SwitchInput.mac(macText), note == null || note.isBlank() ? null : note.trim());
    }

    public UnblockOutcome unblock(String macText) {
        return unblock(SwitchInput.mac(macText));
    }

    public LocateOutcome locate(String macText) {
        return locate(SwitchInput.mac(macText));
    }

    /** Interface names separated by commas or blanks, e.g. "GE1/0/1, GE1/0/2 BAGG1". */
    public InstallOutcome installAcl(String interfaceList) {
        List<InterfaceName> names = new ArrayList<>();
        for (String part : (interfaceList == null ? "" : interfaceList).split("[,\\s]+(?=[A-Za-z])|,")) {
            if (!part.isBlank()) {
                names.add(SwitchInput.iface(part.trim()));
            }
        }
        return installAcl(names);
    }

    // --- block -----------------------------------------------------------------------------

    public BlockOutcome block(Mac mac, String note) {
        return block(mac, note, null);
    }

    /** Blocks {@code mac}; a MAC already blocked changes nothing. {@code vlan} is for blackhole mode (else located). */
    public BlockOutcome block(Mac mac, String note, VlanId vlan) {
        ComwareSwitch sw = cli();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        changes.lock();
        try {
            BlockOutcome out = mode == BlockMode.ACL ? blockByAcl(sw, mac, note, t0) : blockByBlackhole(sw, mac, note, vlan, t0);
            actions.append(start, "switch-block", mac.toString(), detail(out.acl(), out.rule(), out.vlans(), note),
                    out.changed() ? "ok" : "unchanged: " + out.message());
            return out;
        } catch (GatehouseException e) {
            actions.append(start, "switch-block", mac.toString(), "on " + endpoint + (note == null ? "" : ", note: " + note),
                    "failed: " + e.getMessage());
            throw e;
        } finally {
            changes.unlock();
        }
    }

    private BlockOutcome blockByAcl(ComwareSwitch sw, Mac mac, String note, long t0) {
        Set<Integer> reservedHere = new HashSet<>();
        store.activeBlocks(endpoint).forEach(b -> {
            if (b.rule() != null && b.acl() != null && b.acl() == acl.value()) {
                reservedHere.add(b.rule());
            }
        });
        return sw.batch(batch -> {
            AclView view = batch.readAcl(acl);
            Optional<AclRule> existing = view.ruleBlocking(mac);
            if (existing.isPresent()) {
                RuleId r = existing.get().id();
                boolean ours = isOurs(mac, r);
                return new BlockOutcome(mac, false, BlockMode.ACL, acl, r, List.of(), ours, batch.commandsSent(), since(t0),
                        mac + " is already blocked by ACL " + acl + " rule " + r + (ours ? "" : " (a rule added by hand)") + "; nothing changed"
                                + notInstalledNote());
            }
            RuleId rule = freeRule(view, reservedHere);
            String ruleLine = CliCommand.ruleDenySourceMac(rule, mac).text();
            Runnable record = () -> store.recordBlock(endpoint, mac.toString(), BlockMode.ACL.label(), acl.value(), rule.value(), null,
                    clock.instant(), note);
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
                throw new SwitchFailure(endpoint, "another writer changed ACL " + acl + " at the same time: rule " + rule
                        + " should deny " + mac + " but is now '" + now + "'; nothing saved, check 'switch blocked' and block again", 1,
                        batch.session().applied(), false, null);
            }
            record.run();
            saveAfterChange(batch, "blocked " + mac + " with ACL " + acl + " rule " + rule);
            return new BlockOutcome(mac, true, BlockMode.ACL, acl, rule, List.of(), true, batch.commandsSent(), since(t0),
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
            throw new SwitchFailure(endpoint, done + ", in effect but NOT saved (lost if the switch reboots; run 'save force' on it): "
                    + f.getMessage(), f.exitCode(), List.of(), false, f);
        }
    }

    /** Deny rules do nothing until the ACL is applied to an interface: say so while no install is known. */
    private String notInstalledNote() {
        return installedInterfaces().isEmpty()
                ? " — ACL " + acl + " is not applied on any interface yet (run switch install-acl)" : "";
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
            for (FdbEntry e : locate(mac).found()) {
                if (e.vlan() != null && !vlans.contains(new VlanId(e.vlan()))) {
                    vlans.add(new VlanId(e.vlan()));
                }
            }
            if (vlans.isEmpty()) {
                throw new BadInput("VLAN", "the switch has not learned " + mac + " in any VLAN; give the VLAN to blackhole it in");
            }
        }
        return sw.batch(batch -> {
            Set<Integer> present = new HashSet<>();
            batch.blackholes().stream().filter(e -> e.mac().equals(mac)).forEach(e -> present.add(e.vlan()));
            List<VlanId> missing = vlans.stream().filter(v -> !present.contains(v.value())).toList();
            if (missing.isEmpty()) {
                return new BlockOutcome(mac, false, BlockMode.BLACKHOLE, null, null, vlans, true, batch.commandsSent(), since(t0),
                        mac + " is already a blackhole entry in VLAN " + vlans + "; nothing changed");
            }
            try {
                batch.apply(missing.stream().map(v -> (SwitchChange) new SwitchChange.Blackhole(mac, v)).toList());
            } catch (SwitchFailure f) {
                for (VlanId v : missing) {
                    if (f.applied().contains(CliCommand.macAddressBlackhole(mac, v).text())) {
                        store.recordBlock(endpoint, mac.toString(), BlockMode.BLACKHOLE.label(), null, null, v.value(), clock.instant(), note);
                    }
                }
                throw f;
            }
            for (VlanId v : missing) {
                store.recordBlock(endpoint, mac.toString(), BlockMode.BLACKHOLE.label(), null, null, v.value(), clock.instant(), note);
            }
            saveAfterChange(batch, "blocked " + mac + " as a blackhole entry in VLAN " + missing);
            return new BlockOutcome(mac, true, BlockMode.BLACKHOLE, null, null, missing, true, batch.commandsSent(), since(t0),
                    "blocked " + mac + " as a blackhole entry in VLAN " + missing + " (saved)");
        });
    }

    // --- unblock ---------------------------------------------------------------------------

    /** Lifts Gatehouse's block of {@code mac}; not blocked changes nothing; a rule added by hand is left alone (refused). */
    public UnblockOutcome unblock(Mac mac) {
        ComwareSwitch sw = cli();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        changes.lock();
        try {
            UnblockOutcome out = mode == BlockMode.ACL ? unblockAcl(sw, mac, t0) : unblockBlackhole(sw, mac, t0);
            actions.append(start, "switch-unblock", mac.toString(), "on " + endpoint + (out.rules().isEmpty() ? "" : " ACL " + acl
                    + " rule " + out.rules()), out.changed() ? "ok" : "unchanged: " + out.message());
            return out;
        } catch (GatehouseException e) {
            actions.append(start, "switch-unblock", mac.toString(), "on " + endpoint, "failed: " + e.getMessage());
            throw e;
        } finally {
            changes.unlock();
        }
    }

    private UnblockOutcome unblockAcl(ComwareSwitch sw, Mac mac, long t0) {
        return sw.batch(batch -> {
            AclView view = batch.readAcl(acl);
            List<AclRule> rules = view.rules().stream().filter(r -> r.blocks(mac)).toList();
            if (rules.isEmpty()) {
                int stale = store.recordUnblock(endpoint, mac.toString(), BlockMode.ACL.label(), clock.instant());
                return new UnblockOutcome(mac, false, List.of(), batch.commandsSent(), since(t0), mac + " is not blocked in ACL " + acl
                        + "; nothing changed" + (stale > 0 ? " (the cache still had it blocked: now marked lifted)" : ""));
            }
            List<RuleId> handMade = rules.stream().map(AclRule::id).filter(r -> !isOurs(mac, r)).toList();
            if (!handMade.isEmpty()) {
                throw new SwitchFailure(endpoint, mac + " is blocked by ACL " + acl + " rule " + handMade
                        + ", which Gatehouse did not add; remove it on the switch if that is intended", 1);
            }
            List<RuleId> ids = rules.stream().map(AclRule::id).toList();
            batch.apply(ids.stream().map(r -> (SwitchChange) new SwitchChange.RemoveRule(acl, r)).toList());
            store.recordUnblock(endpoint, mac.toString(), BlockMode.ACL.label(), clock.instant());
            saveAfterChange(batch, "unblocked " + mac);
            return new UnblockOutcome(mac, true, ids, batch.commandsSent(), since(t0), "unblocked " + mac + " (ACL " + acl + " rule "
                    + ids.stream().map(RuleId::toString).reduce((a, b) -> a + ", " + b).orElse("") + " removed, saved)");
        });
    }

    private UnblockOutcome unblockBlackhole(ComwareSwitch sw, Mac mac, long t0) {
        return sw.batch(batch -> {
            List<MacTableEntry> entries = batch.blackholes().stream().filter(e -> e.mac().equals(mac)).toList();
            if (entries.isEmpty()) {
                store.recordUnblock(endpoint, mac.toString(), BlockMode.BLACKHOLE.label(), clock.instant());
                return new UnblockOutcome(mac, false, List.of(), batch.commandsSent(), since(t0),
                        mac + " is not a blackhole entry; nothing changed");
            }
            batch.apply(entries.stream().map(e -> (SwitchChange) new SwitchChange.RemoveBlackhole(mac, new VlanId(e.vlan()))).toList());
            store.recordUnblock(endpoint, mac.toString(), BlockMode.BLACKHOLE.label(), clock.instant());
            saveAfterChange(batch, "unblocked " + mac);
            return new UnblockOutcome(mac, true, List.of(), batch.commandsSent(), since(t0), "unblocked " + mac + " (blackhole removed, saved)");
        });
    }

    // --- blocked ---------------------------------------------------------------------------

    /** The deny rules (or blackhole entries) on the switch, reconciled with what the cache says Gatehouse did. */
    public BlockedList blocked() {
        ComwareSwitch sw = cli();
        Instant at = clock.instant();
        List<SwitchStore.Block> cached = store.activeBlocks(endpoint).stream()
                .filter(b -> b.mode().equals(mode.label()) && (mode != BlockMode.ACL || b.acl() != null && b.acl() == acl.value())).toList();
        List<BlockedEntry> entries = new ArrayList<>();
        Set<Long> matched = new HashSet<>();
        if (mode == BlockMode.ACL) {
            AclView view = sw.batch(b -> b.readAcl(acl));
            for (AclRule r : view.rules()) {
                if (!r.deny()) {
                    continue;
                }
                Optional<SwitchStore.Block> mine = cached.stream()
                        .filter(b -> r.sourceMac() != null && b.mac().equals(r.sourceMac().toString()) && b.rule() == r.id().value()).findFirst();
                mine.ifPresent(b -> matched.add(b.id()));
                entries.add(new BlockedEntry(r.sourceMac(), acl, r.id(), null, mine.isPresent(),
                        mine.isPresent() ? Presence.BOTH : Presence.SWITCH_ONLY, r.sourceMac() == null ? null : oui.vendor(r.sourceMac()),
                        mine.map(SwitchStore.Block::at).orElse(null), mine.map(SwitchStore.Block::by).orElse(null),
                        mine.map(SwitchStore.Block::note).orElse(null), r.text()));
            }
        } else {
            List<MacTableEntry> holes = sw.batch(ComwareSwitch.Batch::blackholes);
            for (MacTableEntry h : holes) {
                Optional<SwitchStore.Block> mine = cached.stream()
                        .filter(b -> b.mac().equals(h.mac().toString()) && b.vlan() != null && b.vlan() == h.vlan()).findFirst();
                mine.ifPresent(b -> matched.add(b.id()));
                entries.add(new BlockedEntry(h.mac(), null, null, new VlanId(h.vlan()), mine.isPresent(),
                        mine.isPresent() ? Presence.BOTH : Presence.SWITCH_ONLY, oui.vendor(h.mac()),
                        mine.map(SwitchStore.Block::at).orElse(null), mine.map(SwitchStore.Block::by).orElse(null),
                        mine.map(SwitchStore.Block::note).orElse(null), "mac-address blackhole " + h.mac().toComware() + " vlan " + h.vlan()));
            }
        }
        for (SwitchStore.Block b : cached) {
            if (!matched.contains(b.id())) {
                Mac m = Mac.parse(b.mac());
                entries.add(new BlockedEntry(m, b.acl() == null ? null : new AclNumber(b.acl()), b.rule() == null ? null : new RuleId(b.rule()),
                        b.vlan() == null ? null : new VlanId(b.vlan()), true, Presence.CACHE_ONLY, oui.vendor(m), b.at(), b.by(), b.note(), null));
            }
        }
        BlockedList list = new BlockedList(endpoint, at, mode, entries);
        actions.append(at, "switch-blocked", endpoint, list.onSwitch().size() + " on the switch, " + list.discrepancies().size()
                + " disagreement(s) with the cache", "ok");
        return list;
    }

    // --- install ---------------------------------------------------------------------------

    /** Applies the ACL inbound on each interface (the explicit "install ACL" step), then saves. */
    public InstallOutcome installAcl(List<InterfaceName> interfaces) {
        if (interfaces.isEmpty()) {
            throw new BadInput("interface", "name at least one interface (--interface NAME)");
        }
        ComwareSwitch sw = cli();
        Instant start = clock.instant();
        long t0 = System.nanoTime();
        String target = interfaces.stream().map(InterfaceName::toString).reduce((a, b) -> a + "," + b).orElse("");
        changes.lock();
        try {
            InstallOutcome out = sw.batch(batch -> {
                batch.apply(interfaces.stream().map(i -> (SwitchChange) new SwitchChange.FilterInbound(acl, i)).toList());
                batch.save();
                return new InstallOutcome(acl, interfaces, batch.commandsSent(), since(t0));
            });
            interfaces.forEach(i -> store.recordAclInstall(endpoint, acl.value(), i.toString(), clock.instant()));
            actions.append(start, "switch-install-acl", target, "packet-filter mac " + acl + " inbound on " + endpoint, "ok");
            return out;
        } catch (GatehouseException e) {
            actions.append(start, "switch-install-acl", target, "packet-filter mac " + acl + " inbound on " + endpoint,
                    "failed: " + e.getMessage());
            throw e;
        } finally {
            changes.unlock();
        }
    }

    /** Interfaces Gatehouse installed the ACL on (from the cache). */
    public List<String> installedInterfaces() {
        return endpoint == null ? List.of() : store.aclInterfaces(endpoint, acl.value());
    }

    // --- locate ----------------------------------------------------------------------------

    /** SNMP first; over SSH ({@code display mac-address}) when SNMP is not configured or does not answer. */
    public LocateOutcome locate(Mac mac) {
        Instant at = clock.instant();
        String snmpProblem = null;
        LocateOutcome out = null;
        if (snmp != null) {
            try (SnmpLocator l = snmp.get()) {
                out = new LocateOutcome(mac, l.locate(mac), "snmp", null, oui.vendor(mac));
            } catch (GatehouseException e) {
                snmpProblem = e.getMessage();
                if (cli == null) {
                    actions.append(at, "switch-locate", mac.toString(), "snmp", "failed: " + e.getMessage());
                    throw e;
                }
            }
        }
        if (out == null) {
            if (cli == null) {
                throw new BadInput("--snmp", "neither SNMP (--snmp) nor the switch CLI (--switch) is configured");
            }
            try {
                List<MacTableEntry> rows = cli.batch(b -> b.macAddress(mac));
                List<FdbEntry> found = rows.stream().filter(r -> r.mac().equals(mac) && !r.state().equalsIgnoreCase("Blackhole"))
                        .map(r -> new FdbEntry(mac, r.vlan(), null, null,
                                InterfaceName.isValid(r.port()) ? InterfaceName.parse(r.port()).toString() : r.port(), "display mac-address"))
                        .toList();
                out = new LocateOutcome(mac, found, "cli", snmpProblem, oui.vendor(mac));
            } catch (GatehouseException e) {
                actions.append(at, "switch-locate", mac.toString(), "cli" + (snmpProblem == null ? "" : " after snmp: " + snmpProblem),
                        "failed: " + e.getMessage());
                throw e;
            }
        }
        for (FdbEntry e : out.found()) {
            store.recordLocation(new SwitchStore.Location(mac.toString(), at, e.vlan(), e.bridgePort(), e.ifIndex(), e.port(), e.source()));
        }
        actions.append(at, "switch-locate", mac.toString(), "via " + out.via(), out.found().isEmpty() ? "not found"
                : out.found().stream().map(e -> e.port() + (e.vlan() == null ? "" : " VLAN " + e.vlan())).reduce((a, b) -> a + "; " + b).orElse(""));
        return out;
    }

    /** Every MAC the switch learned on one port (SNMP). */
    public List<FdbEntry> macsOn(InterfaceName port) {
        if (snmp == null) {
            throw new BadInput("--snmp", "listing a port's MACs needs SNMP (--snmp udp:host[:port])");
        }
        try (SnmpLocator l = snmp.get()) {
            List<FdbEntry> out = new ArrayList<>(l.macsOn(port));
            out.sort(Comparator.comparing(FdbEntry::mac));
            return out;
        }
    }

    /** VLAN id → name (SNMP). */
    public Map<Integer, String> vlanNames() {
        if (snmp == null) {
            return new LinkedHashMap<>();
        }
        try (SnmpLocator l = snmp.get()) {
            return l.vlanNames();
        }
    }

    // ---------------------------------------------------------------------------------------

    private boolean isOurs(Mac mac, RuleId rule) {
        return store.activeBlocks(endpoint).stream().anyMatch(b -> b.mac().equals(mac.toString()) && b.rule() != null
                && b.rule() == rule.value() && b.acl() != null && b.acl() == acl.value());
    }

    private String detail(AclNumber a, RuleId r, List<VlanId> vlans, String note) {
        String where = r != null ? "ACL " + a + " rule " + r : "blackhole VLAN " + vlans;
        return where + " on " + endpoint + (note == null || note.isBlank() ? "" : ", note: " + note);
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
