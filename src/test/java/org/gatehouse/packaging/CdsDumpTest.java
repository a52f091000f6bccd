package org.gatehouse.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/cds.sh dump, run as the launcher and packaging run it, with this JDK's own {@code java} as
 * the command: the archive goes exactly where CDS_ARCHIVE says, and never into the JDK's default
 * archive (lib/server/classes.jsa), which {@code -Xshare:dump} with no archive named rewrites — as root,
 * for every Java program on the machine. That happened: the launcher named no archive on the first run.
 */
class CdsDumpTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path JDK_ARCHIVE = Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa");

    @TempDir
    Path dir;

    @Test
    void writesTheNamedArchiveAndLeavesTheJdksOwnAlone() throws Exception {
        FileTime before = modified(JDK_ARCHIVE);
        Path archive = dir.resolve("app.jsa");
        Result r = dump(archive);
        assertThat(r.exit).as(r.output).isZero();
        assertThat(archive).isRegularFile();
        assertThat(Files.size(archive)).isPositive();
        assertThat(modified(JDK_ARCHIVE)).isEqualTo(before);
    }

    @Test
    void refusesWithoutANamedArchive() throws Exception {
        FileTime before = modified(JDK_ARCHIVE);
        Result r = dump(null);
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.output).contains("dump needs CDS_ARCHIVE");
        assertThat(modified(JDK_ARCHIVE)).isEqualTo(before);
    }

    private Result dump(Path archive) throws IOException, InterruptedException {
        Path list = dir.resolve("classes.list");
        Files.writeString(list, "java/lang/Object\njava/lang/String\n", StandardCharsets.UTF_8);
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of("sh", "packaging/cds.sh", "dump", list.toString(), JAVA.toString())))
                .redirectErrorStream(true);
        pb.environment().remove("CDS_ARCHIVE");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        if (archive != null) {
            pb.environment().put("CDS_ARCHIVE", archive.toString());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static FileTime modified(Path p) throws IOException {
        return Files.exists(p) ? Files.getLastModifiedTime(p) : FileTime.fromMillis(0);
    }

    private record Result(int exit, String output) {
    }
}
