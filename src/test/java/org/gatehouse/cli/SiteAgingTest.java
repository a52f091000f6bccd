package org.gatehouse.cli;

import org.gatehouse.testing.MutableClock;
import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.gatehouse.kea.KeaText;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One aging age for the site: set once in Kea with {@code site aging}, used by {@code sync}
 * (and the console's pass, which calls the same {@code AgingService.runOnce(lockFor)}) without
 * any flag, kept beside other tools' settings, audited; a bad value changes nothing.
 */
@Tag("kea")
class SiteAgingTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer(c -> ((ObjectNode) c.path("Dhcp4")).putObject("user-context")
            .putObject("other-tool").put("owner", "Zoë"));

    @TempDir
    Path dir;

    @Test
    void theSitesAgeIsSetOnceAndUsedBySyncWithoutAFlag() throws Exception {
        Map<String, String> env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("c.db").toString());
        assertThat(CliRun.run(env, "site", "aging").out()).contains("aging age: 30m (default");

        CliRun bad = CliRun.run(env, "site", "aging", "5x");
        assertThat(bad.exit()).isEqualTo(2);
        String before = kea.configFile();

        CliRun set = CliRun.run(env, "site", "aging", "1s");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).contains("aging age set to 1s");
        assertThat(CliRun.run(env, "site", "aging").out()).contains("aging age: 1s (set for the site");
        JsonNode file = KeaText.decodeBytes(new ObjectMapper().readTree(kea.configFile())).path("Dhcp4").path("user-context");
        assertThat(file.path("gatehouse").path("old-after").asText()).isEqualTo("1s");
        assertThat(file.path("other-tool").path("owner").asText()).isEqualTo("Zoë");
        assertThat(kea.configFile()).isNotEqualTo(before);

        // A device first seen by one pass is moved by the next one, 1 s later: the site's age, no --old-after.
        kea.addLease(140, "02:5a:00:00:00:01", "waiting", 3600);
        MutableClock clock = new MutableClock(java.time.Instant.now());
        CliRun first = CliRun.run(clock, env, "sync", "--once");
        assertThat(first.exit()).as(first.err()).isZero();
        clock.advance(java.time.Duration.ofMillis(1500)); // the site's 1 s age passes without the test waiting for it
        CliRun second = CliRun.run(clock, env, "sync", "--once");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).contains("undecided for 1s").contains("02:5a:00:00:00:01");
        assertThat(second.err()).doesNotContain("warning");

        // An explicit --old-after that differs from the site's is said aloud.
        CliRun override = CliRun.run(env, "sync", "--once", "--old-after", "2h");
        assertThat(override.err()).contains("overrides the site's aging age 1s");

        CliRun audit = CliRun.run(env, "audit", "list", "--action", "site-aging", "--format", "json");
        JsonNode rows = new ObjectMapper().readTree(audit.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).path("after").asText()).isEqualTo("1s");
        assertThat(rows.get(0).path("result").asText()).isEqualTo("ok");
    }
}
