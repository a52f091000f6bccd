package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.gatehouse.kea.HaStatus;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The warning status shows for an HA pair, from answers real kea-dhcp4 2.2 servers gave. */
class HaSummaryTest {
    private final KeaJson json = new KeaJson();

    private StatusService.HaSummary summary(String file) throws IOException {
        var recorded = json.read(Files.readString(SharedData.keaResponse(file)));
        return StatusService.summarise(HaStatus.parse(recorded.path("response").path("arguments")).get(0));
    }

    @Test
    void settledPairHasNoWarning() throws IOException {
        StatusService.HaSummary s = summary("kea-2.2/status-get.ha-primary-hot-standby.json");
        assertThat(s.warning()).isNull();
        assertThat(s.partner().inTouch()).isTrue();
        assertThat(s.partner().state()).isEqualTo("hot-standby");
    }

    @Test
    void partnerDownIsWarnedAndOutOfTouch() throws IOException {
        StatusService.HaSummary s = summary("kea-2.2/status-get.ha-primary-partner-down.json");
        assertThat(s.partner().inTouch()).isFalse();
        assertThat(s.warning()).contains("partner-down").contains("out of touch").contains("unavailable");
    }

    @Test
    void waitingOrTerminatedIsWarned() {
        for (String state : new String[] {"waiting", "terminated", "syncing"}) {
            var s = StatusService.summarise(new HaStatus("hot-standby", "primary", state,
                    new HaStatus.Remote("standby", "hot-standby", true, false, 0)));
            assertThat(s.warning()).as(state).contains("state " + state);
        }
    }
}
