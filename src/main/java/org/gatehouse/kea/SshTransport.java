package org.gatehouse.kea;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Kea's unix socket on another machine, reached through SSH: each command runs
 * {@code socat - UNIX-CONNECT:<socket>} on the server, which is how Kea's own docs suggest
 * remote access without the HTTP agent. The SSH session is kept and reused between commands.
 */
public final class SshTransport implements KeaTransport {
    private final String endpoint;
    private final String socketPath;
    private final Supplier<Session> sessionFactory;
    private Session session;

    /**
     * @param sessionFactory opens an authenticated, host-key-checked session (see {@code SshSessions})
     */
    public SshTransport(String endpoint, String socketPath, Supplier<Session> sessionFactory) {
        if (!socketPath.matches("/[A-Za-z0-9._/@+-]+")) {
            throw new org.gatehouse.model.BadInput("socket path", "'" + socketPath + "' is not a plain absolute path");
        }
        this.endpoint = endpoint;
        this.socketPath = socketPath;
        this.sessionFactory = sessionFactory;
    }

    @Override
    public String describe() {
        return endpoint;
    }

    @Override
    public boolean wantsService() {
        return false;
    }

    @Override
    public synchronized String exchange(String request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ChannelExec channel = null;
        try {
            if (session == null || !session.isConnected()) {
                session = sessionFactory.get();
            }
            channel = (ChannelExec) session.openChannel("exec");
            channel.setCommand("socat -t " + Math.max(1, timeout.toSeconds()) + " - UNIX-CONNECT:" + socketPath);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            // only an excerpt of stderr is ever shown: keep the first 64 KiB, drop the rest
            channel.setErrStream(new java.io.FilterOutputStream(err) {
                @Override
                public void write(int b) {
                    if (err.size() < 64 * 1024) {
                        err.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    err.write(b, off, Math.max(0, Math.min(len, 64 * 1024 - err.size())));
                }
            });
            InputStream in = channel.getInputStream();
            OutputStream out = channel.getOutputStream();
            channel.connect((int) Math.max(1, timeout.toMillis()));
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readDocument(channel, in, err, deadline);
        } catch (JSchException e) {
            session = null;
            throw new KeaUnreachable(endpoint, "SSH failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new KeaUnreachable(endpoint, "SSH channel failed: " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                channel.disconnect();
            }
        }
    }

    private String readDocument(ChannelExec channel, InputStream in, ByteArrayOutputStream err, long deadline) throws IOException {
        BoundedReply received = new BoundedReply();
        JsonDocumentScanner scanner = new JsonDocumentScanner();
        byte[] buf = new byte[64 * 1024];
        while (true) {
            if (in.available() > 0) {
                int n = in.read(buf);
                int end = scanner.feed(buf, 0, n);
                received.append(buf, 0, end < 0 ? n : end);
                if (end >= 0) {
                    return received.text();
                }
                continue;
            }
            if (channel.isClosed() && in.available() <= 0) {
                String text = received.text();
                String stderr = err.toString(StandardCharsets.UTF_8).trim();
                if (text.isBlank()) {
                    throw new KeaUnreachable(endpoint, "no answer from " + socketPath + " through SSH"
                            + (stderr.isEmpty() ? "" : ": " + KeaProtocolError.excerpt(stderr))
                            + " (exit " + channel.getExitStatus() + "; is socat installed on the server?)", null);
                }
                throw new KeaProtocolError("the answer through SSH was cut off: " + KeaProtocolError.excerpt(text));
            }
            if (System.nanoTime() > deadline) {
                throw new KeaUnreachable(endpoint, "timed out waiting for Kea through SSH", null);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeaUnreachable(endpoint, "interrupted", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.disconnect();
            session = null;
        }
    }
}
