package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The config-writing commands against real answers of Kea 2.6 and 3.0 (src/test/resources/kea-responses). */
class ConfigCommandsRecordedTest {
    private final KeaJson json = new KeaJson();

    private KeaClient replaying(String file, AtomicReference<String> sent) throws IOException {
        JsonNode recorded = json.read(Files.readString(SharedData.keaResponse(file)));
        String reply = json.write(recorded.get("response"));
        boolean http = recorded.path("response").isArray();
        return new KeaClient(new KeaTransport() {
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
        }, json, Duration.ofSeconds(1));
    }

    private JsonNode requestOf(String file) throws IOException {
        return json.read(Files.readString(SharedData.keaResponse(file))).get("request");
    }

    @Test
    void configWriteNamesNoFileSoNewerKeaWritesItsOwn() throws IOException {
        AtomicReference<String> sent = new AtomicReference<>();
        // (The source-derived 3.0 success answer holds a placeholder string for the size.)
        ConfigCommands.Written w = replaying("kea-3.0/config-write.success.json", sent).execute(new ConfigCommands.ConfigWrite());
        assertThat(w.filename()).isEqualTo("test2.json");
        assertThat(json.read(sent.get()).has("arguments")).isFalse();
    }

    @Test
    void configWriteOutsideTheConfigDirectoryIsRefusedInKeasWords() throws IOException {
        for (String file : new String[] {"kea-2.6/config-write.path-rejected.json", "kea-3.0/config-write.path-rejected.json"}) {
            AtomicReference<String> sent = new AtomicReference<>();
            String target = requestOf(file).path("arguments").path("filename").asText();
            assertThatThrownBy(() -> replaying(file, sent).execute(new ConfigCommands.ConfigWriteTo(target)))
                    .isInstanceOf(KeaRefused.class)
                    .satisfies(e -> {
                        KeaRefused r = (KeaRefused) e;
                        assertThat(r.result()).isEqualTo(1);
                        assertThat(r.keaText()).startsWith("not allowed to write config into " + target)
                                .contains("must be in the same directory as the config file");
                        assertThat(r.exitCode()).isEqualTo(1);
                    });
            assertThat(json.read(sent.get()).path("arguments").path("filename").asText()).isEqualTo(target);
        }
    }

    @Test
    void configSetAnswersTheNewHashOrKeasReason() throws IOException {
        AtomicReference<String> sent = new AtomicReference<>();
        JsonNode dhcp4 = requestOf("kea-3.0/config-set.success.json").path("arguments").path("Dhcp4");
        assertThat(replaying("kea-3.0/config-set.success.json", sent).execute(new ConfigCommands.ConfigSet(dhcp4)))
                .isEqualTo("CEA228E014102D623F40E6E9C68EC166A6021A81E220A15276F8C87F68866FDF");
        assertThat(json.read(sent.get()).path("arguments").path("Dhcp4")).isEqualTo(dhcp4);
        JsonNode bad = requestOf("kea-3.0/config-set.error.json").path("arguments").path("Dhcp4");
        assertThatThrownBy(() -> replaying("kea-3.0/config-set.error.json", sent).execute(new ConfigCommands.ConfigSet(bad)))
                .isInstanceOf(KeaRefused.class).hasMessageContaining("mandatory 'subnet' parameter is missing");
    }

    @Test
    void configTestAndConfigHashGet() throws IOException {
        AtomicReference<String> sent = new AtomicReference<>();
        JsonNode ok = requestOf("kea-3.0/config-test.success.json").path("arguments").path("Dhcp4");
        replaying("kea-3.0/config-test.success.json", sent).execute(new ConfigCommands.ConfigTest(ok));
        assertThat(json.read(sent.get()).path("command").asText()).isEqualTo("config-test");
        JsonNode bad = requestOf("kea-3.0/config-test.error.json").path("arguments").path("Dhcp4");
        assertThatThrownBy(() -> replaying("kea-3.0/config-test.error.json", sent).execute(new ConfigCommands.ConfigTest(bad)))
                .isInstanceOf(KeaRefused.class).hasMessageContaining("subnet configuration failed");
        assertThat(replaying("kea-3.0/config-hash-get.json", sent).execute(new ConfigCommands.ConfigHashGet()))
                .matches("[0-9A-F]{64}");
    }
}
