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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private ScheduledExecutorService watchdogs;

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

    /**
     * Reads up to the end of the JSON document. JSch's {@code available()} reports 0 once its pipe
     * has filled (an answer over about 512 KB then stalled until the deadline), so this reads
     * blocking and a watchdog disconnects the channel at the deadline.
     */
    private String readDocument(ChannelExec channel, InputStream in, ByteArrayOutputStream err, long deadline) throws IOException {
        BoundedReply received = new BoundedReply();
        JsonDocumentScanner scanner = new JsonDocumentScanner();
        byte[] buf = new byte[64 * 1024];
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = watchdogs().schedule(() -> {
            timedOut.set(true);
            channel.disconnect();
        }, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    if (timedOut.get()) {
                        throw new KeaUnreachable(endpoint, "timed out waiting for Kea through SSH", e);
                    }
                    throw e;
                }
                if (timedOut.get()) {
                    throw new KeaUnreachable(endpoint, "timed out waiting for Kea through SSH", null);
                }
                if (n < 0) {
                    throw endedEarly(channel, received.text(), err, deadline);
                }
                int end = scanner.feed(buf, 0, n);
                received.append(buf, 0, end < 0 ? n : end);
                if (end >= 0) {
                    return received.text();
                }
            }
        } finally {
            watchdog.cancel(false);
        }
    }

    private KeaException endedEarly(ChannelExec channel, String text, ByteArrayOutputStream err, long deadline) {
        if (!text.isBlank()) {
            return new KeaProtocolError("the answer through SSH was cut off: " + KeaProtocolError.excerpt(text));
        }
        // the exit status arrives just after the end of the output
        long until = Math.min(deadline, System.nanoTime() + 500_000_000L);
        while (!channel.isClosed() && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        String stderr = err.toString(StandardCharsets.UTF_8).trim();
        return new KeaUnreachable(endpoint, "no answer from " + socketPath + " through SSH"
                + (stderr.isEmpty() ? "" : ": " + KeaProtocolError.excerpt(stderr))
                + " (exit " + channel.getExitStatus() + "; is socat installed on the server?)", null);
    }

    private synchronized ScheduledExecutorService watchdogs() {
        if (watchdogs == null) {
            watchdogs = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "kea-ssh-deadline");
                t.setDaemon(true);
                return t;
            });
        }
        return watchdogs;
    }

    @Override
    public synchronized void close() {
        if (watchdogs != null) {
            watchdogs.shutdownNow();
            watchdogs = null;
        }
        if (session != null) {
            session.disconnect();
            session = null;
        }
    }
}
