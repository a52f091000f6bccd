package org.gatehouse.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A unix socket that answers every connection with fixed bytes (or nothing), then closes or hangs.
 * Only for what no real Kea sends: garbage, truncated answers, silence.
 */
public final class FakeUnixServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path path;
    private final Thread thread;

    public FakeUnixServer(Path path, String reply, boolean hang) throws IOException {
        this.path = path;
        Files.deleteIfExists(path);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        thread = new Thread(() -> {
            while (server.isOpen()) {
                try (SocketChannel c = server.accept()) {
                    c.read(ByteBuffer.allocate(65536));
                    if (reply != null) {
                        c.write(ByteBuffer.wrap(reply.getBytes(StandardCharsets.UTF_8)));
                    }
                    if (hang) {
                        Thread.sleep(30_000);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "fake-unix-server");
        thread.setDaemon(true);
        thread.start();
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
        Files.deleteIfExists(path);
    }
}
