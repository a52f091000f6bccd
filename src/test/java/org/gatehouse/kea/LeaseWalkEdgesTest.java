package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.gatehouse.model.Lease;
import org.gatehouse.testing.ControlAgent;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.UnixSocketRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-ahead walk (LeasePages) at its edges, against a real kea-dhcp4 (review of issue 13): a Kea
 * without leases, a list whose last page is exactly full (the page asked for after it is empty), the
 * Control Agent's HTTP transport on the read-ahead thread, an interrupted walk (the client works on),
 * and no read-ahead thread left behind by a console that walks every 2 s.
 */
class LeaseWalkEdgesTest {
    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    private static void thirtyLeases() {
        kea.wipeLeases();
        for (int i = 1; i <= 30; i++) {
            kea.addLease(i, String.format("f0:18:98:00:03:%02x", i), "gäst-" + i, 86400);
        }
    }

    private static long readAheadThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("gatehouse-kea-read-ahead")).count();
    }

    @Test
    void anEmptyKeaAndAnExactlyFullLastPage() throws Exception {
        kea.wipeLeases();
        try (UnixSocketRelay relay = new UnixSocketRelay(dir.resolve("relay.sock"), kea.socket());
             KeaClient client = new KeaClient(new UnixSocketTransport(dir.resolve("relay.sock")), kea.json(), Duration.ofSeconds(5))) {
            assertThat(client.allLeases(10)).isEmpty();
            thirtyLeases();
            List<Lease> all = kea.client().execute(new KeaCommands.Lease4GetAll());
            for (int pageSize : new int[] {10, 15, 30, 29, 31}) {
                assertThat(client.allLeases(pageSize)).as("page size %d", pageSize).containsExactlyInAnyOrderElementsOf(all).hasSize(30);
            }
            long pages = relay.commands().stream().filter(c -> c.contains("lease4-get-page")).count();
            // empty: 1; 30 by 10: 4 (the 4th is empty); by 15: 3; by 30: 2; by 29: 2; by 31: 1
            assertThat(pages).as("pages asked for, none twice").isEqualTo(1 + 4 + 3 + 2 + 2 + 1);
        }
    }

    @Test
    void theControlAgentServesTheReadAheadThread() throws Exception {
        thirtyLeases();
        try (ControlAgent agent = new ControlAgent(dir.resolve("ca"), kea.socket());
             KeaClient client = new KeaClient(new HttpTransport(URI.create(agent.url()), agent.user(), agent.password().toCharArray(),
                     Duration.ofSeconds(5)), kea.json(), Duration.ofSeconds(5))) {
            assertThat(client.allLeases(7)).containsExactlyInAnyOrderElementsOf(kea.client().execute(new KeaCommands.Lease4GetAll()));
        }
    }

    @Test
    void anInterruptedWalkLeavesTheClientWorkingAndNoThreadBehind() throws Exception {
        thirtyLeases();
        try (KeaClient client = new KeaClient(new UnixSocketTransport(kea.socket()), kea.json(), Duration.ofSeconds(5))) {
            client.capabilities();
            for (int round = 0; round < 20; round++) {
                AtomicReference<Object> outcome = new AtomicReference<>();
                Thread walker = new Thread(() -> {
                    try {
                        outcome.set(client.allLeases(1).size());
                    } catch (RuntimeException e) {
                        outcome.set(e);
                    }
                }, "walker");
                walker.start();
                Thread.sleep(round % 5);
                walker.interrupt();
                walker.join(10_000);
                assertThat(walker.isAlive()).isFalse();
                assertThat(outcome.get()).as("a whole list or an error, never a part").satisfiesAnyOf(
                        o -> assertThat(o).isEqualTo(30), o -> assertThat(o).isInstanceOf(KeaUnreachable.class));
            }
            for (int i = 0; i < 50; i++) {
                assertThat(client.allLeases(10)).hasSize(30);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (readAheadThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(readAheadThreads()).as("read-ahead threads left").isZero();
        }
    }
}
