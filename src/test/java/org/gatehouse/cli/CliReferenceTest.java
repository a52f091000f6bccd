package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/cli.md is what the picocli model generates: a command, option or description changed in code changes the reference. */
class CliReferenceTest {

    @Test
    void docsCliMdIsWhatTheCommandLineGenerates() throws IOException {
        String expected = CliReference.render();
        Path fresh = Path.of("target", "cli.md");
        Files.writeString(fresh, expected, StandardCharsets.UTF_8);
        assertThat(Files.readString(CliReference.REFERENCE, StandardCharsets.UTF_8))
                .as("docs/cli.md differs from what the command line generates; the fresh one is in target/cli.md "
                        + "(cp target/cli.md docs/cli.md after checking the change)")
                .isEqualTo(expected);
    }

    @Test
    void theReferenceNamesEveryCommandAndItsOptions() throws IOException {
        String md = CliReference.render();
        assertThat(md).contains("### `gatehouse approve`", "### `gatehouse switch block`", "### `gatehouse demo`",
                "### `gatehouse site check`", "--kea=", "--format=", "Exit codes");
        // It links only inside the repository: nothing that climbs out of it.
        assertThat(md).doesNotContain("](../");
    }
}
