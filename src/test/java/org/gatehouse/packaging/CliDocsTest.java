package org.gatehouse.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gatehouse.cli.CliDocs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The man page and bash completion the .deb installs, generated from the command model (CliDocs). */
class CliDocsTest {
    @TempDir
    Path dir;

    @Test
    void manPageAndCompletionCoverEveryCommand() throws Exception {
        CliDocs.main(new String[] {dir.toString()});
        String man = Files.readString(dir.resolve("gatehouse.1"));
        String completion = Files.readString(dir.resolve("gatehouse"));
        assertThat(man).startsWith(".\\\"").contains(".TH GATEHOUSE 1").contains(".SH NAME\ngatehouse \\- ")
                .contains(".SH EXIT STATUS");
        for (String command : new String[] {"leases list", "approve", "deny", "sync", "profile add", "site aging", "demo"}) {
            assertThat(man).as("man page section for " + command).contains(".SS \"gatehouse " + command + "\"");
        }
        // Help text never becomes a troff request: every line of it is guarded by \&.
        assertThat(man.lines().filter(l -> l.startsWith(".") || l.startsWith("'"))
                .filter(l -> !l.matches("^\\.(\\\\\"|TH|SH|SS|nf|fi|sp|PP|TP|B|BR) ?.*")))
                .isEmpty();
        // Non-ASCII help text (dashes, ellipses) as troff escapes: man shows it whatever the locale.
        assertThat(man.chars().filter(c -> c > 127).count()).as("non-ASCII characters in the man page").isZero();
        assertThat(man).contains("\\[u");
        assertThat(completion).contains("complete -F _complete_gatehouse").contains("--kea-password-file")
                .contains("leases").contains("profile");
    }
}
