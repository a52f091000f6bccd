package org.gatehouse.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.Anomalies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse anomalies}: what looked wrong, as found by the console and sync (from the cache). */
@Command(name = "anomalies", description = "What looked wrong (from the cache, no Kea needed): a MAC taking more than 10 leases or renewing"
        + " more than 5 times a minute, a pool reaching warning (80 %%) or critical (95 %%), a burst of new devices in a tier.")
final class AnomaliesCommand extends ConnectedCommand {

    @Option(names = "--since", paramLabel = "DURATION", description = "how far back (45s, 30m, 2h, 7d; default 24h)")
    String since;

    AnomaliesCommand(Backend backend) {
        super(backend);
    }

    @Override
    public Integer call() {
        Duration period = since == null ? Duration.ofHours(24) : AgingService.parseDuration(since);
        try (Backend.Local local = backend.local(options())) {
            Instant now = local.poolHistory().clock().instant();
            List<Anomalies.Anomaly> found = local.poolHistory().anomalies().list(now.minus(period), now.plusSeconds(1));
            if (options().format() == OutputFormat.JSON) {
                printer().json(found);
            } else {
                printer().rows(options().format(), List.of("AT", "KIND", "MAC", "SUBNET", "TIER", "COUNT", "DETAIL"),
                        found.stream().map(a -> List.of(a.at(), a.kind(), a.mac() == null ? "" : a.mac(),
                                a.subnetId() == null ? "" : Long.toString(a.subnetId()), a.tier() == null ? "" : a.tier(),
                                Integer.toString(a.count()), a.detail())).toList());
            }
            return 0;
        }
    }
}
