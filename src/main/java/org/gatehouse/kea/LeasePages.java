package org.gatehouse.kea;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;

/**
 * A lease4-get-page walk that asks Kea for the next page while this one is read: a full page's
 * last address is found in its text (the last {@code "ip-address"}), the next request goes out on
 * a thread of its own, and the page is parsed meanwhile, so Kea's work and ours overlap (on 2 cores,
 * 50,000 leases: README, "Recording the lease list"). The guess is checked against the page as read;
 * a wrong one (a hostname could spell {@code "ip-address"}) costs one request, whose answer is
 * dropped, and the walk asks again from the right address. Requests never overlap: the transport
 * sees one exchange at a time, as in a walk without read-ahead.
 */
final class LeasePages {
    private static final String KEY = "\"ip-address\": \"";

    record Walk(List<Lease> leases, int pages) {
    }

    /** A page's answer, and when it was asked for (System.nanoTime), for the log line. */
    private record Answer(KeaClient.PageReply reply, long askedAt) {
    }

    private final KeaClient kea;
    private final int pageSize;

    LeasePages(KeaClient kea, int pageSize) {
        this.kea = kea;
        this.pageSize = pageSize;
    }

    Walk walk() {
        ExecutorService ahead = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-kea-read-ahead");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Lease> all = new ArrayList<>();
            KeaCommands.Lease4GetPage command = new KeaCommands.Lease4GetPage(null, pageSize);
            KeaCommands.Lease4GetPage first = command;
            Future<Answer> answer = ahead.submit(() -> send(first));
            int pages = 0;
            while (true) {
                KeaCommands.Lease4GetPage asked = command;
                Answer reply = await(answer);
                Ipv4 guess = lastAddressOfFullPage(reply.reply());
                Future<Answer> next = guess == null ? null : ahead.submit(() -> send(new KeaCommands.Lease4GetPage(guess, pageSize)));
                List<Lease> page;
                try {
                    page = kea.readPage(asked, reply.reply(), reply.askedAt());
                } catch (RuntimeException e) {
                    settle(next);
                    throw e;
                }
                pages++;
                all.addAll(page);
                if (page.size() < pageSize) {
                    settle(next);
                    return new Walk(all, pages);
                }
                Ipv4 from = page.get(page.size() - 1).ip();
                command = new KeaCommands.Lease4GetPage(from, pageSize);
                if (next != null && from.equals(guess)) {
                    answer = next;
                } else {
                    settle(next); // a wrong guess: its answer is dropped once it is in, and the right page asked for
                    KeaCommands.Lease4GetPage right = command;
                    answer = ahead.submit(() -> send(right));
                }
            }
        } finally {
            ahead.shutdownNow();
        }
    }

    private Answer send(KeaCommands.Lease4GetPage command) {
        long askedAt = System.nanoTime();
        try {
            return new Answer(kea.sendPage(command), askedAt);
        } catch (RuntimeException e) {
            kea.logFailure(command, e, askedAt);
            throw e;
        }
    }

    /** The last address named in a page that holds {@code pageSize} leases (Kea's "count"), or null. */
    Ipv4 lastAddressOfFullPage(KeaClient.PageReply reply) {
        return reply.ascii() != null ? lastAddressOfFullPage(new String(reply.ascii(), 0, Math.min(64, reply.ascii().length),
                StandardCharsets.US_ASCII), reply.ascii()) : lastAddressOfFullPage(reply.text(), null);
    }

    /** From {@code text}, or from {@code ascii} when given ({@code text} then holds only its start). */
    private Ipv4 lastAddressOfFullPage(String text, byte[] ascii) {
        // "count" leads Kea's arguments (its maps are written in key order), within the first few dozen characters
        // (the control agent wraps the answer in a list).
        int count = text == null ? -1 : text.indexOf("\"count\": " + pageSize + ",");
        if (count < 0 || count > 64) {
            return null;
        }
        String address = ascii == null ? lastAddressIn(text) : lastAddressIn(ascii);
        try {
            return address == null ? null : Ipv4.parse(address);
        } catch (RuntimeException notAnAddress) {
            return null;
        }
    }

    private static String lastAddressIn(String text) {
        int at = text.lastIndexOf(KEY);
        int end = at < 0 ? -1 : text.indexOf('"', at + KEY.length());
        return end < 0 || end - at - KEY.length() > 15 ? null : text.substring(at + KEY.length(), end);
    }

    private static String lastAddressIn(byte[] ascii) {
        byte[] key = KEY.getBytes(StandardCharsets.US_ASCII);
        for (int at = ascii.length - key.length; at >= 0; at--) {
            if (Arrays.equals(ascii, at, at + key.length, key, 0, key.length)) {
                int from = at + key.length;
                for (int end = from; end < ascii.length && end - from <= 15; end++) {
                    if (ascii[end] == '"') {
                        return new String(ascii, from, end - from, StandardCharsets.US_ASCII);
                    }
                }
                return null;
            }
        }
        return null;
    }

    private Answer await(Future<Answer> answer) {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new KeaUnreachable(kea.endpoint(), "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error fatal) {
                throw fatal;
            }
            throw new KeaUnreachable(kea.endpoint(), String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    /** Waits for a request no longer needed, so that the next one does not overlap it; its outcome does not matter. */
    private static void settle(Future<?> unneeded) {
        if (unneeded == null) {
            return;
        }
        try {
            unneeded.get();
        } catch (InterruptedException e) {
            unneeded.cancel(true);
            Thread.currentThread().interrupt();
        } catch (ExecutionException ignored) {
            // an answer nobody reads
        }
    }
}
