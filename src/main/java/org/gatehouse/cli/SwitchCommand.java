package org.gatehouse.cli;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.SwitchBlocking;
import org.gatehouse.policy.SwitchInputCheck;
import org.gatehouse.policy.SwitchLocating;
import org.gatehouse.policy.SwitchPlace;
import org.gatehouse.policy.SwitchReconciling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse switch locate|block|unblock|blocked|install-acl|macs|vlans}: the HP 5130 / Comware 7 switch. */
@Command(name = "switch", description = "Block MACs on the switch (SSH, MAC ACL) and find where a device is plugged in (SNMP).",
        subcommands = {SwitchCommand.Locate.class, SwitchCommand.Block.class, SwitchCommand.Unblock.class, SwitchCommand.Blocked.class,
                SwitchCommand.InstallAcl.class, SwitchCommand.Macs.class, SwitchCommand.Vlans.class})
final class SwitchCommand {

    static Map<String, Object> locationJson(SwitchPlace e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mac", e.mac().toString());
        m.put("vlan", e.vlan());
        m.put("bridgePort", e.bridgePort());
        m.put("ifIndex", e.ifIndex());
        m.put("port", e.port());
        return m;
    }

    static List<String> locationRow(SwitchPlace e, String vendor) {
        return List.of(e.mac().toString(), e.port() == null ? "" : e.port(), e.vlan() == null ? "" : e.vlan().toString(),
                e.bridgePort() == null ? "" : e.bridgePort().toString(), e.ifIndex() == null ? "" : e.ifIndex().toString(),
                vendor == null ? "" : vendor, e.source());
    }

    static final List<String> LOCATION_HEADERS = List.of("MAC", "PORT", "VLAN", "BRIDGE-PORT", "IFINDEX", "VENDOR", "FROM");

