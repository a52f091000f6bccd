package org.gatehouse.e2e;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.gatehouse.testing.DhcpRig;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end harness stays inside what it made: its namespaces carry its private prefix, a
 * client gets a lease over the bridge inside them, and afterwards no namespace, process or
 * directory of it is left.
 */
@Tag("kea")
@Tag("root")
class DhcpRigCleanupTest {

    @Test
    void aClientLeasesInsideTheRigsNamespacesAndNothingIsLeftAfterwards() throws Exception {
        DhcpRig rig = new DhcpRig();
        rig.beforeAll(null);
        Path dir = rig.dir();
        String prefix = rig.prefix();
        try {
            rig.startClient(1, "02:67:68:28:99:01");
            DhcpRig.Event e = rig.await(1, DhcpRig.inRange(128, 191), Duration.ofSeconds(30), "a newly-unregistered address");
            assertThat(e.lease()).isEqualTo("60");
            assertThat(namespaces()).contains(prefix + "-srv", prefix + "-c1")
                    .allSatisfy(ns -> assertThat(ns.startsWith(prefix + "-") || !ns.startsWith(prefix)).isTrue());
            assertThat(processesIn(dir)).as("kea-dhcp4 and dhclient run from the rig's directory").hasSizeGreaterThanOrEqualTo(2);
        } finally {
            rig.afterAll(null);
        }
        assertThat(namespaces()).noneMatch(ns -> ns.startsWith(prefix + "-"));
        assertThat(processesIn(dir)).isEmpty();
        assertThat(dir).doesNotExist();
    }

    private static List<String> namespaces() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().map(l -> l.split(" ")[0]).toList();
    }

    /** Live processes whose command line names the rig's directory (its Kea config, its dhclient files). */
    private static List<Long> processesIn(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> Arrays.stream(a).anyMatch(x -> x.startsWith(dir.toString()))).orElse(false))
                .map(ProcessHandle::pid).toList();
    }
}
