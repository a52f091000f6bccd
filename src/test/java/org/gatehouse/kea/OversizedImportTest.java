package org.gatehouse.kea;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gatehouse.cli.CliRun;
import org.gatehouse.model.InputFiles;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files handed to Gatehouse have a size cap: an import over 16 MiB, or one that never ends
 * ({@code /dev/zero}), is bad input (exit 2) and the real Kea is left exactly as it was.
 */
@Tag("kea")
class OversizedImportTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("GATEHOUSE_KEA", kea.endpoint(), "GATEHOUSE_DB", dir.resolve("cache.db").toString(), "USER", "test");
    }

    private String running() {
        return kea.json().write(kea.client().config().raw());
    }

    @Test
    void anImportOverTheCapIsRefusedAndKeaIsUntouched() throws Exception {
        Path csv = dir.resolve("guests.csv");
        int rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("mac,class,hostname,note\n");
            while (Files.size(csv) <= InputFiles.MAX_IMPORT_BYTES) {
                for (int i = 0; i < 10_000; i++, rows++) {
                    w.write(String.format("02:00:%02x:%02x:%02x:%02x,registered,gast-%d,Zimmer für Gäste%n",
                            (rows >> 24) & 0xff, (rows >> 16) & 0xff, (rows >> 8) & 0xff, rows & 0xff, rows));
                }
                w.flush();
            }
        }
        String before = running();
        String fileBefore = kea.configFile();

        CliRun r = CliRun.run(env(), "reservations", "import", csv.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("gatehouse: error: bad FILE: ").contains("larger than 16 MiB").doesNotContain("OutOfMemoryError");
        assertThat(running()).isEqualTo(before);
        assertThat(kea.configFile()).isEqualTo(fileBefore);
    }

    @Test
    void anEndlessImportFileIsRefusedAtTheCap() {
        String before = running();
        CliRun r = CliRun.run(env(), "reservations", "import", "/dev/zero");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("larger than 16 MiB");
        assertThat(running()).isEqualTo(before);
    }

    @Test
    void anEndlessConfigFileForSiteCheckIsRefusedAtTheCap() {
        CliRun r = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("cache.db").toString()), "site", "check", "/dev/zero");
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("larger than 64 MiB");
    }
}
