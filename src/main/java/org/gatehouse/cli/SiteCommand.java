package org.gatehouse.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.policy.KeaServers;
import org.gatehouse.policy.PeerDrift;
import org.gatehouse.policy.SiteAging;
import org.gatehouse.policy.SiteCheck;
import org.gatehouse.model.SafeText;
import org.gatehouse.policy.SiteGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gatehouse site generate}: a complete three-pool kea-dhcp4 configuration for the guest VLANs. */
@Command(name = "site", description = "The guest site's Kea configuration.", subcommands = {SiteCommand.Generate.class, SiteCommand.Check.class, SiteCommand.Aging.class})
final class SiteCommand {

    /** {@code gatehouse site aging [DURATION]}: shows or sets the site's aging age, kept in Kea's configuration. */
    @Command(name = "aging", description = {"Show or set the site's aging age: how long a device may stay undecided before the console's "
            + "aging pass and `gatehouse sync` move it to old-unregistered. Kept in Kea's configuration "
            + "(Dhcp4 user-context), so every workstation and the service use the same age. With several servers it is set on each "
            + "(exit 3 naming a server that missed it; `gatehouse sync --once` applies it when it is back) and shown per server when they differ."})
    static final class Aging extends ConnectedCommand {
        @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "DURATION", description = "new age, 1s to 30d (e.g. 45s, 30m, 2h, 1d)")
        String duration;

        Aging(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            try (Backend.Session s = backend.connect(options())) {
                if (duration == null) {
                    return show(s.siteAging().perServer());
                }
                SiteAging.Applied a = s.siteAging().apply(duration);
                printer().line("aging age set to " + a.setting().describe());
                a.servers().forEach(line -> printer().line("  " + SafeText.escapeForTerminal(line)));
                if (a.pending() != null) {
                    err().println(Printer.errorLine("site aging", SafeText.escapeForTerminal(a.pending())));
                    err().flush();
                    return 3;
                }
                return 0;
            }
        }

        /** One line when every server holds the same age; else one per server. Exit 3 when a server could not be read. */
        private int show(List<SiteAging.ServerAge> ages) {
            List<String> read = ages.stream().filter(a -> a.setting() != null).map(a -> a.setting().describe()).distinct().toList();
            if (read.size() == 1) {
                printer().line("aging age: " + read.get(0));
            } else if (read.size() > 1) {
                printer().line("aging age differs between servers:");
                ages.stream().filter(a -> a.setting() != null)
                        .forEach(a -> printer().line("  " + SafeText.escapeForTerminal(a.server()) + ": " + a.setting().describe()));
            }
            List<String> unreachable = ages.stream().filter(a -> a.setting() == null).map(SiteAging.ServerAge::unreachable).toList();
            if (unreachable.isEmpty()) {
                return 0;
            }
            err().println(Printer.errorLine("site aging", SafeText.escapeForTerminal(String.join("; ", unreachable))));
            err().flush();
            return 3;
        }
    }

    @Command(name = "generate", description = "Print a complete three-pool kea-dhcp4 configuration for the given guest VLANs.")
    static final class Generate implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--vlan", paramLabel = "ID", required = true, description = "guest VLAN id (= Kea subnet id); repeat, paired with --subnet")
        List<Integer> vlans = new ArrayList<>();

        @Option(names = "--subnet", paramLabel = "CIDR", required = true, description = "the VLAN's /24, e.g. 192.168.40.0/24; repeat")
        List<String> subnets = new ArrayList<>();

        @Option(names = "--portal-dns", paramLabel = "IP", description = "captive portal DNS for the unregistered pools (default: each VLAN's .4)")
        String portalDns;

        @Option(names = "--dns", paramLabel = "IP", description = "public DNS for the registered pool; repeat (default 9.9.9.9 and 1.1.1.1)")
        List<String> dns = new ArrayList<>();

        @Option(names = "--interface", paramLabel = "NAME", description = "interface kea-dhcp4 listens on; repeat (default: none, fill in)")
        List<String> interfaces = new ArrayList<>();

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(SiteGenerator.generate(vlans, subnets, portalDns, dns, interfaces));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "check", description = "Review a Kea configuration (the running one by default, or FILE) for mistakes that break the"
            + " three-pool scheme; exit 1 if any error.")
    static final class Check extends ConnectedCommand {
        @picocli.CommandLine.Parameters(paramLabel = "FILE", arity = "0..1", description = "a kea-dhcp4 configuration file (JSON, comments allowed)")
        java.nio.file.Path file;

        Check(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            List<SiteCheck.Finding> findings;
            String what;
            if (file != null) {
                what = file.toString();
                findings = new SiteCheck().checkFile(file);
            } else {
                try (Backend.Session s = backend.connect(options())) {
                    if (s.servers().several()) {
                        return several(s.servers());
                    }
                    what = "the running configuration of " + s.status().status().endpoint();
                    findings = s.status().siteCheck();
                }
            }
            return print(findings, what);
        }

        /** Several servers: each one's scheme check, then every difference between the peers; exit 3 when one is unreachable. */
        private int several(KeaServers servers) {
            PeerDrift.Report r = PeerDrift.check(servers);
            int code = print(r.findings(), "the running configurations of "
                    + String.join(", ", servers.all().stream().map(KeaServers.Server::name).toList()));
            if (!r.unreachable().isEmpty()) {
                err().println(Printer.errorLine("site check", String.join("; ", r.unreachable()) + "; not compared"));
                err().flush();
                return 3;
            }
            return code;
        }

        private int print(List<SiteCheck.Finding> findings, String what) {
            Printer p = printer();
            if (options().format() == OutputFormat.JSON) {
                p.json(findings);
            } else if (findings.isEmpty()) {
                p.line("no findings in " + what);
            } else {
                p.rows(options().format(), List.of("SEVERITY", "WHERE", "WHAT", "HINT"), findings.stream()
                        .map(f -> List.of(f.severity().name().toLowerCase(java.util.Locale.ROOT), f.where(), f.what(), f.hint())).toList());
            }
            return findings.stream().anyMatch(f -> f.severity() == SiteCheck.Severity.ERROR) ? 1 : 0;
        }
    }
}
