package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.testing.KeaBuildings;
import org.gatehouse.testing.KeaHaPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site's aging age with two independent kea-dhcp4 2.2 (one per building): {@code site aging}
 * sets it on both (running configuration and file); with one server stopped it is set on the
 * other, exit 3 names the stopped one, the age is owed to it and {@code sync --once} applies it
 * when it is back (audited); meanwhile {@code site aging} shows each server's age and
 * {@code site check} names the difference. Two servers that use one subnet id for two prefixes
 * are an error of {@code site check} and a warning of {@code status}. A hot-standby pair gets the
 * age on each peer in turn (each settles first), each keeping its own this-server-name.
 */
@Tag("kea")
class SeveralServersSiteAgingTest {
    @TempDir
    Path dir;

    private CliRun gh(List<String> kea, String... args) {
        List<String> all = new ArrayList<>(kea);
        all.addAll(List.of(args));
        return CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c.db").toString()), all.toArray(String[]::new));
    }

    private static String age(JsonNode dhcp4) {
        return dhcp4.path("user-context").path("gatehouse").path("old-after").asText("unset");
    }

    @Test
    void theAgeReachesEveryServerAndIsOwedToOneThatIsDown() throws IOException {
        try (KeaBuildings b = KeaBuildings.start(2)) {
            List<String> kea = b.keaOptions();
            CliRun set = gh(kea, "site", "aging", "1h");
            assertThat(set.exit()).as(set.out() + set.err()).isZero();
            assertThat(set.out()).contains("aging age set to 1h").contains("server1: 1h (was unset)").contains("server2: 1h (was unset)");
            for (int n = 1; n <= 2; n++) {
                assertThat(age(b.running(n))).as("running on server" + n).isEqualTo("1h");
                assertThat(age(b.file(n))).as("file of server" + n).isEqualTo("1h");
            }
            CliRun shown = gh(kea, "site", "aging");
            assertThat(shown.exit()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("aging age: 1h (set for the site").doesNotContain("differs");
            CliRun status = gh(kea, "status");
            assertThat(status.out()).as("different ids for different prefixes are fine").doesNotContain("subnet id");

            // server2 stops: the age is set on server1, owed to server2, exit 3 naming it
            b.server(2).stop();
            CliRun half = gh(kea, "site", "aging", "2h");
            assertThat(half.exit()).as(half.out() + half.err()).isEqualTo(3);
            assertThat(half.err()).contains("server2 (" + b.server(2).endpoint() + ") unreachable").contains("pending as #")
                    .contains("applied on server1").contains("sync --once");
            assertThat(half.out()).contains("server1: 2h (was 1h)").contains("server2: pending");
            assertThat(age(b.running(1))).isEqualTo("2h");
            assertThat(age(b.file(1))).isEqualTo("2h");
            assertThat(gh(kea, "status").out()).contains("1 change pending for server2");
            CliRun downShown = gh(kea, "site", "aging");
            assertThat(downShown.exit()).isEqualTo(3);
            assertThat(downShown.out()).contains("aging age: 2h");
            assertThat(downShown.err()).contains("server2 (" + b.server(2).endpoint() + ") unreachable");

            // back, not yet caught up: each server's age is shown, site check names the difference
            b.server(2).restart(Duration.ofSeconds(20));
            CliRun differs = gh(kea, "site", "aging");
            assertThat(differs.exit()).as(differs.err()).isZero();
            assertThat(differs.out()).contains("aging age differs between servers").contains("server1: 2h").contains("server2: 1h");
            CliRun drift = gh(kea, "site", "check");
            assertThat(drift.exit()).as(drift.out()).isEqualTo(1);
            assertThat(drift.out()).contains("aging age 1h on server2, 2h on server1");

            CliRun sync = gh(kea, "sync", "--once");
            assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
            assertThat(sync.out()).contains("owed to server2");
            assertThat(age(b.running(2))).isEqualTo("2h");
            assertThat(age(b.file(2))).isEqualTo("2h");
            assertThat(gh(kea, "status").out()).doesNotContain("pending for server2");
            assertThat(gh(kea, "site", "aging").out()).contains("aging age: 2h (set for the site").doesNotContain("differs");
            assertThat(gh(kea, "site", "check").out()).doesNotContain("aging age");
            String audit = gh(kea, "audit", "list", "--format", "json").out();
            assertThat(audit).contains("site-aging").contains("replay of queued #").contains("on server2").contains("pending for server2");
        }
    }

    @Test
    void anHaPairGetsTheAgeOnEachPeerWhichKeepsItsOwnName() throws IOException {
        try (KeaHaPair pair = KeaHaPair.start()) {
            List<String> kea = List.of("--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint());
            awaitHotStandby(kea);
            CliRun set = gh(kea, "site", "aging", "45m");
            assertThat(set.exit()).as(set.out() + set.err()).isZero();
            assertThat(set.out()).contains("server1: 45m (was unset); HA ").contains("server2: 45m (was unset); HA ").doesNotContain("not settled");
            for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                assertThat(age(pair.running(k))).as("running on " + k.endpoint()).isEqualTo("45m");
                assertThat(age(pair.file(k))).as("file of " + k.endpoint()).isEqualTo("45m");
            }
            assertThat(KeaHaPair.thisServerName(pair.file(pair.primary()))).isNotEqualTo(KeaHaPair.thisServerName(pair.file(pair.standby())));
            awaitHotStandby(kea);
        }
    }

    private void awaitHotStandby(List<String> kea) {
        await("the pair is in hot-standby").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(gh(kea, "status").out())
                        .contains("ha:           hot-standby, this server primary in state hot-standby")
                        .contains("ha:           hot-standby, this server standby in state hot-standby").doesNotContain("warning"));
    }

    @Test
    void oneSubnetIdForTwoPrefixesIsNamed() throws IOException {
        KeaJson json = new KeaJson();
        try (LocalKea a = building(json, 40, "192.168.40.0/24"); LocalKea c = building(json, 40, "192.168.41.0/24")) {
            List<String> kea = List.of("--kea", a.endpoint(), "--kea", c.endpoint());
            CliRun check = gh(kea, "site", "check");
            assertThat(check.exit()).as(check.out() + check.err()).isEqualTo(1);
            assertThat(check.out()).contains("subnet id 40 is 192.168.40.0/24 on server1 but 192.168.41.0/24 on server2")
                    .contains("its own subnet id");
            CliRun status = gh(kea, "status");
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("warning: subnet id 40 is 192.168.40.0/24 on server1 but 192.168.41.0/24 on server2");
        }
    }

    private static LocalKea building(KeaJson json, int id, String prefix) throws IOException {
        Path d = Files.createTempDirectory("gh-clash-");
        ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(id, prefix)), List.of("9.9.9.9"), null,
                LocalKea.runtimeIn(d));
        return LocalKea.start(d, config, json, Duration.ofSeconds(20));
    }
}
