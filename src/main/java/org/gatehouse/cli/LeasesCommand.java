package org.gatehouse.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.BadInput;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Mac;
import org.gatehouse.model.PhaseTimes;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.LeaseExport;
import org.gatehouse.policy.LeaseFilter;
import org.gatehouse.policy.LeaseService;
import org.gatehouse.policy.MergedLeases;
import org.gatehouse.policy.DeviceHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gatehouse leases list|show|release}. */
@Command(name = "leases", description = "Current leases.",
        subcommands = {LeasesCommand.ListLeases.class, LeasesCommand.ShowLease.class, LeasesCommand.ReleaseLease.class})
final class LeasesCommand {

    static final List<String> HEADERS = List.of("IP", "MAC", "HOSTNAME", "SUBNET", "TIER", "STATE", "EXPIRES", "VENDOR");

    static List<String> row(ClassifiedLease cl) {
        Lease l = cl.lease();
        return List.of(l.ip().toString(), l.mac() == null ? "" : l.mac().toString(), l.hostname(), Long.toString(l.subnetId()),
                cl.tier().label(), l.state().label(), l.expires().toString(), cl.vendor() == null ? "" : cl.vendor());
    }

    /** {@code leases} of {@code snap}: CSV is the lease export's (one writer, one header), JSON the contract's objects. */
    static void print(Printer p, OutputFormat format, LeaseService leaseService, LeaseService.LeaseSnapshot snap, List<ClassifiedLease> leases) {
        if (format == OutputFormat.JSON) {
            p.streamed(out -> LeaseExport.writeJsonArray(out, leases));
        } else if (format == OutputFormat.CSV) {
            p.raw(LeaseExport.csv(leaseService.exportRows(snap, leases)));
        } else {
            p.rows(format, HEADERS, leases.stream().map(LeasesCommand::row).toList());
        }
    }

    /** Several servers: one row per lease with the servers holding it, a lease that differs between them flagged; exit 3 if one was unreachable. */
    static int several(ConnectedCommand cmd, MergedLeases.Result r) {
        Printer p = cmd.printer();
        if (cmd.options().format() == OutputFormat.JSON) {
            p.json(r.leases().stream().map(m -> {
                Map<String, Object> o = new LinkedHashMap<>(LeaseExport.json(m.lease()));
                o.put("servers", m.servers());
                o.put("differs", m.difference());
                return o;
            }).toList());
        } else {
            List<String> headers = new ArrayList<>(HEADERS);
            headers.add("SERVERS");
            headers.add("DIFFERS");
            p.rows(cmd.options().format(), headers, r.leases().stream().map(m -> {
                List<String> row = new ArrayList<>(row(m.lease()));
                row.add(String.join(",", m.servers()));
                row.add(m.difference() == null ? "" : "DIFFERS: " + m.difference());
                return row;
            }).toList());
        }
        if (!r.unreachable().isEmpty()) {
            cmd.err().println(Printer.errorLine("leases", String.join("; ", r.unreachable()) + "; its leases are missing from this list"));
            cmd.err().flush();
            return 3;
        }
        return 0;
    }

    @Command(name = "list", description = "All current leases; TEXT matches part of IP, MAC (with separators whole octets), hostname or vendor.")
    static final class ListLeases extends ConnectedCommand {
        @Option(names = "--subnet", paramLabel = "ID", description = "only this subnet id")
        Long subnet;

        @Option(names = "--tier", paramLabel = "T", description = "registered, newly-unregistered, old-unregistered or other")
        String tier;

        @Option(names = "--search", paramLabel = "TEXT", description = "partial match on IP, MAC, hostname or vendor; with separators (0a:1b) a MAC search means whole octets, without (0a1b) any run of hex digits")
        String search;

