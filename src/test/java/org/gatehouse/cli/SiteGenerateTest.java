package org.gatehouse.cli;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.TierClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse site generate}: what it prints is accepted by the real kea-dhcp4 and is the three-pool scheme. */
@Tag("kea")
class SiteGenerateTest {

    @Test
    void theGeneratedConfigPassesKeasOwnCheckAndClassifiesIntoTheThreeTiers(@TempDir Path dir) throws Exception {
        CliRun r = CliRun.run(Map.of(), "site", "generate", "--vlan", "40", "--subnet", "192.168.40.0/24",
                "--vlan", "41", "--subnet", "10.41.0.0/24", "--dns", "9.9.9.9", "--portal-dns", "10.0.0.4");
        assertThat(r.exit()).as(r.err()).isZero();
        Path file = dir.resolve("kea-dhcp4.conf");
        Files.writeString(file, r.out());
        ProcessBuilder pb = new ProcessBuilder(LocalKea.binary().toString(), "-t", file.toString()).redirectErrorStream(true);
        pb.environment().put("KEA_LOCKFILE_DIR", "none");
        Process check = pb.start();
        String out = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(out).isZero();

        KeaConfig config = KeaConfig.parse(new KeaJson().read(r.out()));
        TierClassifier tiers = new TierClassifier(config);
        Mac mac = Mac.parse("f0:18:98:00:00:01");
        assertThat(tiers.classify(new Lease(Ipv4.parse("10.41.0.10"), mac, "", 41, LeaseState.DEFAULT, 0, 86400))).isEqualTo(Tier.REGISTERED);
        assertThat(tiers.classify(new Lease(Ipv4.parse("10.41.0.130"), mac, "", 41, LeaseState.DEFAULT, 0, 60))).isEqualTo(Tier.NEWLY_UNREGISTERED);
        assertThat(tiers.classify(new Lease(Ipv4.parse("192.168.40.200"), mac, "", 40, LeaseState.DEFAULT, 0, 86400)))
                .isEqualTo(Tier.OLD_UNREGISTERED);
        assertThat(r.out()).contains("10.0.0.4").contains("\"denied\"");
    }

    @Test
    void badSitesAreRefusedBeforeAnythingIsPrinted() {
        assertThat(CliRun.run(Map.of(), "site", "generate", "--vlan", "40", "--subnet", "192.168.40.0/23").exit()).isEqualTo(2);
        assertThat(CliRun.run(Map.of(), "site", "generate", "--vlan", "40", "--vlan", "41", "--subnet", "192.168.40.0/24").exit()).isEqualTo(2);
        assertThat(CliRun.run(Map.of(), "site", "generate", "--vlan", "5000", "--subnet", "192.168.40.0/24").exit()).isEqualTo(2);
        CliRun badDns = CliRun.run(Map.of(), "site", "generate", "--vlan", "40", "--subnet", "192.168.40.0/24", "--dns", "8.8.8");
        assertThat(badDns.exit()).isEqualTo(2);
        assertThat(badDns.out()).isEmpty();
        assertThat(CliRun.run(Map.of(), "site", "generate", "--vlan", "40", "--subnet", "192.168.40.0/24", "--interface", "eth0;reboot").exit())
                .isEqualTo(2);
    }
}
