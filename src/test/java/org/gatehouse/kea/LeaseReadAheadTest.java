package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatehouse.model.Lease;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.UnixSocketRelay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease walk asks for the next page while it reads this one (LeasePages), through a relay
 * that records what a real kea-dhcp4 is sent: each page is asked for once, from the last address
 * of the page before; a lease whose user-context names another "ip-address" (after the lease's
 * own in Kea's key order) fools the guess, which costs one request and loses or repeats no lease;
 * a Kea that goes away mid-walk gives an error, not a hang.
 */
class LeaseReadAheadTest {
    private static final Pattern FROM = Pattern.compile("\"from\": ?\"([^\"]+)\"");

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    @BeforeEach
    void thirtyLeases() {
        kea.wipeLeases();
        for (int i = 5; i < 35; i++) {
            if (i != 14) {
                kea.addLease(i, String.format("f0:18:98:00:02:%02x", i), "ключ-" + i, 86400);
            }
        }
    }

    private static List<String> pagesAskedFrom(UnixSocketRelay relay) {
        return relay.commands().stream().filter(c -> c.contains("lease4-get-page")).map(c -> {
            Matcher m = FROM.matcher(c);
            return m.find() ? m.group(1) : "?";
        }).toList();
    }

    private static void assertWholeList(List<Lease> walked) {
        List<Lease> all = kea.client().execute(new KeaCommands.Lease4GetAll());
        assertThat(walked).extracting(l -> l.ip().value()).isSorted().doesNotHaveDuplicates();
        assertThat(walked).containsExactlyInAnyOrderElementsOf(all).hasSize(30);
    }

    @Test
    void eachPageIsAskedForOnceFromTheLastAddressOfThePageBefore() throws IOException {
        kea.addLease(14, "f0:18:98:00:02:0e", "anna", 86400);
        try (UnixSocketRelay relay = new UnixSocketRelay(dir.resolve("relay.sock"), kea.socket());
             KeaClient client = new KeaClient(new UnixSocketTransport(dir.resolve("relay.sock")), kea.json(), Duration.ofSeconds(5))) {
            assertWholeList(client.allLeases(10));
            assertThat(pagesAskedFrom(relay)).containsExactly("start", "192.168.40.14", "192.168.40.24", "192.168.40.34");
        }
    }

    @Test
    void aUserContextThatNamesAnotherAddressCostsOneRequestAndLosesNothing() throws IOException {
        String add = "{ \"command\": \"lease4-add\", \"arguments\": { \"ip-address\": \"192.168.40.14\", \"hw-address\": \"f0:18:98:00:02:0e\","
                + " \"subnet-id\": 40, \"valid-lft\": 86400, \"hostname\": \"\\\"ip-address\\\": \\\"192.168.40.99\","
                + " \"user-context\": { \"ip-address\": \"192.168.40.30\" } } }";
        try (UnixSocketTransport direct = new UnixSocketTransport(kea.socket())) {
            assertThat(direct.exchange(add, Duration.ofSeconds(5))).contains("\"result\": 0");
        }
        try (UnixSocketRelay relay = new UnixSocketRelay(dir.resolve("relay.sock"), kea.socket());
             KeaClient client = new KeaClient(new UnixSocketTransport(dir.resolve("relay.sock")), kea.json(), Duration.ofSeconds(5))) {
            assertWholeList(client.allLeases(10));
            assertThat(pagesAskedFrom(relay)).as("the wrong guess (.30) is asked for once, then the right page")
                    .containsExactly("start", "192.168.40.30", "192.168.40.14", "192.168.40.24", "192.168.40.34");
        }
    }

    @Test
    void aKeaThatGoesAwayMidWalkGivesAnErrorNotAHang() throws IOException {
        kea.addLease(14, "f0:18:98:00:02:0e", "anna", 86400);
        try (UnixSocketRelay relay = new UnixSocketRelay(dir.resolve("relay.sock"), kea.socket());
             KeaClient client = new KeaClient(new UnixSocketTransport(dir.resolve("relay.sock")), kea.json(), Duration.ofSeconds(5))) {
            relay.afterAnswer(command -> {
                if (command.contains("192.168.40.14")) {
                    try {
                        relay.shut();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            assertThatThrownBy(() -> client.allLeases(10)).isInstanceOf(KeaUnreachable.class);
        }
    }
}
