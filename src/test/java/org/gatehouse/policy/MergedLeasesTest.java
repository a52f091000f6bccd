package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.junit.jupiter.api.Test;

/** The merge rules of {@link MergedLeases}: one row per address, holders named, a different MAC or a far expiry flagged. */
class MergedLeasesTest {
    private static ClassifiedLease lease(String ip, String mac, long cltt) {
        return new ClassifiedLease(new Lease(Ipv4.parse(ip), Mac.parse(mac), "h", 40, LeaseState.DEFAULT, cltt, 3600), Tier.REGISTERED, null);
    }

    @Test
    void oneRowPerAddressWithItsHoldersAndTheDifferences() {
        Map<String, List<ClassifiedLease>> per = new LinkedHashMap<>();
        per.put("server1", List.of(lease("10.0.0.1", "02:00:00:00:00:01", 1000), lease("10.0.0.2", "02:00:00:00:00:02", 1000),
                lease("10.0.0.3", "02:00:00:00:00:03", 1000)));
        per.put("server2", List.of(lease("10.0.0.1", "02:00:00:00:00:01", 1010), lease("10.0.0.2", "02:00:00:00:00:99", 1000),
                lease("10.0.0.3", "02:00:00:00:00:03", 1011), lease("10.0.0.4", "02:00:00:00:00:04", 1000)));
        List<MergedLeases.Merged> m = MergedLeases.merge(per, Duration.ofSeconds(10));
        assertThat(m).extracting(x -> x.lease().lease().ip().toString()).containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4");
        assertThat(m.get(0).servers()).containsExactly("server1", "server2");
        assertThat(m.get(0).difference()).as("10 s apart is within the tolerance").isNull();
        assertThat(m.get(1).difference()).isEqualTo("server2 has MAC 02:00:00:00:00:99 (not 02:00:00:00:00:02)");
        assertThat(m.get(1).lease().lease().mac()).hasToString("02:00:00:00:00:02");
        assertThat(m.get(2).difference()).startsWith("server2 has expiry").contains("11 s apart");
        assertThat(m.get(3).servers()).containsExactly("server2");
    }

    @Test
    void independentServersHoldingTheSameAddressGiveOneRowEachPeersStillOne() {
        Map<String, List<ClassifiedLease>> per = new LinkedHashMap<>();
        per.put("haus-a", List.of(lease("192.168.1.10", "aa:00:00:00:00:01", 1000)));
        per.put("haus-b", List.of(lease("192.168.1.10", "bb:00:00:00:00:02", 1000)));
        per.put("haus-b-standby", List.of(lease("192.168.1.10", "bb:00:00:00:00:03", 1000)));
        Map<String, String> groups = Map.of("haus-a", "haus-a", "haus-b", "haus-b", "haus-b-standby", "haus-b");
        List<MergedLeases.Merged> m = MergedLeases.merge(per, groups, Duration.ofSeconds(10));
        assertThat(m).hasSize(2);
        assertThat(m.get(0).lease().lease().mac()).hasToString("aa:00:00:00:00:01");
        assertThat(m.get(0).servers()).containsExactly("haus-a");
        assertThat(m.get(0).difference()).isNull();
        assertThat(m.get(1).lease().lease().mac()).hasToString("bb:00:00:00:00:02");
        assertThat(m.get(1).servers()).containsExactly("haus-b", "haus-b-standby");
        assertThat(m.get(1).difference()).isEqualTo("haus-b-standby has MAC bb:00:00:00:00:03 (not bb:00:00:00:00:02)");
    }
}
