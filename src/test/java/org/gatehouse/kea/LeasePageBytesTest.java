package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gatehouse.model.Lease;
import org.gatehouse.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * A lease page is parsed from its bytes when they are plain ASCII (KeaClient.sendPage): the same
 * leases as from its text, for every recorded lease answer of Kea 2.2 to 3.2 (as Kea writes them:
 * its own spacing), and never for bytes that need Kea's byte escapes decoded or hold raw UTF-8.
 */
class LeasePageBytesTest {
    private final KeaJson json = new KeaJson();

    @Test
    void recordedLeaseAnswersReadTheSameFromBytesAsFromText() throws Exception {
        List<Path> files;
        try (Stream<Path> all = Files.walk(SharedData.keaResponse(""))) {
            files = all.filter(p -> p.getFileName().toString().matches("lease4-get-(all|page).*\\.json")).toList();
        }
        assertThat(files).as("recorded lease lists").hasSizeGreaterThanOrEqualTo(3);
        int fromBytes = 0;
        for (Path f : files) {
            JsonNode response = json.read(Files.readString(f)).get("response");
            // Kea's spacing ("key": value, ", " between items), as the socket gives it.
            String text = json.writeForKea(response);
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            List<Lease> asText = new LeaseListReader(json.mapper().getFactory()).read(text);
            if (KeaText.plainAscii(bytes)) {
                fromBytes++;
                assertThat(new LeaseListReader(json.mapper().getFactory()).read(bytes)).as(f.toString()).isEqualTo(asText);
            }
        }
        assertThat(fromBytes).as("answers read from their bytes").isPositive();
    }

    @Test
    void onlyPlainAsciiIsReadAsBytes() {
        assertThat(KeaText.plainAscii("{ \"hostname\": \"anna-iphone\", \"x\": \"\\u0041\" }".getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(KeaText.plainAscii("{ \"hostname\": \"j\\u00c3\\u00bcrgens\" }".getBytes(StandardCharsets.US_ASCII)))
                .as("Kea's byte escapes of UTF-8").isFalse();
        assertThat(KeaText.plainAscii("{ \"hostname\": \"jürgens\" }".getBytes(StandardCharsets.UTF_8))).as("raw UTF-8").isFalse();
        assertThat(KeaText.plainAscii("{ \"hostname\": \"a\\\\u00e9\" }".getBytes(StandardCharsets.US_ASCII)))
                .as("an escaped backslash before u00e9: left to the text reader").isFalse();
        assertThat(KeaText.plainAscii(new byte[0])).isTrue();
    }
}