        ListLeases(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            LeaseFilter filter = new LeaseFilter(search, tier == null ? null : Tier.parse(tier), subnet);
            PhaseTimes times = CommandTimes.start(options());
            Backend.Session s;
            try (PhaseTimes.Running t = times.start("connect: open cache, wire")) {
                s = backend.connect(options());
            }
            try {
                if (s.servers().several()) {
                    return several(this, MergedLeases.read(s.servers(), filter));
                }
                LeaseService.LeaseSnapshot snap = s.leases().fetch(times);
                if (options().format() == OutputFormat.CSV) {
                    // CSV's first and last seen come from the cache: after this list is recorded.
                    try (PhaseTimes.Running t = times.start("record in cache")) {
                        s.leases().record(snap);
                    }
                    try (PhaseTimes.Running t = times.start("output")) {
                        print(printer(), options().format(), s.leases(), snap, snap.filter(filter));
                    }
                    return 0;
                }
                // The list is recorded on a second thread while it is printed; the command ends once it is committed.
                try (BesideOutput recording = BesideOutput.start("gatehouse-record", () -> {
                    try (PhaseTimes.Running t = times.start("record in cache (beside output)")) {
                        s.leases().record(snap);
                    }
                })) {
                    try (PhaseTimes.Running t = times.start("output")) {
                        print(printer(), options().format(), s.leases(), snap, snap.filter(filter));
                    }
                    try (PhaseTimes.Running t = times.start("wait for the record")) {
                        recording.finish();
                    } catch (RuntimeException e) {
                        // The list is already out: say it is whole, and that only the cache missed it (exit code as the cache's error).
                        err().println("gatehouse: the list above is complete (read from Kea); recording it in the cache failed:");
                        throw e;
                    }
                }
            } finally {
                try (PhaseTimes.Running t = times.start("close: cache, Kea")) {
                    s.close();
                }
                CommandTimes.report(times, err());
            }
            return 0;
        }
    }

    @Command(name = "show", description = "One lease (by IP or MAC), plus its history from the local cache.")
    static final class ShowLease extends ConnectedCommand {
        @Parameters(paramLabel = "IP|MAC")
        String key;

        ShowLease(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            if (!Ipv4.isValid(key) && !Mac.isValid(key)) {
                throw new BadInput("IP or MAC", "'" + key + "' is neither an IPv4 address nor a MAC address");
            }
            try (Backend.Session s = backend.connect(options())) {
                LeaseService.LeaseSnapshot snap = s.leases().find(key);
                List<ClassifiedLease> found = snap.leases();
                Mac mac = Mac.isValid(key) ? Mac.parse(key) : found.stream().map(c -> c.lease().mac()).filter(m -> m != null)
                        .findFirst().orElse(null);
                List<DeviceHistory.Change> history = mac == null ? List.of() : s.leases().deviceHistory(mac).changes();
                Printer p = printer();
                if (options().format() == OutputFormat.JSON) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("leases", found.stream().map(LeaseExport::json).toList());
                    m.put("history", history);
                    p.json(m);
                } else {
                    if (found.isEmpty()) {
                        p.line("no current lease for " + key);
                    } else {
                        print(p, options().format(), s.leases(), snap, found);
                    }
                    if (!history.isEmpty() && options().format() == OutputFormat.TABLE) {
                        p.line("");
                        p.line("history (local cache):");
                        List<List<String>> rows = new ArrayList<>();
                        for (DeviceHistory.Change h : history) {
                            rows.add(List.of(h.at().toString(), h.ip(), Long.toString(h.subnetId()), h.tier().label(), h.state(),
                                    h.hostname() == null ? "" : h.hostname()));
                        }
                        p.rows(OutputFormat.TABLE, List.of("SEEN", "IP", "SUBNET", "TIER", "STATE", "HOSTNAME"), rows);
                    }
                }
                return found.isEmpty() ? 1 : 0;
            }
        }
    }

    @Command(name = "release", description = "Delete the lease of IP in Kea.")
    static final class ReleaseLease extends ConnectedCommand {
        @Parameters(paramLabel = "IP")
        String ip;

        ReleaseLease(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            Ipv4 address = Ipv4.parse(ip);
            try (Backend.Session s = backend.connect(options())) {
                if (s.servers().several()) {
                    return FanOutReport.print(this, "lease-release", new org.gatehouse.policy.PeerDecisions(s.servers(), s.offline()).release(address),
                            d -> List.of(d ? "released " + address : "no lease for " + address + "; nothing changed"), d -> d, d -> null);
                }
                boolean deleted = s.leases().release(address);
                printer().line(deleted ? "released " + address : "Kea has no lease for " + address + "; nothing changed");
                return 0;
            }
        }
    }
}
