package org.gatehouse.kea;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.gatehouse.model.BadInput;

/**
 * Kea's own unix control socket. Kea serves one command per connection and closes it after
 * answering; large answers arrive in chunks. Non-blocking I/O so that every call has a deadline.
 */
public final class UnixSocketTransport implements KeaTransport {
    private final Path socket;

    public UnixSocketTransport(Path socket) {
        this.socket = socket;
    }

    @Override
    public String describe() {
        return "unix:" + socket;
    }

    @Override
    public boolean wantsService() {
        return false;
    }

    @Override
    public String exchange(String request, Duration timeout) {
        return exchanged(request, timeout).text();
    }

    @Override
    public byte[] exchangeBytes(String request, Duration timeout) {
        return exchanged(request, timeout).bytes();
    }

    @Override
    public boolean keepsBytes() {
        return true;
    }

    private BoundedReply exchanged(String request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!Files.exists(socket)) {
            throw new KeaUnreachable(describe(), "no such socket (is kea-dhcp4 running, and is this its control socket?)", null);
        }
        refuseNonSocket();
        try (SocketChannel ch = connect(deadline);
             Selector selector = Selector.open()) {
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
            ch.register(selector, SelectionKey.OP_WRITE);
            while (out.hasRemaining()) {
                await(selector, deadline, "sending");
                ch.write(out);
            }
            ch.register(selector, SelectionKey.OP_READ);
            return readDocument(ch, selector, deadline);
        } catch (IOException e) {
            throw new KeaUnreachable(describe(), "connection failed: " + e.getMessage(), e);
        }
    }

    /** A regular file, directory or FIFO at the path is a wrong --kea, not an outage: exit 2, with what it is. */
    private void refuseNonSocket() {
        String kind;
        try {
            int type = (Integer) Files.readAttributes(socket, "unix:mode").get("mode") & 0170000;
            kind = switch (type) {
                case 0140000 -> null;
                case 0100000 -> "a regular file";
                case 0040000 -> "a directory";
                case 0010000 -> "a FIFO (named pipe)";
                default -> "a device";
            };
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            kind = Files.isDirectory(socket) ? "a directory" : Files.isRegularFile(socket) ? "a regular file" : null;
        }
        if (kind != null) {
            throw new BadInput("--kea", describe() + " is " + kind + ", not a socket; give kea-dhcp4's control socket"
                    + " (\"socket-name\" of its \"control-socket\")");
        }
    }

    /**
     * Connects without blocking past the deadline: a busy Kea (its listen backlog full during a
     * long config-set or lease dump) makes a unix connect wait or fail with EAGAIN, so retry briefly.
     */
    private SocketChannel connect(long deadline) {
        IOException last = null;
        while (System.nanoTime() < deadline) {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                ch.configureBlocking(false);
                if (!ch.connect(UnixDomainSocketAddress.of(socket))) {
                    try (Selector s = Selector.open()) {
                        ch.register(s, SelectionKey.OP_CONNECT);
                        await(s, deadline, "connecting");
                    }
                    ch.finishConnect();
                }
                return ch;
            } catch (KeaUnreachable timedOut) {
                close(ch);
                throw timedOut;
            } catch (IOException e) {
                close(ch);
                last = e;
                if (!String.valueOf(e.getMessage()).contains("temporarily unavailable")) {
                    break;
                }
                pause();
            }
        }
        throw new KeaUnreachable(describe(), last == null ? "timed out connecting" : "cannot connect: " + last.getMessage(), last);
    }

    private static void close(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // it never connected
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private BoundedReply readDocument(SocketChannel ch, Selector selector, long deadline) throws IOException {
        BoundedReply received = BoundedReply.onThreadBuffer();
        JsonDocumentScanner scanner = new JsonDocumentScanner();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (true) {
            await(selector, deadline, received.size() == 0 ? "waiting for an answer" : "reading the answer");
            int n = ch.read(buf);
            if (n < 0) {
                String text = received.text();
                throw new KeaProtocolError(text.isBlank() ? "Kea closed the connection without answering"
                        : "Kea closed the connection before the answer was complete: " + KeaProtocolError.excerpt(text));
            }
            buf.flip();
            int end = scanner.feed(buf.array(), 0, buf.limit());
            received.append(buf.array(), 0, end < 0 ? buf.limit() : end);
            buf.clear();
            if (end >= 0) {
                return received;
            }
        }
    }

    private void await(Selector selector, long deadline, String doing) throws IOException {
        long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMs <= 0 || selector.select(remainingMs) == 0 && System.nanoTime() >= deadline) {
            throw new KeaUnreachable(describe(), "timed out " + doing, null);
        }
        selector.selectedKeys().clear();
    }
}
