package org.gatehouse.kea;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.gatehouse.cli.CliRun;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.testing.ScaleKea;
import org.gatehouse.testing.TestSshServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer that never ends — over the unix socket, HTTP and SSH — stops at the 64 MiB cap with a
 * clear error and exit 1 (not at the deadline, not with OutOfMemoryError), also in a process with
 * the launcher's 384 MB heap; a real 50,000-lease answer passes far below the cap, also through SSH.
 */
@Tag("kea")
@Tag("switch")
class OversizedReplyTest {
    /** One lease exactly as kea-dhcp4 2.2 printed it in lease4-get-all (ScaleKea, measured). */
    static final String KEA_LEASE = "{ \"cltt\": 1796646203, \"fqdn-fwd\": false, \"fqdn-rev\": false, \"hostname\": \"raspberrypi-2\", "
            + "\"hw-address\": \"3c:22:fb:00:00:02\", \"ip-address\": \"10.100.0.5\", \"state\": 0, \"subnet-id\": 100, \"valid-lft\": 86400 }, ";
    static final String START = "{ \"arguments\": { \"leases\": [ ";
    static final long CAP = BoundedReply.DEFAULT_MAX;

    @TempDir
    Path dir;

    /** A "Kea" whose lease list never ends, as a stuck or hostile server would send it. */
    static final class EndlessStream {
        final AtomicLong sent = new AtomicLong();

        void pour(WritableOut out) throws IOException {
            byte[] block = KEA_LEASE.repeat(300).getBytes(StandardCharsets.US_ASCII);
            out.write(START.getBytes(StandardCharsets.US_ASCII));
            while (true) {
                out.write(block);
                sent.addAndGet(block.length);
            }
        }
    }

    @FunctionalInterface
    interface WritableOut {
        void write(byte[] b) throws IOException;
    }

    static final class EndlessUnixServer implements AutoCloseable {
        final EndlessStream stream = new EndlessStream();
        final ServerSocketChannel server;
        final Path path;

        EndlessUnixServer(Path path) throws IOException {
            this.path = path;
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Thread t = new Thread(() -> {
                while (server.isOpen()) {
                    try (SocketChannel c = server.accept()) {
                        c.read(ByteBuffer.allocate(65536));
                        stream.pour(b -> {
                            ByteBuffer buf = ByteBuffer.wrap(b);
                            while (buf.hasRemaining()) {
                                c.write(buf);
                            }
                        });
                    } catch (IOException e) {
                        // the client hung up: wait for the next one
                    }
                }
            }, "endless-kea");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void anEndlessAnswerOnTheUnixSocketStopsAtTheCapNotAtTheDeadline() throws Exception {
        try (EndlessUnixServer s = new EndlessUnixServer(dir.resolve("kea.sock"))) {
            KeaClient client = new KeaClient(new UnixSocketTransport(s.path), new KeaJson(), Duration.ofMinutes(10));
            Instant start = Instant.now();
            assertThatThrownBy(() -> client.execute(new KeaCommands.Lease4GetAll()))
                    .isInstanceOfSatisfying(KeaProtocolError.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("larger than 64 MiB").contains("\"leases\"");
                    });
            // stopped by the cap: minutes before the 10-minute deadline, after about 64 MiB
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMinutes(2));
            assertThat(s.stream.sent.get()).isGreaterThanOrEqualTo(CAP - 2 * 1024 * 1024);
        }
    }

