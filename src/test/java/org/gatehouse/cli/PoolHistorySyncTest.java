package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.KeaTestCommands;
import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pools over time on a real Kea: leases placed at chosen counts between {@code sync --once} passes
 * (lease4-add, lease4-update, lease4-del) give exactly the samples {@code pools --history} prints,
 * and {@code anomalies} names the MACs that took too many leases or renewed too fast, and no other.
 * The passes run on a clock the test moves: one minute apart, then 5 s apart for the renewals.
 */
@Tag("kea")
class PoolHistorySyncTest {
    static final String GREEDY = "02:ee:00:00:00:01";      // takes 11 leases in one minute
    static final String CHATTY = "f0:18:98:00:02:00";      // renews 7 times in 30 s
    static final String CALM = "f0:18:98:00:02:01";        // renews 3 times in the same 30 s

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void passesBecomeExactSamplesAndTheAnomaliesNameTheirDevices() throws Exception {
        Map<String, String> env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("c.db").toString());
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(5);
        MutableClock clock = new MutableClock(t0);

        // Pass 1, the baseline: 10 newly-unregistered guests and 3 staff devices.
        for (int i = 0; i < 10; i++) {
            kea.addLease(128 + i, guest(i), "guest-" + i, 3600);
        }
        for (int i = 0; i < 3; i++) {
            kea.addLease(10 + i, String.format("f0:18:98:00:02:%02x", i), "staff-" + i, 86_400);
        }
        sync(clock, env);

        // Pass 2, a minute later: 42 more guests (52 of 64: warning), one MAC holding 11 old-unregistered leases.
        for (int i = 10; i < 52; i++) {
            kea.addLease(128 + i, guest(i), "guest-" + i, 3600);
        }
        for (int i = 0; i < 11; i++) {
            kea.addLease(192 + i, GREEDY, "greedy", 86_400);
        }
        clock.advance(Duration.ofMinutes(1));
        CliRun second = sync(clock, env);
        assertThat(second.out()).contains("anomaly excessive-leases " + GREEDY).contains("anomaly pool-warning subnet 40");

        // Pass 3: two guests leave (lease4-del): 50 of 64.
        kea.client().execute(new KeaCommands.Lease4Del(KeaServer.BASE.plus(128)));
        kea.client().execute(new KeaCommands.Lease4Del(KeaServer.BASE.plus(129)));
        clock.advance(Duration.ofMinutes(1));
        sync(clock, env);

        // Passes 4-10, 5 s apart in the next minute: CHATTY renews every pass, CALM every other one.
        clock.advance(Duration.ofMinutes(1));
        long cltt = Instant.now().getEpochSecond();
        List<String> rapidLines = new ArrayList<>();
        for (int pass = 0; pass < 7; pass++) {
            renew(10, CHATTY, cltt + pass + 1);
            if (pass % 2 == 1) {
                renew(11, CALM, cltt + pass + 1);
            }
            if (pass == 6) {
                kea.addLease(13, "f0:18:98:00:02:03", "staff-3", 86_400); // the minute's last figure counts
            }
            clock.advance(Duration.ofSeconds(5));
            CliRun run = sync(clock, env);
            run.out().lines().filter(l -> l.contains("anomaly rapid-renewals")).forEach(rapidLines::add);
        }
        assertThat(rapidLines).hasSize(1).allMatch(l -> l.contains(CHATTY));

        CliRun history = CliRun.run(clock, env, "pools", "--history", "--since", "1h", "--format", "json");
        assertThat(history.exit()).as(history.err()).isZero();
        List<String> samples = new ArrayList<>();
        for (JsonNode s : json.readTree(history.out())) {
            samples.add(s.path("at").asText() + " " + s.path("subnetId").asLong() + " " + s.path("tier").asText() + " "
                    + s.path("used").asLong() + "/" + s.path("size").asLong() + " " + s.path("percent").asDouble());
        }
        Instant m0 = t0.truncatedTo(ChronoUnit.MINUTES);
        assertThat(samples).containsExactly(
                m0 + " 40 registered 3/123 2.4", m0 + " 40 newly-unregistered 10/64 15.6", m0 + " 40 old-unregistered 0/63 0.0",
                m(m0, 1) + " 40 registered 3/123 2.4", m(m0, 1) + " 40 newly-unregistered 52/64 81.3",
                m(m0, 1) + " 40 old-unregistered 11/63 17.5",
                m(m0, 2) + " 40 registered 3/123 2.4", m(m0, 2) + " 40 newly-unregistered 50/64 78.1",
                m(m0, 2) + " 40 old-unregistered 11/63 17.5",
                m(m0, 3) + " 40 registered 4/123 3.3", m(m0, 3) + " 40 newly-unregistered 50/64 78.1",
                m(m0, 3) + " 40 old-unregistered 11/63 17.5");
        assertThat(CliRun.run(clock, env, "pools", "--history", "--subnet", "41", "--format", "json").out().trim()).isEqualTo("[ ]");

        CliRun anomalies = CliRun.run(clock, env, "anomalies", "--since", "1h", "--format", "json");
        assertThat(anomalies.exit()).as(anomalies.err()).isZero();
        List<String> found = new ArrayList<>();
        for (JsonNode a : json.readTree(anomalies.out())) {
            found.add(a.path("kind").asText() + " " + (a.path("mac").isNull() ? "-" : a.path("mac").asText()) + " " + a.path("count").asInt());
        }
        assertThat(found).containsExactlyInAnyOrder("excessive-leases " + GREEDY + " 11", "rapid-renewals " + CHATTY + " 7",
                "pool-warning - 52", "new-device-burst - 42");

        // The same activity in the report: arrivals, renewals, releases.
        CliRun report = CliRun.run(clock, env, "report", "--since", "1h", "--format", "json");
        assertThat(report.exit()).as(report.err()).isZero();
        JsonNode totals = json.readTree(report.out()).path("activityTotals");
        assertThat(totals.path("new devices").asLong()).isEqualTo(44); // 42 guests, the greedy MAC, staff-3
        assertThat(totals.path("renewals").asLong()).isEqualTo(10);
        assertThat(totals.path("releases").asLong()).isEqualTo(2);
        assertThat(totals.path("expiries").asLong()).isZero();
    }

    private static String guest(int i) {
        return String.format("02:00:5e:00:01:%02x", i);
    }

    private static String m(Instant m0, int minutes) {
        return m0.plus(Duration.ofMinutes(minutes)).toString();
    }

    /** A renewal as Kea records it: the lease's client-last-transaction time moves. */
    private static void renew(int hostOctet, String mac, long cltt) {
        kea.client().execute(new KeaTestCommands.Lease4Update(new Lease(KeaServer.BASE.plus(hostOctet), Mac.parse(mac), "staff",
                KeaServer.VLAN, LeaseState.DEFAULT, cltt, 86_400)));
    }

    private static CliRun sync(MutableClock clock, Map<String, String> env) {
        CliRun run = CliRun.run(clock, env, "sync", "--once");
        assertThat(run.exit()).as(run.err()).isZero();
        return run;
    }
}
