package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.LocalKea;
import org.gatehouse.testing.KeaHaPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One decision reaches both servers of a real kea-dhcp4 2.2 hot-standby pair (two --kea): status
 * of both, approve and deny written into each peer's running configuration and file (each keeping
 * its own this-server-name, non-ASCII notes intact), the standby stopped → exit 3 naming it,
 * applied on the primary and pending for the standby, shown by status; the standby back →
 * {@code sync --once} applies it there, audited.
 */
@Tag("kea")
class HaPairFanOutTest {
    private static final Duration SETTLE = Duration.ofSeconds(40);
    private static final String NOTE = "für Jürgen – Gäste-WLAN ✓";
    private final KeaJson json = new KeaJson();

    @TempDir
    Path dir;

    private CliRun gh(KeaHaPair pair, String... args) {
        List<String> all = new ArrayList<>(List.of("--kea", pair.primary().endpoint(), "--kea", pair.standby().endpoint()));
        all.addAll(List.of(args));
        return CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c.db").toString()), all.toArray(String[]::new));
    }

    private static void awaitHotStandby(KeaHaPair pair, java.util.function.Function<String[], CliRun> run) {
        await("the pair is in hot-standby").atMost(SETTLE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(run.apply(new String[]{"status"}).out())
                        .contains("ha:           hot-standby, this server primary in state hot-standby")
                        .contains("ha:           hot-standby, this server standby in state hot-standby").doesNotContain("warning"));
    }

    @Test
    void decisionsReachBothPeersAndAPeerThatWasDownCatchesUp() throws IOException {
        try (KeaHaPair pair = KeaHaPair.start()) {
            awaitHotStandby(pair, a -> gh(pair, a));
            CliRun status = gh(pair, "status");
            assertThat(status.exit()).isZero();
            assertThat(status.out()).contains("server1:\n  kea:          " + pair.primary().endpoint())
                    .contains("server2:\n  kea:          " + pair.standby().endpoint())
                    .contains("ha partner:   standby, last state hot-standby, in touch")
                    .contains("ha partner:   primary, last state hot-standby, in touch").doesNotContain("warning");
            JsonNode servers = json.read(gh(pair, "status", "--format", "json").out()).path("servers");
            assertThat(servers).hasSize(2);
            assertThat(servers.get(0).path("ha").path("role").asText()).isEqualTo("primary");
            assertThat(servers.get(1).path("ha").path("role").asText()).isEqualTo("standby");
            assertThat(servers.get(1).path("ha").path("partner").path("inTouch").asBoolean(false)).isTrue();
            assertThat(servers.get(0).path("capabilities").path("hooks").toString()).contains("ha").contains("lease_cmds");
            assertThat(servers.get(0).path("reachable").asBoolean()).isTrue();

            // approve: a device with a lease on the primary (the standby has none: HA does not copy lease4-add)
            long now = Instant.now().getEpochSecond();
            pair.addLease(pair.primary(), "192.168.40.130", "02:00:00:16:00:01", "laptop", now, 60);
            long t0 = System.nanoTime();
            CliRun approve = gh(pair, "approve", "02:00:00:16:00:01", "--note", NOTE, "--hostname", "laptop-1");
            long approveMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(approve.exit()).as(approve.err()).isZero();
            assertThat(approve.out()).contains("server1 (" + pair.primary().endpoint() + "): approved 02:00:00:16:00:01 (registered, subnet 40)")
                    .contains("server2 (" + pair.standby().endpoint() + "): approved 02:00:00:16:00:01").contains("HA back in hot-standby");
            for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                for (JsonNode dhcp4 : List.of(pair.running(k), pair.file(k))) {
                    JsonNode r = KeaHaPair.reservation(dhcp4, "02:00:00:16:00:01");
                    assertThat(r.path("client-classes").toString()).contains("registered");
                    assertThat(r.path("hostname").asText()).isEqualTo("laptop-1");
                    assertThat(r.path("user-context").path("gatehouse").path("note").asText()).isEqualTo(NOTE);
                }
            }
            assertThat(KeaHaPair.thisServerName(pair.running(pair.primary()))).isEqualTo("server1");
            assertThat(KeaHaPair.thisServerName(pair.running(pair.standby()))).isEqualTo("server2");
            assertThat(KeaHaPair.thisServerName(pair.file(pair.standby()))).isEqualTo("server2");

            // deny: both; the earlier note survives the second rewrite of each file (not doubled)
            CliRun deny = gh(pair, "deny", "02:00:00:16:00:02", "--subnet", "40", "--note", "Störer ✗");
            assertThat(deny.exit()).as(deny.err()).isZero();
            for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                JsonNode f = pair.file(k);
                assertThat(KeaHaPair.reservation(f, "02:00:00:16:00:02").path("client-classes").toString()).contains("denied");
                assertThat(KeaHaPair.reservation(f, "02:00:00:16:00:02").path("user-context").path("gatehouse").path("note").asText())
                        .isEqualTo("Störer ✗");
                assertThat(KeaHaPair.reservation(f, "02:00:00:16:00:01").path("user-context").path("gatehouse").path("note").asText())
                        .isEqualTo(NOTE);
                assertThat(KeaHaPair.reservation(pair.running(k), "02:00:00:16:00:02").path("client-classes").toString()).contains("denied");
            }
            awaitHotStandby(pair, a -> gh(pair, a));

