package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.testing.KeaHaPair;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse status} against two real kea-dhcp4 2.2 in a hot-standby pair on loopback:
 * roles and states of both, then the standby stopped and the warning a user must see.
 * Status exits 0 whenever the server asked is reachable, however unwell its pair is.
 */
@Tag("kea")
class HaPairStatusTest {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    private final KeaJson json = new KeaJson();

    @TempDir
    Path dir;

    private CliRun status(String endpoint, String... format) {
        String[] args = new String[3 + format.length];
        args[0] = "--kea";
        args[1] = endpoint;
        args[2] = "status";
        System.arraycopy(format, 0, args, 3, format.length);
        return CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c.db").toString()), args);
    }

    @Test
    void statusShowsThePairAndWarnsWhenTheStandbyIsGone() throws IOException {
        try (KeaHaPair pair = KeaHaPair.start()) {
            String primary = pair.primary().endpoint();
            AtomicReference<CliRun> last = new AtomicReference<>();
            await("the pair settles in hot-standby").atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                last.set(status(primary));
                assertThat(last.get().out()).contains("ha:           hot-standby, this server primary in state hot-standby")
                        .contains("ha partner:   standby, last state hot-standby, in touch");
            });
            CliRun settled = last.get();
            assertThat(settled.exit()).isZero();
            assertThat(settled.out()).contains("hooks:        ha, lease_cmds").doesNotContain("warning:")
                    .contains("192.168.40.128-192.168.40.191");

            JsonNode ha = json.read(status(primary, "--format", "json").out()).path("ha");
            assertThat(ha.path("mode").asText()).isEqualTo("hot-standby");
            assertThat(ha.path("role").asText()).isEqualTo("primary");
            assertThat(ha.path("state").asText()).isEqualTo("hot-standby");
            assertThat(ha.path("partner").path("role").asText()).isEqualTo("standby");
            assertThat(ha.path("partner").path("state").asText()).isEqualTo("hot-standby");
            assertThat(ha.path("partner").path("inTouch").asBoolean(false)).isTrue();
            assertThat(ha.path("warning").isNull()).isTrue();

            CliRun standby = status(pair.standby().endpoint());
            assertThat(standby.out()).contains("this server standby in state hot-standby").contains("ha partner:   primary, last state hot-standby, in touch");

            pair.standby().stop();
            await("the primary notices its partner is gone").atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                last.set(status(primary));
                assertThat(last.get().out()).contains("this server primary in state partner-down").contains("out of touch");
            });
            CliRun down = last.get();
            assertThat(down.exit()).as("the primary itself is reachable").isZero();
            assertThat(down.out()).contains("warning:      HA pair not normal: this server is in state partner-down")
                    .contains("partner (standby) out of touch");
            JsonNode downJson = json.read(status(primary, "--format", "json").out()).path("ha");
            assertThat(downJson.path("state").asText()).isEqualTo("partner-down");
            assertThat(downJson.path("partner").path("inTouch").asBoolean(true)).isFalse();
            assertThat(downJson.path("warning").asText()).contains("partner-down");
        }
    }

    @Test
    void serverWithoutHaKeepsItsOutputAndHasNullHa() throws IOException {
        KeaServer kea = new KeaServer();
        kea.start();
        try {
            CliRun text = status(kea.endpoint());
            assertThat(text.exit()).isZero();
            assertThat(text.out()).doesNotContain("ha:").doesNotContain("warning:");
            JsonNode j = json.read(status(kea.endpoint(), "--format", "json").out());
            assertThat(j.has("ha")).isTrue();
            assertThat(j.get("ha").isNull()).isTrue();
        } finally {
            kea.afterAll(null);
        }
    }
}
