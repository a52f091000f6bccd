package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.gatehouse.model.Lease;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The client against real answers of Kea 2.4-3.2 (src/test/resources/kea-responses), for the paths no local
 * Kea 2.2 can produce: arrays from HTTP sockets, result 4, renamed keys, host_cmds in list-commands.
 */
class RecordedResponsesTest {
    private final KeaJson json = new KeaJson();

    /** A transport that replays the recorded response of {@code file} and remembers the request. */
    private KeaClient replaying(String file, boolean http, AtomicReference<String> sent) throws IOException {
        JsonNode recorded = json.read(Files.readString(SharedData.keaResponse(file)));
        String reply = json.write(recorded.get("response"));
        KeaTransport t = new KeaTransport() {
            @Override
            public String describe() {
                return "recorded:" + file;
            }

            @Override
            public boolean wantsService() {
                return http;
            }

            @Override
            public String exchange(String request, Duration timeout) {
                sent.set(request);
                return reply;
            }
        };
        return new KeaClient(t, json, Duration.ofSeconds(1));
    }

    private KeaClient replaying(String file) throws IOException {
        return replaying(file, false, new AtomicReference<>());
    }

    @Test
    void controlAgentArrayAnswerIsUnwrappedAndServiceIsSentOverHttp() throws IOException {
        AtomicReference<String> sent = new AtomicReference<>();
        KeaVersion v = replaying("kea-2.6/version-get.json", true, sent).execute(new KeaCommands.VersionGet());
        assertThat(v.version()).startsWith("2.6.3");
        assertThat(v.extended()).contains("linked with");
        assertThat(json.read(sent.get()).path("service").get(0).asText()).isEqualTo("dhcp4");
    }

    @Test
    void unixRequestsCarryNoService() throws IOException {
        AtomicReference<String> sent = new AtomicReference<>();
        replaying("kea-3.0/lease4-del.result-3.json", false, sent).execute(new KeaCommands.Lease4Del(org.gatehouse.model.Ipv4.parse("192.0.2.1")));
        assertThat(json.read(sent.get()).has("service")).isFalse();
    }

    @Test
    void hostCommandsAndConfigHashAreDetectedFromListCommands() throws IOException {
        var commands = replaying("kea-3.0/list-commands.host_cmds-subnet_cmds.json").execute(new KeaCommands.ListCommands());
        Capabilities caps = new Capabilities(new KeaVersion("3.0.0", ""), commands);
        assertThat(caps.hostCommands()).isTrue();
        assertThat(caps.configHash()).isTrue();
        assertThat(caps.hookFamilies()).contains("host_cmds", "subnet_cmds");
        Capabilities none = new Capabilities(new KeaVersion("3.0.0", ""),
                replaying("kea-3.0/list-commands.no-hooks.json").execute(new KeaCommands.ListCommands()));
        assertThat(none.leaseCommands()).isFalse();
        assertThat(none.hostCommands()).isFalse();
    }

    @Test
    void leasesOfKea3WithExtraFieldsParse() throws IOException {
        List<Lease> leases = replaying("kea-3.0/lease4-get-all.json").execute(new KeaCommands.Lease4GetAll());
        assertThat(leases).isNotEmpty();
        assertThat(leases.get(0).ip().toString()).isEqualTo("192.168.50.5");
        assertThat(leases.get(0).mac().toString()).isEqualTo("1a:1b:1c:1d:1e:05");
    }

    @Test
    void pageAfterTheLastIsEmptyNotAnError() throws IOException {
        assertThat(replaying("kea-3.0/lease4-get-page.last-page.json").execute(new KeaCommands.Lease4GetPage(null, 100))).isEmpty();
        assertThat(replaying("kea-3.0/lease4-get-all.empty.json").execute(new KeaCommands.Lease4GetAll())).isEmpty();
    }

    @Test
    void result4IsAConflictWithExitCode4() throws IOException {
        assertThatThrownBy(() -> replaying("kea-2.6/lease4-add.already-exists.json").execute(new KeaCommands.StatusGet()))
                .isInstanceOf(KeaConflict.class)
                .hasMessageContaining("IPv4 lease already exists.")
                .satisfies(e -> assertThat(((KeaConflict) e).exitCode()).isEqualTo(4));
    }

    @Test
    void unsupportedCommandIsTyped() throws IOException {
        assertThatThrownBy(() -> replaying("kea-3.0/command-not-supported.json").execute(new KeaCommands.StatusGet()))
                .isInstanceOf(KeaUnsupported.class).hasMessageContaining("not supported");
    }

    @Test
    void httpLevelRefusalsAreBareObjectsAndStillReadable() throws IOException {
        assertThatThrownBy(() -> replaying("kea-3.0/http-control-socket.unauthorized.json", true, new AtomicReference<>())
                .execute(new KeaCommands.VersionGet()))
                .isInstanceOf(KeaRefused.class).hasMessageContaining("Unauthorized")
                .satisfies(e -> assertThat(((KeaRefused) e).result()).isEqualTo(401));
    }

    @Test
    void controlAgentWithDaemonDownSaysSo() throws IOException {
        assertThatThrownBy(() -> replaying("kea-3.0/ca.daemon-offline.json", true, new AtomicReference<>())
                .execute(new KeaCommands.VersionGet()))
                .isInstanceOf(KeaRefused.class).hasMessageContaining("likely to be offline");
    }

    @Test
    void poolClassesReadInBothSpellings() throws IOException {
        // These two recordings hold only the arguments (the unit test asserts no envelope).
        KeaConfig old = KeaConfig.parse(json.read(Files.readString(SharedData.keaResponse("kea-2.4/config-get.pool-client-class.json")))
                .path("response").path("arguments"));
        KeaConfig renamed = KeaConfig.parse(json.read(Files.readString(SharedData.keaResponse("kea-3.0/config-get.pool-client-classes.json")))
                .path("response").path("arguments"));
        assertThat(old.subnets()).flatExtracting(KeaConfig.Subnet::pools).anySatisfy(p -> assertThat(p.clientClasses()).containsExactly("alpha"));
        assertThat(renamed.subnets()).flatExtracting(KeaConfig.Subnet::pools).anySatisfy(p -> assertThat(p.clientClasses()).containsExactly("alpha"));
    }

    @Test
    void configHashOfNewerKeaIsKeptAndSharedNetworksAreMarked() throws IOException {
        KeaConfig c26 = replaying("kea-2.6/config-get.json", true, new AtomicReference<>()).config();
        assertThat(c26.hash()).matches("[0-9A-F]{64}");
        KeaConfig c32 = replaying("kea-3.2/config-get.json").config();
        assertThat(c32.subnets()).isNotEmpty();
        assertThat(c32.subnets()).anySatisfy(s -> assertThat(s.sharedNetwork()).isNotNull());
    }
}
