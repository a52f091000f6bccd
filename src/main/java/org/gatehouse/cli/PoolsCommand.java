package org.gatehouse.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.PoolHistory;
import org.gatehouse.policy.PoolService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse pools}: size, used, free and level per subnet and tier; with --history, the samples in the cache. */
@Command(name = "pools", description = "Per subnet and tier: size, in use, free, percent, level (warning >= 80 %%, critical >= 95 %%);"
        + " --history: the utilisation samples in the cache (no Kea needed).")
final class PoolsCommand extends ConnectedCommand {

    @Option(names = "--history", description = "the samples the cache holds instead of Kea's current figures: one per minute for"
            + " 2 days, one per hour (average) for 90 days")
    boolean history;

    @Option(names = "--since", paramLabel = "DURATION", description = "with --history: how far back (45s, 30m, 2h, 7d; default 24h)")
    String since;

    @Option(names = "--subnet", paramLabel = "ID", description = "with --history: only this subnet")
    Long subnet;

    PoolsCommand(Backend backend) {
        super(backend);
    }

    @Override
    public Integer call() {
        if (!history) {
            if (since != null || subnet != null) {
                throw new org.gatehouse.model.BadInput("--since/--subnet", "only with --history");
            }
            return current();
        }
        Duration period = since == null ? Duration.ofHours(24) : AgingService.parseDuration(since);
        try (Backend.Local local = backend.local(options())) {
            List<PoolHistory.Sample> samples = local.poolHistory().history(period, subnet);
            if (options().format() == OutputFormat.JSON) {
                printer().json(samples);
            } else {
                printer().rows(options().format(), List.of("AT", "SUBNET", "TIER", "SIZE", "USED", "PERCENT"),
                        samples.stream().map(s -> List.of(s.at(), Long.toString(s.subnetId()), s.tier(), Long.toString(s.size()),
                                Long.toString(s.used()), String.format(Locale.ROOT, "%.1f", s.percent()))).toList());
            }
            return 0;
        }
    }

    private int current() {
        try (Backend.Session s = backend.connect(options())) {
            PoolService.Look look = s.pools().look();
            List<PoolService.PoolUsage> pools = look.pools();
            if (options().format() == OutputFormat.JSON) {
                printer().json(pools);
            } else {
                List<String> headers = new java.util.ArrayList<>(List.of("SUBNET", "PREFIX", "TIER", "FIRST", "LAST", "SIZE", "USED", "FREE",
                        "PERCENT", "LEVEL"));
                boolean several = s.servers().several();
                if (several) {
                    headers.add("SERVERS"); // a pool two HA peers serve is one row naming both; independent servers' pools each name theirs
                }
                printer().rows(options().format(), headers, pools.stream().map(p -> {
                    List<String> row = new java.util.ArrayList<>(List.of(Long.toString(p.subnetId()), p.subnet(), p.tier(), p.first(), p.last(),
                            Long.toString(p.size()), Long.toString(p.used()), Long.toString(p.free()), String.format("%.1f", p.percent()),
                            p.level()));
                    if (several) {
                        row.add(p.servers() == null ? "" : String.join(",", p.servers()));
                    }
                    return row;
                }).toList());
            }
            return missing(look.unreachable());
        }
    }

    /** Several servers, one not read: named on stderr, exit 3 (its pools are missing), as {@code leases list} does. */
    private int missing(List<String> unreachable) {
        if (unreachable.isEmpty()) {
            return 0;
        }
        err().println(Printer.errorLine("pools", String.join("; ", unreachable) + "; its pools are missing from this list"));
        err().flush();
        return 3;
    }
}
