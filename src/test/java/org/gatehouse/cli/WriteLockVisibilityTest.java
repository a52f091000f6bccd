package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaWriteLock;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Kea's write lock is a lease, but never a device: not listed, not shown, not released by hand. */
@Tag("kea")
class WriteLockVisibilityTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    @Test
    void theLockLeaseIsNoDeviceAnywhereAUserLooks() {
        Map<String, String> env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("c.db").toString());
        Ipv4 lockAddress = Ipv4.parse("192.168.40.0");
        kea.client().execute(new KeaCommands.Lease4Add(new Lease(lockAddress, Mac.parse("0e:67:68:00:00:07"),
                KeaWriteLock.MARKER, 40, LeaseState.DEFAULT, Instant.now().getEpochSecond(), 30)));
        kea.addLease(150, "02:00:00:00:00:07", "guest", 3600);

        assertThat(CliRun.run(env, "leases", "list").out()).contains("02:00:00:00:00:07").doesNotContain("0e:67:68");
        assertThat(CliRun.run(env, "leases", "show", "192.168.40.0").out()).doesNotContain("0e:67:68");
        assertThat(CliRun.run(env, "queue", "list").out()).doesNotContain("0e:67:68");
        CliRun release = CliRun.run(env, "leases", "release", "192.168.40.0");
        assertThat(release.exit()).isEqualTo(2);
        assertThat(release.err()).contains("write lock");
        assertThat(kea.client().execute(new KeaCommands.Lease4Get(lockAddress))).isPresent();
    }
}
