package org.gatehouse.sw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.gatehouse.model.Mac;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switch whose output never reaches a prompt — looping after a command, or before the first
 * prompt — is stopped at 16 MiB with exit 1 (not at the 10-minute deadline, not with
 * OutOfMemoryError); a long but finite output (3 MB, more than a full 5130's MAC table) is read.
 */
class SwitchOutputCapTest {
    /** Rows of {@code display mac-address} from shared/switch-recordings/cli/display_mac-address/hp_comware_display_mac-address.raw. */
    static final String RECORDED_ROWS = "0000-1111-2222 1        Learned        Bridge-Aggregation1      AGING\r\n"
            + "fedc-ba09-8765 10       Learned        GigabitEthernet1/0/20    NOAGED\r\n"
            + "aaaa-bbbb-cccc 10       Learned        GigabitEthernet1/0/41    AGING\r\n"
            + "dead-beef-0042 20       Learned        GigabitEthernet1/0/10    AGING\r\n";
    static final String HEADER = "MAC ADDR       VLAN ID  STATE          PORT INDEX               AGING TIME(s)\r\n";
    static final String PROMPT = "<gate-sw>";

    @TempDir
    Path dir;

    SshServer server;
    final AtomicLong sent = new AtomicLong();

    /** How the fake CLI behaves: flood at login, flood after a display command, or a finite long table. */
    enum Mode { FLOOD_AT_LOGIN, FLOOD_AFTER_COMMAND, LONG_TABLE }

    private SshTarget start(Mode mode) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey")));
        server.setPasswordAuthenticator((u, p, s) -> "netops".equals(u) && "pw".equals(p));
        server.setShellFactory(channel -> new LoopingShell(mode));
        server.start();
        return new SshTarget("127.0.0.1", server.getPort(), "netops", "pw".toCharArray(), null, dir.resolve("known_hosts"), true,
                Duration.ofMinutes(10));
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }

    private ComwareSession open(SshTarget t) {
        return ComwareSession.open(t.endpoint(), new SshConnector().open(t), t.timeout());
    }

    @Test
    void outputThatNeverReachesAPromptStopsAtTheCapWithExit1() throws Exception {
        SshTarget t = start(Mode.FLOOD_AFTER_COMMAND);
        Instant begin = Instant.now();
        try (ComwareSession s = open(t)) {
            assertThatThrownBy(() -> s.run(CliCommand.displayMacAddress(Mac.parse("aa:bb:cc:dd:ee:ff"))))
                    .isInstanceOfSatisfying(SwitchFailure.class, f -> {
                        assertThat(f.exitCode()).isEqualTo(1);
                        assertThat(f.getMessage()).contains("display mac-address aabb-ccdd-eeff").contains("larger than 16 MiB");
                    });
        }
        assertThat(Duration.between(begin, Instant.now())).isLessThan(Duration.ofMinutes(3));
        assertThat(sent.get()).isGreaterThanOrEqualTo(ComwareSession.MAX_OUTPUT_CHARS);
    }

    @Test
    void aFloodBeforeTheFirstPromptStopsAtTheCapToo() throws Exception {
        SshTarget t = start(Mode.FLOOD_AT_LOGIN);
        assertThatThrownBy(() -> open(t)).isInstanceOfSatisfying(SwitchFailure.class, f -> {
            assertThat(f.exitCode()).isEqualTo(1);
            assertThat(f.getMessage()).contains("after login").contains("larger than 16 MiB");
        });
    }

    @Test
    void aLongButFiniteTableIsReadWhole() throws Exception {
        SshTarget t = start(Mode.LONG_TABLE);
        try (ComwareSession s = open(t)) {
            ComwareSession.Reply r = s.run(CliCommand.displayMacAddress(Mac.parse("aa:bb:cc:dd:ee:ff")));
            assertThat(r.lines()).hasSize(1 + 4 * 10_000);
            assertThat(ComwareParsers.macTable(r.lines())).hasSize(4 * 10_000);
        }
    }

    /** A minimal Comware-like shell: prompt, echo, screen-length disable, then the chosen behaviour. */
    private final class LoopingShell implements Command, Runnable {
        private final Mode mode;
        private InputStream in;
        private OutputStream out;
        private Thread thread;

        LoopingShell(Mode mode) {
            this.mode = mode;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            thread = new Thread(this, "looping-switch");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            thread.interrupt();
        }

        private void write(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            out.write(b);
            out.flush();
            sent.addAndGet(b.length);
        }

        @Override
        public void run() {
            try {
                if (mode == Mode.FLOOD_AT_LOGIN) {
                    while (true) {
                        write(RECORDED_ROWS.repeat(100));
                    }
                }
                write("\r\n" + PROMPT);
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    if (c != '\n' && c != '\r') {
                        line.append((char) c);
                        continue;
                    }
                    String cmd = line.toString().trim();
                    line.setLength(0);
                    if (cmd.isEmpty()) {
                        continue;
                    }
                    write(cmd + "\r\n");
                    if (cmd.startsWith("display mac-address")) {
                        write(HEADER);
                        if (mode == Mode.FLOOD_AFTER_COMMAND) {
                            while (true) {
                                write(RECORDED_ROWS.repeat(100));
                            }
                        }
                        for (int i = 0; i < 100; i++) {
                            write(RECORDED_ROWS.repeat(100));
                        }
                    }
                    write(PROMPT);
                }
            } catch (IOException e) {
                // the client went away
            }
        }
    }
}
