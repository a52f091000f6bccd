package org.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths that cannot be what the option wants get a clear error (exit 2), not a confusing failure later. */
class CliInputPathsTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyDbIsRefused() {
        for (String[] args : new String[][] {{"--db", "", "audit", "list"}, {"--db", "", "--kea", "unix:/nonexistent/kea.sock", "status"},
                {"db", "check", "--db", ""}}) {
            CliRun r = CliRun.run(Map.of(), args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("gatehouse: error: bad --db: the file name is empty");
        }
    }

    @Test
    void aKeaSocketPathThatIsNoSocketSaysSo() throws Exception {
        Path file = Files.writeString(dir.resolve("kea4-ctrl-socket.conf"), "{}");
        Path directory = Files.createDirectories(dir.resolve("kea"));
        Path fifo = dir.resolve("kea.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();
        Map<Path, String> kinds = Map.of(file, "a regular file", directory, "a directory", fifo, "a FIFO");
        kinds.forEach((path, kind) -> {
            CliRun r = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("cache.db").toString()), "--kea", "unix:" + path, "--timeout", "2",
                    "leases", "list");
            assertThat(r.exit()).as(path + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("gatehouse: error: bad --kea: unix:" + path + " is " + kind).contains("not a socket");
        });
        // a path that does not exist (yet) is still "Kea unreachable", as before
        CliRun missing = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("cache.db").toString()), "--kea", "unix:" + dir.resolve("nope.sock"),
                "leases", "list");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).contains("no such socket");
    }
}
