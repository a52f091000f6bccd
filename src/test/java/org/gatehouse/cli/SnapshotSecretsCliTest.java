package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gatehouse.kea.ConfigCommands;
import org.gatehouse.kea.ConfigEdits;
import org.gatehouse.model.ConfigSecrets;
import org.gatehouse.model.Mac;
import org.gatehouse.testing.HaPeerPasswords;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.SecretScan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Kea 2.2 with the HA hook and basic-auth passwords on its peers (one ASCII, one not):
 * what config-get answers carries the passwords in clear. Approving (which snapshots), showing,
 * comparing and restoring must never put them in the cache or the output, and a restore must
 * give Kea its real passwords back, or refuse when it cannot.
 */
@Tag("kea")
class SnapshotSecretsCliTest {
    private static final String ASCII_SECRET = "Gh-ha-Secret-7Qz";
    private static final String UNICODE_SECRET = "pässwörd-ü€";
    private static final String PEERS = HaPeerPasswords.PEERS;

    @RegisterExtension
    static KeaServer kea = new KeaServer(c -> HaPeerPasswords.add(c, ASCII_SECRET, UNICODE_SECRET));

    @TempDir
    Path dir;

    private JsonNode running() {
        return kea.client().config().raw().path("Dhcp4");
    }

    @Test
    void snapshotsNeverHoldOrShowThePasswordsAndRestoreGivesKeaTheRealOnes() throws Exception {
        Path db = dir.resolve("cache.db");
        Map<String, String> online = Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", db.toString());
        Map<String, String> offline = Map.of("GATEHOUSE_DB", db.toString());
        assertThat(running().at(PEERS + "/1/basic-auth-password").asText()).as("Kea answers the password in clear").isEqualTo(UNICODE_SECRET);

        CliRun approve = CliRun.run(online, "approve", "f0:18:98:00:00:51", "--note", "Zoë");
        assertThat(approve.exit()).as(approve.err()).isZero();
        // Gatehouse's own config-set worked from a fresh config-get, never from a blanked copy: Kea keeps the real passwords.
        assertThat(running().at(PEERS + "/0/basic-auth-password").asText()).isEqualTo(ASCII_SECRET);
        assertThat(running().at(PEERS + "/1/basic-auth-password").asText()).isEqualTo(UNICODE_SECRET);
        assertThat(ConfigEdits.reservations(running())).extracting(r -> r.mac()).contains(Mac.parse("f0:18:98:00:00:51"));

        List<CliRun> shown = new ArrayList<>(List.of(approve,
                CliRun.run(offline, "snapshot", "list", "--format", "json"),
                CliRun.run(offline, "snapshot", "show", "1"),
                CliRun.run(online, "snapshot", "diff", "1", "--side-by-side"),
                CliRun.run(online, "snapshot", "diff", "1", "--format", "json", "--side-by-side")));
        CliRun show = shown.get(2);
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("\"basic-auth-password\" : \"" + ConfigSecrets.MARKER + "\"").contains("\"basic-auth-user\" : \"ha\"");
        assertThat(shown.get(3).out()).contains("f0:18:98:00:00:51").contains("basic-auth-password");
        assertNoSecretIn(dir, "after approve");

        CliRun restore = CliRun.run(online, "snapshot", "restore", "1", "--note", "undo Zoë");
        assertThat(restore.exit()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("restored snapshot #1");
        assertThat(ConfigEdits.reservations(running())).extracting(r -> r.mac()).doesNotContain(Mac.parse("f0:18:98:00:00:51"));
        assertThat(running().at(PEERS + "/0/basic-auth-password").asText()).isEqualTo(ASCII_SECRET);
        assertThat(running().at(PEERS + "/1/basic-auth-password").asText()).isEqualTo(UNICODE_SECRET);
        assertThat(kea.configFile()).as("the file Kea restarts from").doesNotContain(ConfigSecrets.MARKER).contains("basic-auth-password");
        shown.add(restore);
        shown.add(CliRun.run(offline, "snapshot", "show", "2"));
        shown.add(CliRun.run(offline, "snapshot", "diff", "1", "2", "--side-by-side"));
        shown.add(CliRun.run(offline, "audit", "list", "--format", "json"));
        assertThat(shown.get(shown.size() - 1).out()).contains("config-restore");
        assertNoSecretIn(dir, "after restore");
        for (CliRun r : shown) {
            assertThat(forms(UNICODE_SECRET).stream().anyMatch(f -> r.out().contains(f) || r.err().contains(f))).isFalse();
            assertThat(r.out() + r.err()).doesNotContain(ASCII_SECRET);
        }

        // Someone removes server2's credentials: snapshot #1 had a password there that Gatehouse cannot supply.
        ObjectNode withoutServer2 = (ObjectNode) running().deepCopy();
        ObjectNode server2 = (ObjectNode) withoutServer2.at(PEERS + "/1");
        server2.remove("basic-auth-user");
        server2.remove("basic-auth-password");
        kea.client().execute(new ConfigCommands.ConfigSet(withoutServer2));
        String before = kea.json().write(kea.client().config().raw());
        String fileBefore = kea.configFile();
        int snapshotsBefore = countSnapshots(offline);

        CliRun refused = CliRun.run(online, "snapshot", "restore", "1");
        assertThat(refused.exit()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("snapshot #1 had secrets")
                .contains("Dhcp4.hooks-libraries[2].parameters.high-availability[0].peers[name=server2].basic-auth-password")
                .contains("nothing was written").doesNotContain(ASCII_SECRET);
        assertThat(kea.json().write(kea.client().config().raw())).as("the running configuration is unchanged").isEqualTo(before);
        assertThat(kea.configFile()).isEqualTo(fileBefore);
        assertThat(countSnapshots(offline)).isEqualTo(snapshotsBefore);
        assertThat(running().at(PEERS + "/0/basic-auth-password").asText()).isEqualTo(ASCII_SECRET);
        CliRun audit = CliRun.run(offline, "audit", "list", "--action", "config-restore");
        assertThat(audit.out()).contains("had secrets").doesNotContain(ASCII_SECRET);
        assertNoSecretIn(dir, "after the refused restore");
    }

    private static int countSnapshots(Map<String, String> offline) throws IOException {
        CliRun list = CliRun.run(offline, "snapshot", "list", "--format", "json");
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out()).size();
    }

    /** The cache file (and its journal) read raw: no password in any encoding. */
    private static void assertNoSecretIn(Path dir, String when) throws IOException {
        assertThat(SecretScan.find(List.of(dir), List.of(ASCII_SECRET, UNICODE_SECRET))).as(when).isEmpty();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String form : forms(UNICODE_SECRET)) {
                    assertThat(bytes).as(when + ": " + f + " holds " + form).doesNotContain(latin(form));
                }
                for (java.nio.charset.Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                    for (String secret : List.of(ASCII_SECRET, UNICODE_SECRET)) {
                        assertThat(bytes).as(when + ": " + f + " holds a password as " + utf16)
                                .doesNotContain(new String(secret.getBytes(utf16), StandardCharsets.ISO_8859_1));
                    }
                }
            }
        }
    }

    /** The password as JSON may spell it: each character escaped, Kea's one escape per UTF-8 byte, doubly encoded. */
    private static List<String> forms(String secret) {
        List<String> out = new ArrayList<>();
        out.add(secret);
        for (boolean upper : new boolean[] {false, true}) {
            StringBuilder perChar = new StringBuilder();
            StringBuilder perByte = new StringBuilder();
            for (char c : secret.toCharArray()) {
                if (c < 0x80) {
                    perChar.append(c);
                    perByte.append(c);
                    continue;
                }
                perChar.append(String.format(upper ? "\\u%04X" : "\\u%04x", (int) c));
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    perByte.append(String.format(upper ? "\\u%04X" : "\\u%04x", b & 0xff));
                }
            }
            out.add(perChar.toString());
            out.add(perByte.toString());
        }
        out.add(new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)); // mojibake, as text
        return out;
    }

    /** A form as the ISO-8859-1 text of its UTF-8 bytes (how the raw file is searched). */
    private static String latin(String form) {
        return new String(form.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
