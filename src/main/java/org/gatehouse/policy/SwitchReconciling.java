package org.gatehouse.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatehouse.model.Mac;
import org.gatehouse.store.SwitchStore;
import org.gatehouse.sw.AclRule;
import org.gatehouse.sw.AclView;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.MacTableEntry;

/**
 * The {@code blocked} report: the deny rules (or blackhole entries) on the switch next to what the
 * cache says Gatehouse did. The switch is the truth; disagreements are shown, never "fixed" silently.
 */
public final class SwitchReconciling {

    /** Where a block is known: on the switch and in the cache, only on the switch, or only in the cache. */
    public enum Presence {
        BOTH, SWITCH_ONLY, CACHE_ONLY
    }

    /**
     * One blocked MAC. {@code mac} is null for deny rules that match more than one address;
     * {@code ours} is true when Gatehouse made this rule (the cache says so and the rule still matches).
     */
    public record BlockedEntry(Mac mac, Integer acl, Integer rule, Integer vlan, boolean ours, Presence presence, String vendor,
                               Instant when, String by, String note, String switchText) {
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

    private final SwitchSite site;

    SwitchReconciling(SwitchSite site) {
        this.site = site;
    }

    /** The deny rules (or blackhole entries) on the switch, reconciled with what the cache says Gatehouse did. */
    public BlockedList blocked() {
        ComwareSwitch sw = site.cli();
        Instant at = site.clock.instant();
        int acl = site.acl.value();
        List<SwitchStore.Block> cached = site.store.activeBlocks(site.endpoint).stream()
                .filter(b -> b.mode().equals(site.mode.label()) && (site.mode != BlockMode.ACL || b.acl() != null && b.acl() == acl)).toList();
        List<BlockedEntry> entries = new ArrayList<>();
        Set<Long> matched = new HashSet<>();
        if (site.mode == BlockMode.ACL) {
            AclView view = sw.batch(b -> b.readAcl(site.acl));
            for (AclRule r : view.rules()) {
                if (!r.deny()) {
                    continue;
                }
                Optional<SwitchStore.Block> mine = cached.stream()
                        .filter(b -> r.sourceMac() != null && b.mac().equals(r.sourceMac().toString()) && b.rule() == r.id().value()).findFirst();
                mine.ifPresent(b -> matched.add(b.id()));
                entries.add(entry(r.sourceMac(), acl, r.id().value(), null, mine, r.text()));
            }
        } else {
            List<MacTableEntry> holes = sw.batch(ComwareSwitch.Batch::blackholes);
            for (MacTableEntry h : holes) {
                Optional<SwitchStore.Block> mine = cached.stream()
                        .filter(b -> b.mac().equals(h.mac().toString()) && b.vlan() != null && b.vlan() == h.vlan()).findFirst();
                mine.ifPresent(b -> matched.add(b.id()));
                entries.add(entry(h.mac(), null, null, h.vlan(), mine, "mac-address blackhole " + h.mac().toComware() + " vlan " + h.vlan()));
            }
        }
        for (SwitchStore.Block b : cached) {
            if (!matched.contains(b.id())) {
                Mac m = Mac.parse(b.mac());
                entries.add(new BlockedEntry(m, b.acl(), b.rule(), b.vlan(), true, Presence.CACHE_ONLY, site.oui.vendor(m), b.at(), b.by(),
                        b.note(), null));
            }
        }
        BlockedList list = new BlockedList(site.endpoint, at, site.mode, entries);
        site.actions.append(at, "switch-blocked", site.endpoint, list.onSwitch().size() + " on the switch, " + list.discrepancies().size()
                + " disagreement(s) with the cache", "ok");
        return list;
    }

    private BlockedEntry entry(Mac mac, Integer acl, Integer rule, Integer vlan, Optional<SwitchStore.Block> mine, String text) {
        return new BlockedEntry(mac, acl, rule, vlan, mine.isPresent(), mine.isPresent() ? Presence.BOTH : Presence.SWITCH_ONLY,
                mac == null ? null : site.oui.vendor(mac), mine.map(SwitchStore.Block::at).orElse(null),
                mine.map(SwitchStore.Block::by).orElse(null), mine.map(SwitchStore.Block::note).orElse(null), text);
    }
}
