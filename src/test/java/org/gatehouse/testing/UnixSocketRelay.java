package org.gatehouse.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A unix socket in front of a real kea-dhcp4's control socket: every command goes through to Kea
 * unchanged, and the relay remembers each one (to tell which server was asked what). After a
 * command Kea answered, a test may act (stop that Kea, as a crash right after a config-write
 * would) before the answer is passed on, so the client's next command finds Kea gone. Kea serves
 * one command per connection and closes it after answering, so one connection is one command.
 */
public final class UnixSocketRelay implements AutoCloseable {
    private final Path path;
    private final Path upstream;
    private final List<String> commands = new ArrayList<>();
    private volatile Consumer<String> afterAnswer = c -> { };
    private ServerSocketChannel server;
    private Thread thread;

    public UnixSocketRelay(Path path, Path upstream) throws IOException {
        this.path = path;
        this.upstream = upstream;
        open();
    }

    /** Listens (again) at the same path: the server is back under the name Gatehouse knows. */
    public synchronized void open() throws IOException {
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        ServerSocketChannel mine = server;
        thread = new Thread(() -> {
            while (mine.isOpen()) {
                SocketChannel client;
                try {
                    client = mine.accept();
                } catch (IOException e) {
                    return; // shut
                }
                try (client) {
                    relay(client);
                } catch (IOException | RuntimeException e) {
                    // this command failed (Kea gone): the client sees its connection closed without an answer
                }
            }
        }, "unix-socket-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops listening and removes the socket: a client then finds no server there. */
    public synchronized void shut() throws IOException {
        server.close();
        Files.deleteIfExists(path);
    }

    public String endpoint() {
        return "unix:" + path;
    }

    /** Runs after Kea answered a command (given its text), before the client gets the answer. */
    public void afterAnswer(Consumer<String> action) {
        this.afterAnswer = action;
    }

    /** Every command relayed so far, as the client sent it. */
    public synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    private void relay(SocketChannel client) throws IOException {
        String command = readDocument(client);
        if (command.isBlank()) {
            return;
        }
        synchronized (this) {
            commands.add(command);
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (SocketChannel kea = SocketChannel.open(UnixDomainSocketAddress.of(upstream))) {
            ByteBuffer out = ByteBuffer.wrap(command.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                kea.write(out);
            }
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            while (kea.read(buf) >= 0) {
                answer.write(buf.array(), 0, buf.position());
                buf.clear();
            }
        }
        afterAnswer.accept(command);
        ByteBuffer back = ByteBuffer.wrap(answer.toByteArray());
        while (back.hasRemaining()) {
            client.write(back);
        }
    }

    /** The client's command: it sends one JSON object and waits, so read until the braces balance. */
    private static String readDocument(SocketChannel client) throws IOException {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        int depth = 0;
        boolean started = false;
        boolean inString = false;
        boolean escaped = false;
        while (true) {
            int n = client.read(buf);
            if (n < 0) {
                return in.toString(StandardCharsets.UTF_8);
            }
            for (int i = 0; i < buf.position(); i++) {
                byte b = buf.get(i);
                in.write(b);
                if (inString) {
                    if (escaped) {
                        escaped = false;
                    } else if (b == '\\') {
                        escaped = true;
                    } else if (b == '"') {
                        inString = false;
                    }
                    continue;
                }
                if (b == '"') {
                    inString = true;
                } else if (b == '{') {
                    depth++;
                    started = true;
                } else if (b == '}' && --depth == 0 && started) {
                    return in.toString(StandardCharsets.UTF_8);
                }
            }
            buf.clear();
        }
    }

    @Override
    public void close() {
        try {
            shut();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
