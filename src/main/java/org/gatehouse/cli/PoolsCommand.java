package org.gatehouse.cli;

import java.util.List;
import org.gatehouse.policy.PoolService;
import picocli.CommandLine.Command;

/** {@code gatehouse pools}: size, used, free and level per subnet and tier. */
@Command(name = "pools", description = "Per subnet and tier: size, in use, free, percent, level (warning >= 80 %%, critical >= 95 %%).")
final class PoolsCommand extends ConnectedCommand {

    PoolsCommand(Backend backend) {
        super(backend);
    }

    @Override
    public Integer call() {
        try (Backend.Session s = backend.connect(options())) {
            List<PoolService.PoolUsage> pools = s.pools().pools();
            if (options().format() == OutputFormat.JSON) {
                printer().json(pools);
            } else {
                printer().rows(options().format(), List.of("SUBNET", "PREFIX", "TIER", "FIRST", "LAST", "SIZE", "USED", "FREE", "PERCENT", "LEVEL"),
                        pools.stream().map(p -> List.of(Long.toString(p.subnetId()), p.subnet(), p.tier(), p.first(), p.last(),
                                Long.toString(p.size()), Long.toString(p.used()), Long.toString(p.free()), String.format("%.1f", p.percent()),
                                p.level())).toList());
            }
            return 0;
        }
    }
}
