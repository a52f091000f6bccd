package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.HostReservation;
import org.gatehouse.model.Mac;
import org.gatehouse.model.ReservationEdit;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The host_cmds path (Kea 3.x) against real Kea 3.0 answers from src/test/resources/kea-responses: it is chosen
 * from list-commands, it names operation-target memory (without it Kea 3.0 answers "Host database
 * not available"), it persists with config-write and never sends config-set, and Kea's own error
 * text reaches the user.
 */
class HostCmdsRecordedTest {
    private final KeaJson json = new KeaJson();
    private final List<JsonNode> sent = new ArrayList<>();

    /** A Kea 3.0 made of recorded answers, one file per command. */
    private KeaClient kea30(Map<String, String> answers) {
        Map<String, String> files = new HashMap<>(Map.of(
                "version-get", "kea-2.6/version-get.json", // no 3.x capture; the version is only shown, never decides
                "list-commands", "kea-3.0/list-commands.host_cmds-subnet_cmds.json",
                "config-get", "kea-3.2/config-get.json", // the only complete captured 3.x config-get
                "reservation-get", "kea-3.0/reservation-get.not-found.json",
                "reservation-add", "kea-3.0/reservation-add.json",
                "reservation-del", "kea-3.0/reservation-del.json",
                "config-write", "kea-3.0/config-write.success.json"));
        files.putAll(answers);
        KeaTransport t = new KeaTransport() {
            @Override
            public String describe() {
                return "recorded Kea 3.0";
            }

            @Override
            public boolean wantsService() {
                return false;
            }

            @Override
            public String exchange(String request, Duration timeout) {
                try {
                    JsonNode req = json.read(request);
                    sent.add(req);
                    String file = files.get(req.path("command").asText());
                    if (file == null) {
                        throw new AssertionError("unexpected command " + req.path("command").asText());
                    }
                    return json.write(json.read(Files.readString(SharedData.keaResponse(file))).get("response"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        return new KeaClient(t, json, Duration.ofSeconds(1));
    }

    private static ReservationEdit alpha(String mac) {
        return inSubnet(mac, 10);
    }

    private static ReservationEdit inSubnet(String mac, long subnet) {
        return new ReservationEdit.Put(new HostReservation(Mac.parse(mac), subnet, List.of("voip"), null, "",
                new HostReservation.Stamp("anna@ws1", Instant.parse("2026-11-27T12:00:00Z"), "guest")));
    }

    private List<String> commands() {
        return sent.stream().map(r -> r.path("command").asText()).toList();
    }

    @Test
    void hostCmdsIsChosenAndAddsInMemoryThenPersists() {
        Reservations r = Reservations.forKea(kea30(Map.of()), json, Reservations.SnapshotSink.NONE);
        Reservations.Result result = r.apply(List.of(alpha("ff:01:02:03:ff:04")), "test", Reservations.OnConflict.FAIL);
        assertThat(r.mechanism()).isEqualTo("host_cmds");
        assertThat(result.written()).isTrue();
        assertThat(commands()).contains("reservation-get", "reservation-add", "config-write").doesNotContain("config-set");
        JsonNode add = sent.stream().filter(x -> x.path("command").asText().equals("reservation-add")).findFirst().orElseThrow();
        assertThat(add.path("arguments").path("operation-target").asText()).isEqualTo("memory");
        JsonNode host = add.path("arguments").path("reservation");
        assertThat(host.path("hw-address").asText()).isEqualTo("ff:01:02:03:ff:04");
        assertThat(host.path("subnet-id").asLong()).isEqualTo(10);
        assertThat(host.path("client-classes").get(0).asText()).isEqualTo("voip");
        assertThat(host.path("user-context").path("gatehouse").path("by").asText()).isEqualTo("anna@ws1");
        assertThat(commands().indexOf("config-write")).isGreaterThan(commands().indexOf("reservation-add"));
    }

    @Test
    void keaErrorsTextReachesTheUser() {
        Reservations r = Reservations.forKea(kea30(Map.of("reservation-add", "kea-3.0/reservation-add.no-hosts-database.json")), json,
                Reservations.SnapshotSink.NONE);
        assertThatThrownBy(() -> r.apply(List.of(alpha("1a:1b:1c:1d:1e:1f")), "test", Reservations.OnConflict.FAIL))
                .isInstanceOfSatisfying(KeaRefused.class, e -> {
                    assertThat(e.keaText()).isEqualTo("Host database not available, cannot add host.");
                    assertThat(e.exitCode()).isEqualTo(1);
                });
        assertThat(commands()).doesNotContain("config-write");

        Reservations dup = Reservations.forKea(kea30(Map.of("reservation-add", "kea-3.0/reservation-add.duplicate-hw-address.memory.json")),
                json, Reservations.SnapshotSink.NONE);
        assertThatThrownBy(() -> dup.apply(List.of(alpha("ff:01:02:03:ff:01")), "test", Reservations.OnConflict.FAIL))
                .hasMessageContaining("as this host has already been added");
    }

    @Test
    void aSubnetInASharedNetworkIsRefusedBeforeAnythingIsSent() {
        Reservations r = Reservations.forKea(kea30(Map.of()), json, Reservations.SnapshotSink.NONE);
        assertThatThrownBy(() -> r.apply(List.of(inSubnet("ff:01:02:03:ff:05", 20)), "t", Reservations.OnConflict.FAIL))
                .isInstanceOf(ReservationRefused.class).hasMessageContaining("shared network 'office'");
        assertThat(commands()).doesNotContain("reservation-add", "config-write");
    }

    @Test
    void removingAReservationKeaDoesNotHaveIsNotAnError() {
        // Kea had the host when we looked, and another writer deleted it before our reservation-del.
        Reservations r = Reservations.forKea(kea30(Map.of("reservation-get", "kea-3.0/reservation-get.found.json",
                "reservation-del", "kea-3.0/reservation-del.not-found.json")), json, Reservations.SnapshotSink.NONE);
        Reservations.Result result = r.apply(List.of(new ReservationEdit.Remove(10, Mac.parse("01:02:03:04:05:06"))), "t",
                Reservations.OnConflict.FAIL);
        assertThat(result.outcomes()).singleElement().satisfies(o -> assertThat(o.status()).isEqualTo(Reservations.Status.UNCHANGED));
        assertThat(result.written()).isFalse();
        JsonNode del = sent.stream().filter(x -> x.path("command").asText().equals("reservation-del")).findFirst().orElseThrow();
        assertThat(del.path("arguments").path("identifier-type").asText()).isEqualTo("hw-address");
        assertThat(del.path("arguments").path("operation-target").asText()).isEqualTo("memory");
    }

    @Test
    void hostListsOfReservationGetAllAndConfigHashAreRead() {
        KeaClient k = kea30(Map.of("reservation-get-all", "kea-3.0/reservation-get-all.json", "config-hash-get", "kea-3.0/config-hash-get.json"));
        List<JsonNode> hosts = k.execute(new ReservationCommands.ReservationGetAll(1, ReservationCommands.MEMORY));
        assertThat(hosts.stream().map(h -> ConfigEdits.fromJson(h, 0)).toList())
                .extracting(HostReservation::hostname).containsExactly("reserved-hostname1", "reserved-hostname2", "reserved-hostname3");
        assertThat(ConfigEdits.fromJson(hosts.get(0), 0).subnetId()).isEqualTo(1);
        assertThat(k.execute(new ConfigCommands.ConfigHashGet())).hasSize(64);
    }
}
