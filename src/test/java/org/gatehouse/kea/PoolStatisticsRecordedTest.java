package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.PoolService;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Kea 2.4's per-pool statistics (the recorded {@code statistic-get-all} of Stork's demo): a pool
 * Kea can name alone takes Kea's {@code assigned-addresses} (its newest sample); pools Kea sums
 * under {@code pool[0]} (several without a pool-id) are counted from the leases instead.
 */
class PoolStatisticsRecordedTest {
    private final KeaJson json = new KeaJson();

    private Map<String, Long> recorded() throws IOException {
        JsonNode file = json.read(Files.readString(SharedData.keaResponse("kea-2.4/statistic-get-all.json")));
        String reply = json.write(file.get("response"));
        KeaTransport replay = new KeaTransport() {
            @Override
            public String describe() {
                return "recorded statistic-get-all";
            }

            @Override
            public boolean wantsService() {
                return true;
            }

            @Override
            public String exchange(String request, Duration timeout) {
                return reply;
            }
        };
        return new KeaClient(replay, json, Duration.ofSeconds(1)).execute(new PoolStatistics.StatisticGetAll());
    }

    private KeaConfig config(String pools) throws IOException {
        return KeaConfig.parse(json.read("{\"Dhcp4\": {\"subnet4\": [{\"id\": 1, \"subnet\": \"192.0.2.0/24\", \"pools\": [" + pools + "]}]}}"));
    }

    @Test
    void aPoolKeaNamesAloneTakesKeasNewestFigure() throws IOException {
        Map<String, Long> stats = recorded();
        assertThat(stats).containsEntry("subnet[1].pool[0].assigned-addresses", 2L); // newest of [[2, …], [1, …]]
        KeaConfig one = config("{\"pool\": \"192.0.2.10 - 192.0.2.109\"}");
        assertThat(PoolStatistics.usable(one)).isTrue();
        List<PoolService.PoolUsage> pools = PoolService.usage(one, List.of(), PoolStatistics.assigned(one, stats));
        assertThat(pools).singleElement().satisfies(p -> {
            assertThat(p.used()).isEqualTo(2);
            assertThat(p.size()).isEqualTo(100);
        });
    }

    @Test
    void poolsKeaSumsUnderPoolZeroAreCountedFromTheLeases() throws IOException {
        KeaConfig two = config("{\"pool\": \"192.0.2.10 - 192.0.2.109\"}, {\"pool\": \"192.0.2.110 - 192.0.2.119\"}");
        assertThat(PoolStatistics.usable(two)).isFalse();
        Lease l = new Lease(Ipv4.parse("192.0.2.111"), Mac.parse("02:00:00:00:00:01"), "x", 1, LeaseState.DEFAULT, 0, 600);
        List<PoolService.PoolUsage> pools = PoolService.usage(two, List.of(l), PoolStatistics.assigned(two, recorded()));
        assertThat(pools).extracting(PoolService.PoolUsage::used).containsExactly(0L, 1L);

        KeaConfig ids = config("{\"pool\": \"192.0.2.10 - 192.0.2.109\", \"pool-id\": 7}, {\"pool\": \"192.0.2.110 - 192.0.2.119\"}");
        assertThat(PoolStatistics.usable(ids)).isTrue(); // pool-id 7, and pool[0] is the other alone
        assertThat(PoolStatistics.assigned(ids, Map.of("subnet[1].pool[7].assigned-addresses", 40L,
                "subnet[1].pool[0].assigned-addresses", 3L))).containsEntry("1/0", 40L).containsEntry("1/1", 3L);
    }
}
