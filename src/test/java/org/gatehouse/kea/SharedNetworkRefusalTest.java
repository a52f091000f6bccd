package org.gatehouse.kea;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.gatehouse.cli.CliRun;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A subnet inside a shared network: reserved classes come too late there (measured), so writes are refused. */
@Tag("kea")
class SharedNetworkRefusalTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer(config -> {
        ObjectNode dhcp4 = (ObjectNode) config.path("Dhcp4");
        ArrayNode subnets = (ArrayNode) dhcp4.remove("subnet4");
        ObjectNode net = dhcp4.putArray("shared-networks").addObject().put("name", "guests");
        net.set("subnet4", subnets);
    });

    @TempDir
    Path dir;

    @Test
    void approveIntoASharedNetworkIsRefusedWithTheReasonAndNothingWritten() {
        kea.addLease(140, "f0:18:98:00:00:8c", "", 60);
        String before = kea.json().write(kea.client().config().raw());
        CliRun r = CliRun.run(Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("c.db").toString()),
                "approve", "f0:18:98:00:00:8c");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("gatehouse: error: reservation: subnet 40 (192.168.40.0/24) is in shared network 'guests'")
                .contains("would not move");
        assertThat(kea.json().write(kea.client().config().raw())).isEqualTo(before);
    }
}