            // the standby stops: approve is applied on the primary, pending for the standby, exit 3 naming it
            pair.standby().stop();
            CliRun half = gh(pair, "approve", "02:00:00:16:00:03", "--subnet", "40", "--note", "später ✓");
            assertThat(half.exit()).isEqualTo(3);
            assertThat(half.err()).contains("server2 (" + pair.standby().endpoint() + ") unreachable").contains("pending as #")
                    .contains("applied on server1");
            assertThat(KeaHaPair.reservation(pair.running(pair.primary()), "02:00:00:16:00:03").path("client-classes").toString())
                    .contains("registered");
            CliRun pending = gh(pair, "status");
            assertThat(pending.exit()).as("a server is unreachable").isEqualTo(3);
            assertThat(pending.out()).contains("1 change pending for server2").contains("server2 (" + pair.standby().endpoint() + ") unreachable");
            assertThat(json.read(gh(pair, "status", "--format", "json").out()).path("servers").get(1).path("pending").asInt()).isEqualTo(1);
            assertThat(gh(pair, "offline", "list").out()).contains("approve").contains("02:00:00:16:00:03 on " + pair.standby().endpoint());

            CliRun early = gh(pair, "sync", "--once");
            assertThat(early.exit()).as("server2 still down: the change stays owed").isEqualTo(3);
            assertThat(early.out()).contains("owed to server2").contains("pending — server2 still unreachable");
            assertThat(gh(pair, "status").out()).contains("1 change pending for server2");