    @Test
    void theCliWithTheLaunchersHeapSaysSoAndExits1InsteadOfRunningOutOfMemory() throws Exception {
        try (EndlessUnixServer s = new EndlessUnixServer(dir.resolve("kea.sock"))) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // the heap options of the ./gatehouse launcher
            Process p = new ProcessBuilder(java, "-Xmx384m", "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10",
                    "-cp", System.getProperty("java.class.path"), "org.gatehouse.app.Main",
                    "--kea", "unix:" + s.path, "--db", dir.resolve("cache.db").toString(), "--timeout", "600", "leases", "list")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(err).contains("gatehouse: error: kea: the answer is larger than 64 MiB")
                    .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
            assertThat(p.exitValue()).as(err).isEqualTo(1);
        }
    }

    @Test
    void anEndlessHttpBodyStopsAtTheCapAsDoesAnAnnouncedOversizedOne() throws Exception {
        EndlessStream stream = new EndlessStream();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/chunked", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 0); // chunked, no length
            pourInto(stream, ex.getResponseBody());
        });
        http.createContext("/announced", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 1L << 40); // says 1 TiB is coming
            pourInto(stream, ex.getResponseBody());
        });
        http.start();
        try {
            for (String path : new String[] {"chunked", "announced"}) {
                CliRun r = CliRun.run(Map.of("GATEHOUSE_KEA", "http://127.0.0.1:" + http.getAddress().getPort() + "/" + path,
                        "GATEHOUSE_DB", dir.resolve("cache.db").toString()), "--timeout", "600", "leases", "list");
                assertThat(r.err()).as(path + ": " + r.out()).contains("gatehouse: error: kea: the answer is larger than 64 MiB");
                assertThat(r.exit()).as(path).isEqualTo(1);
            }
        } finally {
            http.stop(0);
        }
    }

    private static void pourInto(EndlessStream stream, OutputStream out) {
        try (out) {
            stream.pour(out::write);
        } catch (IOException e) {
            // the client hung up
        }
    }

    @Test
    void anEndlessAnswerThroughSshStopsAtTheCap() throws Exception {
        EndlessStream stream = new EndlessStream();
        CommandFactory endlessSocat = (channel, command) -> new Command() {
            private OutputStream out;
            private Thread thread;

            @Override
            public void setInputStream(java.io.InputStream in) {
            }

            @Override
            public void setOutputStream(OutputStream out) {
                this.out = out;
            }

            @Override
            public void setErrorStream(OutputStream err) {
            }

            @Override
            public void setExitCallback(org.apache.sshd.server.ExitCallback callback) {
            }

            @Override
            public void start(org.apache.sshd.server.channel.ChannelSession ch, org.apache.sshd.server.Environment env) {
                thread = new Thread(() -> pourInto(stream, out), "endless-socat");
                thread.setDaemon(true);
                thread.start();
            }

            @Override
            public void destroy(org.apache.sshd.server.channel.ChannelSession ch) {
                thread.interrupt();
            }
        };
        try (TestSshServer ssh = new TestSshServer(dir.resolve("hostkey.ser"), endlessSocat)) {
            Path password = dir.resolve("pw");
            Files.writeString(password, ssh.password());
            Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
            CliRun r = CliRun.run(Map.of("GATEHOUSE_DB", dir.resolve("cache.db").toString()),
                    "--kea", "ssh://" + ssh.user() + "@127.0.0.1:" + ssh.port() + "/run/kea/kea4-ctrl-socket",
                    "--kea-password-file", password.toString(), "--known-hosts", dir.resolve("known_hosts").toString(),
                    "--accept-new-host-key", "--timeout", "600", "leases", "list");
            assertThat(r.err()).as(r.out()).contains("gatehouse: error: kea: the answer is larger than 64 MiB");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(stream.sent.get()).isGreaterThanOrEqualTo(CAP - 2 * 1024 * 1024);
        }
    }

    /** What the cap must leave room for: lease4-get-all of 50,000 leases from a real kea-dhcp4 (about 10 MB). */
    @Test
    void aRealFiftyThousandLeaseAnswerIsFarBelowTheCap() throws Exception {
        KeaJson json = new KeaJson();
        try (LocalKea kea = ScaleKea.start(json, ScaleKea.leases(50_000, Instant.now(), 7))) {
            String answer = new UnixSocketTransport(kea.socket()).exchange("{\"command\": \"lease4-get-all\"}", Duration.ofSeconds(60));
            assertThat(json.read(answer).path("arguments").path("leases").size()).isEqualTo(50_000);
            long bytes = answer.getBytes(StandardCharsets.UTF_8).length;
            assertThat(bytes * 4).as("%d bytes", bytes).isLessThan(CAP);

            // the same 10 MB through SSH and the server's socat (JSch's pipe once stalled such answers until the deadline)
            try (TestSshServer ssh = new TestSshServer(dir.resolve("hostkey.ser"), ProcessShellCommandFactory.INSTANCE)) {
                SshTarget t = new SshTarget("127.0.0.1", ssh.port(), ssh.user(), ssh.password().toCharArray(), null,
                        dir.resolve("known_hosts"), true, Duration.ofSeconds(60));
                SshConnector connector = new SshConnector();
                try (SshTransport transport = new SshTransport(t.endpoint() + kea.socket(), kea.socket().toString(), () -> connector.open(t))) {
                    String viaSsh = transport.exchange("{\"command\": \"lease4-get-all\"}", Duration.ofSeconds(60));
                    assertThat(json.read(viaSsh).path("arguments").path("leases").size()).isEqualTo(50_000);
                }
            }
        }
    }
}
