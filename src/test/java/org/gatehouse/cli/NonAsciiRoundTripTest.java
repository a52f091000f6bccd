package org.gatehouse.cli;

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
 * Text round-trips byte for byte through a real Kea 2.2, which answers every UTF-8 byte of a
 * string as its own backslash-u-00XX escape. Non-ASCII sits in our notes, a client's hostname, a subnet
 * comment and another tool's user-context; 24 writes (approve, then unregister, twelve times)
 * leave the configuration as it was and its file the same size, and every note reads back as typed.
 */
@Tag("kea")
class NonAsciiRoundTripTest {
    private static final String STORK = "Büro Zürich — 東京 ✓ \"quoted\" \\ back";

    @RegisterExtension
    static KeaServer kea = new KeaServer(NonAsciiRoundTripTest::decorate);

    @TempDir
    Path dir;

    /** Non-ASCII where other people put it: a comment, another tool's user-context, a class's context. */
    static void decorate(ObjectNode config) {
        ObjectNode subnet = (ObjectNode) config.path("Dhcp4").path("subnet4").get(0);
        ObjectNode ctx = subnet.putObject("user-context");
        ctx.put("comment", "Gäste-WLAN, 2. Stock (Ärger? ñ)");
        ctx.putObject("stork").put("site", STORK);
        ObjectNode cls = (ObjectNode) config.path("Dhcp4").path("client-classes").get(0);
        cls.putObject("user-context").put("geprüft", "ja — ✓");
    }

    @Test
    void textSurvivesManyWritesAndTheConfigStaysTheSame() throws Exception {
        Map<String, String> env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("c.db").toString(), "USER", "test");
        kea.addLease(150, "02:11:22:33:44:55", "Jürgens-iPhone", 3600);
        JsonNode original = dhcp4();
        assertThat(original.path("subnet4").get(0).path("user-context").path("stork").path("site").asText()).isEqualTo(STORK);

        Long fileSize = null;
        String fileAfterFirst = null;
        for (int i = 0; i < 12; i++) {
            String mac = String.format("02:aa:bb:00:00:%02x", i);
            String note = "Müller " + i + " — 東京 ✓ Ω";
            CliRun approve = CliRun.run(env, "approve", mac, "--note", note, "--subnet", "40");
            assertThat(approve.exit()).as(approve.err()).isZero();
            JsonNode r = reservation(dhcp4(), mac);
            assertThat(r.path("user-context").path("gatehouse").path("note").asText()).isEqualTo(note);
            CliRun listed = CliRun.run(env, "reservations", "list", "--format", "json");
            assertThat(listed.out()).contains(note);

            CliRun undo = CliRun.run(env, "unregister", mac);
            assertThat(undo.exit()).as(undo.err()).isZero();
            // Canonical comparison: object key order is Kea's business, content is ours to keep.
            assertThat(dhcp4()).as("config after write %d", 2 * i + 2).isEqualTo(original);
            String file = kea.configFile();
            if (fileSize == null) {
                fileSize = (long) file.length();
                fileAfterFirst = file;
            }
            assertThat((long) file.length()).as("config file size after write %d", 2 * i + 2).isEqualTo(fileSize);
            assertThat(file).isEqualTo(fileAfterFirst);
        }
        JsonNode fromFile = KeaText.decodeBytes(new ObjectMapper().readTree(fileAfterFirst)).path("Dhcp4");
        assertThat(fromFile.path("subnet4").get(0).path("user-context").path("stork").path("site").asText()).isEqualTo(STORK);

        CliRun leases = CliRun.run(env, "leases", "list", "--format", "json");
        // Kea lowercases a lease hostname; the ü must come back as typed.
        assertThat(leases.out()).contains("jürgens-iphone").doesNotContain("Ã");
    }

    /**
     * Another tool writes JSON the way many libraries do by default (Python's json.dumps): every
     * non-ASCII character as a backslash-u escape, which Kea stores as one byte each, so Kea then
     * holds Latin-1, not UTF-8, in values and keys. Gatehouse's writes must send those bytes back
     * unchanged: the config file stays byte-identical across an approve and an unregister.
     */
    @Test
    void anotherToolsLatin1BytesSurviveOurWritesUnchanged() throws Exception {
        Map<String, String> env = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("l.db").toString());
        ObjectNode dhcp4 = (ObjectNode) dhcp4().deepCopy();
        dhcp4.putObject("user-context").put("owner", "@OWNER@").put("@K1@", "a").put("@K2@", "first").put("@K3@", "second");
        String text = kea.json().write(kea.json().object().put("command", "config-set").set("arguments",
                        kea.json().object().set("Dhcp4", dhcp4)))
                .replace("\"@OWNER@\"", "\"M\\u00fcller\"").replace("\"@K1@\"", "\"Gr\\u00fc\\u00dfe\"")
                .replace("\"@K2@\"", "\"\\u00e4\"").replace("\"@K3@\"", "\"\\u00f6\"");
        org.gatehouse.kea.UnixSocketTransport raw = new org.gatehouse.kea.UnixSocketTransport(kea.socket());
        assertThat(raw.exchange(text, java.time.Duration.ofSeconds(10))).contains("\"result\": 0");
        assertThat(raw.exchange("{\"command\": \"config-write\"}", java.time.Duration.ofSeconds(10))).contains("\"result\": 0");
        byte[] before = java.nio.file.Files.readAllBytes(kea.process().dir().resolve("kea-dhcp4.conf"));

        assertThat(CliRun.run(env, "approve", "02:aa:bb:cc:00:01", "--note", "Grüße", "--subnet", "40").exit()).isZero();
        assertThat(CliRun.run(env, "unregister", "02:aa:bb:cc:00:01").exit()).isZero();

        byte[] after = java.nio.file.Files.readAllBytes(kea.process().dir().resolve("kea-dhcp4.conf"));
        assertThat(new String(after, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(before, java.nio.charset.StandardCharsets.ISO_8859_1));
        // All four keys are still there, the two one-letter ones distinct.
        JsonNode context = dhcp4().path("user-context");
        assertThat(context.size()).isEqualTo(4);
    }

    private static JsonNode dhcp4() {
        return kea.client().config().raw().path("Dhcp4");
    }

    private static JsonNode reservation(JsonNode dhcp4, String mac) {
        for (JsonNode r : dhcp4.path("subnet4").get(0).path("reservations")) {
            if (mac.equals(r.path("hw-address").asText())) {
                return r;
            }
        }
        throw new AssertionError("no reservation for " + mac);
    }
}