            // back: sync --once applies it there, audited
            pair.standby().restart(Duration.ofSeconds(20));
            assertThat(KeaHaPair.reservation(pair.running(pair.standby()), "02:00:00:16:00:03").isMissingNode()).isTrue();
            CliRun drift = gh(pair, "site", "check");
            assertThat(drift.exit()).as(drift.out()).isEqualTo(1);
            assertThat(drift.out()).contains("server2 subnet 40 reservation 02:00:00:16:00:03").contains("missing on server2");
            CliRun sync = gh(pair, "sync", "--once");
            assertThat(sync.exit()).as(sync.out() + sync.err()).isZero();
            assertThat(sync.out()).contains("owed to server2").contains("approve 02:00:00:16:00:03: done");
            JsonNode caughtUp = KeaHaPair.reservation(pair.running(pair.standby()), "02:00:00:16:00:03");
            assertThat(caughtUp.path("client-classes").toString()).contains("registered");
            assertThat(caughtUp.path("user-context").path("gatehouse").path("note").asText()).isEqualTo("später ✓");
            assertThat(KeaHaPair.reservation(pair.file(pair.standby()), "02:00:00:16:00:03").isMissingNode()).isFalse();
            assertThat(gh(pair, "status").out()).doesNotContain("pending for server2");
            assertThat(gh(pair, "site", "check").out()).as("the peers agree again").doesNotContain("missing on").doesNotContain("only on");
            String audit = gh(pair, "audit", "list", "--mac", "02:00:00:16:00:03", "--format", "json").out();
            assertThat(audit).contains("queued").contains("replay of queued #").contains("on server2")
                    .contains("config-set on server1").contains("config-set on server2");
            // unregister and the reservation editor reach both peers too
            awaitHotStandby(pair, a -> gh(pair, a));
            CliRun unregister = gh(pair, "unregister", "02:00:00:16:00:02");
            assertThat(unregister.exit()).as(unregister.err()).isZero();
            CliRun add = gh(pair, "reservations", "add", "02:00:00:16:00:05", "--class", "old-unregistered", "--subnet", "40",
                    "--note", "Drucker Flur ✓");
            assertThat(add.exit()).as(add.err()).isZero();
            assertThat(add.out()).contains("config-set on server1").contains("config-set on server2");
            for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                JsonNode running = pair.running(k);
                assertThat(KeaHaPair.reservation(running, "02:00:00:16:00:02").isMissingNode()).as("unregistered on " + k.endpoint()).isTrue();
                assertThat(KeaHaPair.reservation(running, "02:00:00:16:00:05").path("user-context").path("gatehouse").path("note").asText())
                        .isEqualTo("Drucker Flur ✓");
            }
            CliRun remove = gh(pair, "reservations", "remove", "02:00:00:16:00:05");
            assertThat(remove.exit()).as(remove.err()).isZero();
            for (LocalKea k : List.of(pair.primary(), pair.standby())) {
                assertThat(KeaHaPair.reservation(pair.file(k), "02:00:00:16:00:05").isMissingNode()).as("removed on " + k.endpoint()).isTrue();
                assertThat(KeaHaPair.reservation(pair.file(k), "02:00:00:16:00:01").path("user-context").path("gatehouse").path("note").asText())
                        .as("after five rewrites of " + k.endpoint()).isEqualTo(NOTE);
            }

            // figures for the README: the same approve against the primary alone, in this run
            long t1 = System.nanoTime();
            CliRun single = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("c.db").toString()), "--kea", pair.primary().endpoint(),
                    "approve", "02:00:00:16:00:04", "--subnet", "40");
            long singleMs = (System.nanoTime() - t1) / 1_000_000;
            assertThat(single.exit()).isZero();
            System.out.printf("figures: approve on the pair %d ms, on the primary alone %d ms%n%s%n", approveMs, singleMs, approve.out());
        }
    }

    @Test
    void leasesOfBothPeersAreMergedOneRowPerAddressAndDifferencesFlagged() throws IOException {
        try (KeaHaPair pair = KeaHaPair.start()) {
            // settled first: a standby still syncing would pull the primary's leases (lease4-add is not copied afterwards)
            awaitHotStandby(pair, a -> gh(pair, a));
            long now = Instant.now().getEpochSecond();
            pair.addLease(pair.primary(), "192.168.40.140", "02:00:00:16:01:40", "same", now, 3600);
            pair.addLease(pair.standby(), "192.168.40.140", "02:00:00:16:01:40", "same", now + 2, 3600);
            pair.addLease(pair.primary(), "192.168.40.141", "02:00:00:16:01:41", "only-primary", now, 3600);
            pair.addLease(pair.standby(), "192.168.40.144", "02:00:00:16:01:44", "only-standby", now, 3600);
            pair.addLease(pair.primary(), "192.168.40.142", "02:00:00:16:01:42", "mac-a", now, 3600);
            pair.addLease(pair.standby(), "192.168.40.142", "02:00:00:16:0b:42", "mac-b", now, 3600);
            pair.addLease(pair.primary(), "192.168.40.143", "02:00:00:16:01:43", "Küche", now, 3600);
            pair.addLease(pair.standby(), "192.168.40.143", "02:00:00:16:01:43", "Küche", now + 300, 3600);

            CliRun list = gh(pair, "leases", "list", "--format", "json");
            assertThat(list.exit()).as(list.err()).isZero();
            JsonNode rows = json.read(list.out());
            assertThat(rows).as("one row per address").hasSize(5);
            Map<String, JsonNode> byIp = new java.util.HashMap<>();
            rows.forEach(r -> byIp.put(r.path("ip").asText(), r));
            assertThat(byIp.get("192.168.40.140").path("servers").toString()).isEqualTo("[\"server1\",\"server2\"]");
            assertThat(byIp.get("192.168.40.140").path("differs").isNull()).as("2 s apart is the same lease").isTrue();
            assertThat(byIp.get("192.168.40.141").path("servers").toString()).isEqualTo("[\"server1\"]");
            assertThat(byIp.get("192.168.40.144").path("servers").toString()).isEqualTo("[\"server2\"]");
            assertThat(byIp.get("192.168.40.142").path("differs").asText()).contains("server2 has MAC 02:00:00:16:0b:42");
            assertThat(byIp.get("192.168.40.142").path("mac").asText()).isEqualTo("02:00:00:16:01:42");
            assertThat(byIp.get("192.168.40.143").path("differs").asText()).contains("server2 has expiry").contains("300 s apart");
            assertThat(byIp.get("192.168.40.143").path("hostname").asText()).as("Kea lower-cases lease hostnames").isEqualTo("küche");

            CliRun table = gh(pair, "leases", "list", "--search", "Küche");
            assertThat(table.out()).contains("SERVERS").contains("server1,server2").contains("DIFFERS: server2 has expiry")
                    .doesNotContain("only-primary");

            // release reaches both peers
            CliRun release = gh(pair, "leases", "release", "192.168.40.140");
            assertThat(release.exit()).as(release.err()).isZero();
            assertThat(release.out()).contains("server1 (").contains("server2 (").contains("released 192.168.40.140");
            assertThat(json.read(gh(pair, "leases", "list", "--format", "json").out()).findValuesAsText("ip")).doesNotContain("192.168.40.140");

            // drift: the standby's configuration changed by hand (a pool narrowed, a class gone)
            try (org.gatehouse.kea.KeaClient c = pair.client(pair.standby())) {
                com.fasterxml.jackson.databind.node.ObjectNode dhcp4 = (com.fasterxml.jackson.databind.node.ObjectNode) c.config().raw().path("Dhcp4").deepCopy();
                com.fasterxml.jackson.databind.node.ObjectNode pool = (com.fasterxml.jackson.databind.node.ObjectNode) dhcp4.path("subnet4").get(0).path("pools").get(2);
                pool.put("pool", "192.168.40.192-192.168.40.200");
                com.fasterxml.jackson.databind.node.ArrayNode classes = (com.fasterxml.jackson.databind.node.ArrayNode) dhcp4.path("client-classes");
                classes.add(json.mapper().createObjectNode().put("name", "Drucker-Flur"));
                c.execute(new org.gatehouse.kea.ConfigCommands.ConfigSet(dhcp4));
            }
            CliRun drift = gh(pair, "site", "check");
            assertThat(drift.exit()).isEqualTo(1);
            assertThat(drift.out()).contains("server2 subnet 40").contains("pool 192.168.40.192-192.168.40.200").contains("only on server2")
                    .contains("missing on server2").contains("server2 class Drucker-Flur").contains("client class only on server2");

            pair.standby().stop();
            CliRun half = gh(pair, "leases", "list", "--format", "json");
            assertThat(half.exit()).isEqualTo(3);
            assertThat(half.err()).contains("server2 (" + pair.standby().endpoint() + ") unreachable").contains("missing from this list");
            assertThat(json.read(half.out()).findValuesAsText("ip")).contains("192.168.40.141").doesNotContain("192.168.40.144");
        }
    }
}