    @Command(name = "locate", description = "Port (long ifName), VLAN and bridge port where the switch learned MAC (SNMP; CLI fallback).")
    static final class Locate extends ConnectedCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        Locate(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            Mac m = SwitchInputCheck.mac(mac);
            try (Backend.SwitchSession s = backend.connectSwitch(options())) {
                SwitchLocating.LocateOutcome out = s.switches().locating().locate(m);
                if (out.snmpProblem() != null) {
                    err().println("gatehouse: warning: SNMP did not answer (" + out.snmpProblem() + "); asked the CLI instead");
                    err().flush();
                }
                if (out.found().isEmpty()) {
                    if (options().format() == OutputFormat.JSON) {
                        printer().json(null);
                    } else {
                        printer().line("the switch has not learned " + m + " (not connected, or silent for longer than the aging time)");
                    }
                    return 1;
                }
                if (options().format() == OutputFormat.JSON) {
                    printer().json(locationJson(out.found().get(0)));
                } else {
                    printer().rows(options().format(), LOCATION_HEADERS, out.found().stream().map(e -> locationRow(e, out.vendor())).toList());
                }
                return 0;
            }
        }
    }

    @Command(name = "block", description = "Deny MAC in the switch's MAC ACL (rule chosen not to collide), saved with save force.")
    static final class Block extends ConnectedCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        @Option(names = "--note", paramLabel = "TEXT", description = "why (kept in the local cache, never sent to the switch)")
        String note;

        @Option(names = "--vlan", paramLabel = "ID", description = "blackhole mode: the VLAN (default: where the switch learned MAC)")
        String vlan;

        Block(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            Mac m = SwitchInputCheck.mac(mac);
            SwitchInputCheck.vlan(vlan);
            try (Backend.SwitchSession s = backend.connectSwitch(options())) {
                SwitchBlocking.BlockOutcome out = s.switches().blocking().block(mac, note, vlan);
                if (options().format() == OutputFormat.JSON) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("mac", m.toString());
                    j.put("acl", out.acl());
                    j.put("rule", out.rule());
                    j.put("changed", out.changed());
                    j.put("message", out.message());
                    printer().json(j);
                } else {
                    printer().line(out.message());
                }
                return 0;
            }
        }
    }

    @Command(name = "unblock", description = "Remove Gatehouse's deny rule for MAC, saved with save force.")
    static final class Unblock extends ConnectedCommand {
        @Parameters(paramLabel = "MAC")
        String mac;

        Unblock(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            Mac m = SwitchInputCheck.mac(mac);
            try (Backend.SwitchSession s = backend.connectSwitch(options())) {
                SwitchBlocking.UnblockOutcome out = s.switches().blocking().unblock(m);
                if (options().format() == OutputFormat.JSON) {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("mac", m.toString());
                    j.put("rules", out.rules());
                    j.put("changed", out.changed());
                    j.put("message", out.message());
                    printer().json(j);
                } else {
                    printer().line(out.message());
                }
                return 0;
            }
        }
    }

    @Command(name = "blocked", description = "The deny rules in the ACL, read from the switch, with what the local cache knows of them.")
    static final class Blocked extends ConnectedCommand {
        Blocked(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.SwitchSession s = backend.connectSwitch(options())) {
                SwitchReconciling.BlockedList list = s.switches().reconciling().blocked();
                if (options().format() == OutputFormat.JSON) {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (SwitchReconciling.BlockedEntry e : list.onSwitch()) {
                        Map<String, Object> j = new LinkedHashMap<>();
                        j.put("mac", e.mac() == null ? null : e.mac().toString());
                        j.put("acl", e.acl());
                        j.put("rule", e.rule());
                        j.put("ours", e.ours());
                        out.add(j);
                    }
                    printer().json(out);
                } else {
                    List<List<String>> rows = new ArrayList<>();
                    for (SwitchReconciling.BlockedEntry e : list.entries()) {
                        rows.add(List.of(e.mac() == null ? e.switchText() : e.mac().toString(), e.acl() == null ? "" : e.acl().toString(),
                                e.rule() == null ? (e.vlan() == null ? "" : "vlan " + e.vlan()) : e.rule().toString(), e.ours() ? "yes" : "no",
                                switch (e.presence()) {
                                    case BOTH -> "on switch";
                                    case SWITCH_ONLY -> "on switch, unknown here";
                                    case CACHE_ONLY -> "NOT on switch";
                                },
                                e.when() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(e.when()), e.by() == null ? "" : e.by(),
                                e.vendor() == null ? "" : e.vendor(), e.note() == null ? "" : e.note()));
                    }
                    printer().rows(options().format(), List.of("MAC", "ACL", "RULE", "OURS", "STATE", "WHEN", "BY", "VENDOR", "NOTE"), rows);
                }
                // shown, never fixed: the admin decides
                for (String d : list.discrepancies()) {
                    err().println("gatehouse: warning: " + d);
                }
                err().flush();
                return 0;
            }
        }
    }

    @Command(name = "install-acl", description = "Apply the ACL inbound (packet-filter mac N inbound) on these interfaces, then save.")
    static final class InstallAcl extends ConnectedCommand {
        @Option(names = "--interface", paramLabel = "NAME", required = true,
                description = "e.g. GigabitEthernet1/0/3, GE1/0/3, BAGG1, Vlan-interface40 (repeatable)")
        List<String> interfaces;

        InstallAcl(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            List<String> names = SwitchInputCheck.interfaces(interfaces);
            try (Backend.SwitchSession s = backend.connectSwitch(options())) {
                SwitchBlocking.InstallOutcome out = s.switches().blocking().installAcl(names);
                printer().line("ACL " + out.acl() + " applied inbound on " + String.join(", ", names)
                        + " (saved)");
                return 0;
            }
        }
    }

    @Command(name = "macs", description = "Every MAC the switch learned on one port (SNMP).")
    static final class Macs extends ConnectedCommand {
        @Option(names = "--interface", paramLabel = "NAME", required = true)
        String port;

        Macs(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            String name = SwitchInputCheck.iface(port);
            try (Backend.SwitchSession s = backend.connectSwitch(options())) {
                List<SwitchPlace> macs = s.switches().locating().macsOn(name);
                if (options().format() == OutputFormat.JSON) {
                    printer().json(macs.stream().map(SwitchCommand::locationJson).toList());
                } else {
                    printer().rows(options().format(), LOCATION_HEADERS,
                            macs.stream().map(e -> locationRow(e, s.switches().locating().vendor(e.mac()))).toList());
                }
                return 0;
            }
        }
    }

    @Command(name = "vlans", description = "VLAN ids and names (SNMP).")
    static final class Vlans extends ConnectedCommand {
        Vlans(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.SwitchSession s = backend.connectSwitch(options())) {
                Map<Integer, String> names = s.switches().locating().vlanNames();
                if (options().format() == OutputFormat.JSON) {
                    List<Map<String, Object>> out = new ArrayList<>();
                    names.forEach((id, n) -> {
                        Map<String, Object> j = new LinkedHashMap<>();
                        j.put("vlan", id);
                        j.put("name", n);
                        out.add(j);
                    });
                    printer().json(out);
                } else {
                    printer().rows(options().format(), List.of("VLAN", "NAME"),
                            names.entrySet().stream().map(e -> List.of(e.getKey().toString(), e.getValue())).toList());
                }
                return 0;
            }
        }
    }
}
