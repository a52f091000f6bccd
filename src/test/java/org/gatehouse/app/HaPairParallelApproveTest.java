package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.testing.KeaHaPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code gatehouse approve} processes at once against a real kea-dhcp4 2.2 hot-standby
 * pair, each writing both peers one after the other: neither decision is lost on either peer
 * (each server's write lock and lost-update check serialise them), and each peer's file keeps both.
 */
@Tag("kea")
class HaPairParallelApproveTest {
    @TempDir
    Path dir;

    @Test
    void twoApprovesAtOnceBothReachBothPeers() throws Exception {
        try (KeaHaPair pair = KeaHaPair.start()) {
            GatehouseProcess.User user = GatehouseProcess.User.in(dir.resolve("user"));
            // the cache exists first: two first-ever processes racing to create it is another matter (see the report)
            assertThat(user.run(Map.of(), "--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint(), "status").out())
                    .contains("server2:");
            List<String> macs = List.of("02:00:00:16:00:d1", "02:00:00:16:00:e2");
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<GatehouseProcess>> runs = macs.stream().map(mac -> CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return user.run(Map.of(), "--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint(),
                            "approve", mac, "--subnet", "40", "--note", "parallel " + mac.substring(15) + " – Gäste");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            })).toList();
            go.countDown();
            for (CompletableFuture<GatehouseProcess> r : runs) {
                GatehouseProcess p = r.get();
                assertThat(p.exit()).as(p.out() + p.err()).isZero();
                assertThat(p.out()).contains("server1 (").contains("server2 (");
            }
            for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                for (String mac : macs) {
                    assertThat(KeaHaPair.reservation(pair.running(k), mac).path("client-classes").toString())
                            .as(mac + " running on " + k.endpoint()).contains("registered");
                    assertThat(KeaHaPair.reservation(pair.file(k), mac).path("user-context").path("gatehouse").path("note").asText())
                            .as(mac + " in the file of " + k.endpoint()).isEqualTo("parallel " + mac.substring(15) + " – Gäste");
                }
            }
        }
    }
}
