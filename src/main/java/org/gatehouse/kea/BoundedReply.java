package org.gatehouse.kea;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * One answer from Kea, collected with a size cap: a server that keeps sending (a broken proxy, a
 * wrong socket, an attack) is stopped at the cap with a clear error (exit 1) instead of filling the
 * heap. The cap, 64 MiB by default ({@value #PROPERTY} raises it), is about six times
 * {@code lease4-get-all} for 50,000 leases (10.2 MB, measured on Kea 2.2) and four times the
 * {@code config-get} of a site with 50,000 reservations (15.6 MB measured); it also fits the launcher's 384 MB heap,
 * which a larger cap would not (an endless answer would then end in OutOfMemoryError after all).
 * Bytes are kept in 1 MiB blocks, so collecting never copies what was already received.
 */
final class BoundedReply {
    static final String PROPERTY = "gatehouse.kea.maxReplyBytes";
    static final long DEFAULT_MAX = 64L * 1024 * 1024;
    private static final int BLOCK = 1024 * 1024;
    /**
     * Blocks start small and double up to half a MiB: a 150 kB page of leases (a console reads a
     * hundred of them per refresh) then costs no 1 MiB array, which the JVM would have to place
     * as a "humongous" object of its own.
     */
    private static final int FIRST_BLOCK = 16 * 1024;
    private static final int LARGEST_BLOCK = BLOCK / 2;

    private final long max;
    private final List<byte[]> blocks = new ArrayList<>();
    private int used;
    private long size;

    BoundedReply() {
        this(configuredMax());
    }

    BoundedReply(long max) {
        this.max = max;
    }

    /**
     * Reads into this thread's buffer first (256 kB, kept between answers): a console reads a
     * hundred 150 kB pages of leases per refresh, and then allocates only their text. Only for an
     * answer read from start to end on the calling thread, and finished (text taken) before the
     * thread reads another.
     */
    static BoundedReply onThreadBuffer() {
        BoundedReply r = new BoundedReply(configuredMax());
        r.blocks.add(THREAD_BUFFER.get());
        return r;
    }

    private static final ThreadLocal<byte[]> THREAD_BUFFER = ThreadLocal.withInitial(() -> new byte[LARGEST_BLOCK / 2]);

    /** The cap in bytes: {@code -Dgatehouse.kea.maxReplyBytes=N} (at least 1 MiB), else {@link #DEFAULT_MAX}. */
    static long configuredMax() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_MAX;
        }
        try {
            return Math.max(BLOCK, Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return DEFAULT_MAX;
        }
    }

    long size() {
        return size;
    }

    /** Adds bytes; throws {@link KeaProtocolError} once the answer would pass the cap. */
    void append(byte[] bytes, int off, int len) {
        if (size + len > max) {
            throw tooLarge();
        }
        while (len > 0) {
            if (blocks.isEmpty() || used == blocks.get(blocks.size() - 1).length) {
                blocks.add(new byte[blocks.isEmpty() ? FIRST_BLOCK : Math.min(LARGEST_BLOCK, 2 * blocks.get(blocks.size() - 1).length)]);
                used = 0;
            }
            int n = Math.min(len, blocks.get(blocks.size() - 1).length - used);
            System.arraycopy(bytes, off, blocks.get(blocks.size() - 1), used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    /** The answer as text (UTF-8, as Kea sends it). */
    String text() {
        if (blocks.size() == 1) {
            return KeaText.bytesToText(blocks.get(0), (int) size);
        }
        return KeaText.bytesToText(bytes()); // lossless: Kea writes keys as raw bytes, not always UTF-8
    }

    /** The answer's bytes, a copy (the first block may be the thread's buffer, reused by its next answer). */
    byte[] bytes() {
        byte[] all = new byte[(int) size];
        int at = 0;
        for (byte[] b : blocks) {
            int n = (int) Math.min(b.length, size - at);
            System.arraycopy(b, 0, all, at, n);
            at += n;
        }
        return all;
    }

    private KeaProtocolError tooLarge() {
        String start = blocks.isEmpty() ? "" : new String(blocks.get(0), 0, (int) Math.min(120, size), StandardCharsets.UTF_8);
        return new KeaProtocolError("the answer is larger than " + (max % BLOCK == 0 ? max / BLOCK + " MiB" : max + " bytes")
                + ", the most Gatehouse reads from Kea (-D" + PROPERTY + " raises it); stopped reading"
                + (start.isEmpty() ? "" : ". It starts: " + KeaProtocolError.excerpt(start)));
    }

    /**
     * The HTTP body of one request, with the cap. On overflow the body is cancelled (the client
     * closes the connection) and {@link #text(HttpResponse)} reports it; a declared
     * Content-Length over the cap is refused before any byte is read.
     */
    static final class HttpBody implements HttpResponse.BodyHandler<String> {
        private final long max;
        private volatile KeaProtocolError overflow;

        HttpBody() {
            this(configuredMax());
        }

        HttpBody(long max) {
            this.max = max;
        }

        /** The body, or the size error when the answer passed the cap. */
        String text(HttpResponse<String> response) {
            if (overflow != null) {
                throw overflow;
            }
            return response.body();
        }

        @Override
        public HttpResponse.BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return new Subscriber(declared > max);
        }

        private final class Subscriber implements HttpResponse.BodySubscriber<String> {
            private final CompletableFuture<String> result = new CompletableFuture<>();
            private final BoundedReply reply = new BoundedReply(max);
            private final boolean declaredTooLarge;
            private Flow.Subscription subscription;

            Subscriber(boolean declaredTooLarge) {
                this.declaredTooLarge = declaredTooLarge;
            }

            @Override
            public CompletionStage<String> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                if (declaredTooLarge) {
                    stop(reply.tooLarge());
                } else {
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (result.isDone()) {
                    return;
                }
                for (ByteBuffer bb : items) {
                    byte[] b = new byte[bb.remaining()];
                    bb.get(b);
                    try {
                        reply.append(b, 0, b.length);
                    } catch (KeaProtocolError e) {
                        stop(e);
                        return;
                    }
                }
            }

            private void stop(KeaProtocolError e) {
                overflow = e;
                subscription.cancel();
                result.complete("");
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                result.complete(reply.text());
            }
        }
    }
}
