package org.gatehouse.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.gatehouse.testing.FakeUnixServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What no real Kea sends, from a tiny fake socket: garbage, cut-off answers, silence. */
class GarbageRepliesTest {

    @TempDir
    Path dir;

    private KeaClient client(Path socket, Duration timeout) {
        return new KeaClient(new UnixSocketTransport(socket), new KeaJson(), timeout);
    }

    @Test
    void garbageIsAProtocolErrorShowingWhatArrived() throws Exception {
        try (FakeUnixServer s = new FakeUnixServer(dir.resolve("k.sock"), "HTTP/1.0 500 oops\r\n", false)) {
            assertThatThrownBy(() -> client(s.path(), Duration.ofSeconds(2)).execute(new KeaCommands.VersionGet()))
                    .isInstanceOf(KeaProtocolError.class)
                    .hasMessageContaining("HTTP/1.0 500 oops")
                    .satisfies(e -> assertThat(((KeaProtocolError) e).exitCode()).isEqualTo(1));
        }
    }

    @Test
    void answerCutOffMidwayIsReported() throws Exception {
        try (FakeUnixServer s = new FakeUnixServer(dir.resolve("k.sock"), "{ \"result\": 0, \"arguments\": { \"leases\": [", false)) {
            assertThatThrownBy(() -> client(s.path(), Duration.ofSeconds(2)).execute(new KeaCommands.Lease4GetAll()))
                    .isInstanceOf(KeaProtocolError.class)
                    .hasMessageContaining("before the answer was complete")
                    .hasMessageContaining("\"leases\"");
        }
    }

    @Test
    void closingWithoutAnswerIsReported() throws Exception {
        try (FakeUnixServer s = new FakeUnixServer(dir.resolve("k.sock"), null, false)) {
            assertThatThrownBy(() -> client(s.path(), Duration.ofSeconds(2)).execute(new KeaCommands.VersionGet()))
                    .isInstanceOf(KeaProtocolError.class).hasMessageContaining("without answering");
        }
    }

    @Test
    void jsonWithoutResultCodeIsNotTakenForSuccess() throws Exception {
        try (FakeUnixServer s = new FakeUnixServer(dir.resolve("k.sock"), "{\"text\": \"hello\"}", false)) {
            assertThatThrownBy(() -> client(s.path(), Duration.ofSeconds(2)).execute(new KeaCommands.VersionGet()))
                    .isInstanceOf(KeaProtocolError.class).hasMessageContaining("no result code");
        }
    }

    @Test
    void silenceTimesOutAsUnreachable() throws Exception {
        try (FakeUnixServer s = new FakeUnixServer(dir.resolve("k.sock"), null, true)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(s.path(), Duration.ofMillis(700)).execute(new KeaCommands.VersionGet()))
                    .isInstanceOf(KeaUnreachable.class).hasMessageContaining("timed out")
                    .satisfies(e -> assertThat(((KeaUnreachable) e).exitCode()).isEqualTo(3));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aSocketThatAcceptsNothingTimesOutInsteadOfHanging() throws Exception {
        Path path = dir.resolve("busy.sock");
        java.util.List<java.nio.channels.SocketChannel> fillers = new java.util.ArrayList<>();
        try (java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(path), 1);
            // Fill the listen backlog, as a Kea busy in a long config-set would leave it.
            for (int i = 0; i < 64; i++) {
                java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX);
                c.configureBlocking(false);
                fillers.add(c);
                try {
                    c.connect(java.net.UnixDomainSocketAddress.of(path));
                } catch (java.io.IOException full) {
                    break;
                }
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(path, Duration.ofMillis(800)).execute(new KeaCommands.VersionGet()))
                    .isInstanceOf(KeaUnreachable.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (java.nio.channels.SocketChannel c : fillers) {
                c.close();
            }
        }
    }

    @Test
    void missingSocketNamesTheSocket() {
        Path missing = dir.resolve("nope.sock");
        assertThatThrownBy(() -> client(missing, Duration.ofSeconds(1)).execute(new KeaCommands.VersionGet()))
                .isInstanceOf(KeaUnreachable.class)
                .satisfies(e -> assertThat(((KeaUnreachable) e).what()).contains(missing.toString()));
    }

    @Test
    void answerSplitAcrossChunksWithTrailingBytesIsReadToTheDocumentEnd() throws Exception {
        String reply = "{ \"result\": 0, \"text\": \"2.2.0\", \"arguments\": { \"extended\": \"a } ] \\\" tricky\" } }";
        try (FakeUnixServer s = new FakeUnixServer(dir.resolve("k.sock"), reply, true)) {
            KeaVersion v = client(s.path(), Duration.ofSeconds(2)).execute(new KeaCommands.VersionGet());
            assertThat(v.version()).isEqualTo("2.2.0");
            assertThat(v.extended()).isEqualTo("a } ] \" tricky");
        }
    }
}
