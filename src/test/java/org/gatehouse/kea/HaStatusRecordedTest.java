package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;

/** status-get's high-availability section and ha-heartbeat, read from answers real Kea servers gave (kea-2.2 captures, Kea 3.0 ARM). */
class HaStatusRecordedTest {
    private final KeaJson json = new KeaJson();

    private KeaClient replaying(String file) throws IOException {
        String reply = json.write(json.read(Files.readString(SharedData.keaResponse(file))).get("response"));
        KeaTransport t = new KeaTransport() {
            @Override
            public String describe() {
                return "recorded:" + file;
            }

            @Override
            public boolean wantsService() {
                return false;
            }

            @Override
            public String exchange(String request, Duration timeout) {
                return reply;
            }
        };
        return new KeaClient(t, json, Duration.ofSeconds(1));
    }

    @Test
    void primaryOfASettledHotStandbyPair() throws IOException {
        List<HaStatus> ha = replaying("kea-2.2/status-get.ha-primary-hot-standby.json").execute(new KeaCommands.HaStatusGet());
        assertThat(ha).singleElement().satisfies(h -> {
            assertThat(h.mode()).isEqualTo("hot-standby");
            assertThat(h.localRole()).isEqualTo("primary");
            assertThat(h.localState()).isEqualTo("hot-standby");
            assertThat(h.remote().role()).isEqualTo("standby");
            assertThat(h.remote().lastState()).isEqualTo("hot-standby");
            assertThat(h.remote().reachable()).isTrue();
        });
    }

    @Test
    void standbySeesThePrimary() throws IOException {
        HaStatus h = replaying("kea-2.2/status-get.ha-standby-hot-standby.json").execute(new KeaCommands.HaStatusGet()).get(0);
        assertThat(h.localRole()).isEqualTo("standby");
        assertThat(h.remote().role()).isEqualTo("primary");
    }

    @Test
    void lostPartnerIsInterruptedThoughKeaStillSaysInTouch() throws IOException {
        HaStatus h = replaying("kea-2.2/status-get.ha-primary-partner-down.json").execute(new KeaCommands.HaStatusGet()).get(0);
        assertThat(h.localState()).isEqualTo("partner-down");
        assertThat(h.remote().inTouch()).as("Kea 2.2's own in-touch flag").isTrue();
        assertThat(h.remote().communicationInterrupted()).isTrue();
        assertThat(h.remote().reachable()).isFalse();
        assertThat(h.remote().lastState()).isEqualTo("unavailable");
        assertThat(h.remote().ageSeconds()).isPositive();
    }

    @Test
    void loadBalancingAnswerOfKea3() throws IOException {
        HaStatus h = replaying("kea-3.0/status-get.ha.json").execute(new KeaCommands.HaStatusGet()).get(0);
        assertThat(h.mode()).isEqualTo("load-balancing");
        assertThat(h.remote().role()).isEqualTo("secondary");
        assertThat(h.remote().ageSeconds()).isEqualTo(10);
    }

    @Test
    void serverWithoutTheHaHookHasNoRelationship() throws IOException {
        JsonNode args = json.read("{\"pid\": 1, \"uptime\": 5, \"reload\": 5}");
        assertThat(HaStatus.parse(args)).isEmpty();
    }

    @Test
    void heartbeatGivesStateAndUnsentUpdates() throws IOException {
        KeaCommands.HaHeartbeat.Answer hot = replaying("kea-2.2/ha-heartbeat.hot-standby.json").execute(new KeaCommands.HaHeartbeat());
        assertThat(hot.state()).isEqualTo("hot-standby");
        assertThat(hot.scopes()).containsExactly("server1");
        assertThat(hot.unsentUpdates()).isZero();
        assertThat(replaying("kea-2.2/ha-heartbeat.partner-down.json").execute(new KeaCommands.HaHeartbeat()).state())
                .isEqualTo("partner-down");
    }
}
