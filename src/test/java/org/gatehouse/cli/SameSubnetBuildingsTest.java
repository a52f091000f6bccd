package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two independent kea-dhcp4 2.2 (no HA hook), one per building, that both serve 192.168.40.0/24
 * and hand out the same address to different devices: each device is listed and queued with its
 * own server, never folded into the other building's row.
 */
@Tag("kea")
class SameSubnetBuildingsTest {
    @RegisterExtension
    static KeaServer building1 = new KeaServer();
    @RegisterExtension
    static KeaServer building2 = new KeaServer();

    private final KeaJson json = new KeaJson();

    @TempDir
    Path dir;

    @BeforeEach
    void noLeases() {
        building1.wipeLeases();
        building2.wipeLeases();
    }

    private CliRun gh(String... args) {
        List<String> all = new ArrayList<>(List.of("--kea", building1.endpoint(), "--kea", building2.endpoint()));
        all.addAll(List.of(args));
        return CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c.db").toString()), all.toArray(String[]::new));
    }

    @Test
    void theSameAddressInTwoBuildingsIsTwoRowsEachNamingItsServerAndBothDevicesAreQueued() throws Exception {
        String ip = "192.168.40.150";
        building1.addLease(150, "02:00:00:16:aa:01", "laptop-haus-a", 3600);
        building2.addLease(150, "02:00:00:16:bb:02", "gast-haus-b", 3600);

        CliRun list = gh("leases", "list", "--format", "json");
        assertThat(list.exit()).as(list.out() + list.err()).isZero();
        List<JsonNode> rows = new ArrayList<>();
        json.read(list.out()).forEach(r -> {
            if (r.toString().contains(ip)) {
                rows.add(r);
            }
        });
        assertThat(rows).as(list.out()).hasSize(2);
        assertThat(rows.get(0).toString()).contains("02:00:00:16:aa:01").contains("server1").doesNotContain("server2");
        assertThat(rows.get(1).toString()).contains("02:00:00:16:bb:02").contains("server2").doesNotContain("server1");
        assertThat(list.out()).doesNotContain("has MAC");

        CliRun table = gh("leases", "list");
        assertThat(table.out()).as(table.out()).contains("02:00:00:16:aa:01").contains("02:00:00:16:bb:02");

        CliRun queue = gh("queue", "list");
        assertThat(queue.exit()).as(queue.out() + queue.err()).isZero();
        assertThat(queue.out()).contains("02:00:00:16:bb:02").contains("02:00:00:16:aa:01");
    }
}
