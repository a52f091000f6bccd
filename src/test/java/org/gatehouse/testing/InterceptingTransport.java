package org.gatehouse.testing;

import java.time.Duration;
import java.util.function.BiConsumer;
import org.gatehouse.kea.KeaTransport;

/**
 * A real transport with a hook that runs after each exchange (command name, raw answer): the
 * way tests make another writer or a Kea crash happen at an exact point of a real exchange.
 */
public final class InterceptingTransport implements KeaTransport {
    private final KeaTransport real;
    private volatile BiConsumer<String, String> after = (c, r) -> { };

    public InterceptingTransport(KeaTransport real) {
        this.real = real;
    }

    public void after(BiConsumer<String, String> hook) {
        this.after = hook;
    }

    @Override
    public String describe() {
        return real.describe();
    }

    @Override
    public boolean wantsService() {
        return real.wantsService();
    }

    @Override
    public String exchange(String request, Duration timeout) {
        String reply = real.exchange(request, timeout);
        String command = request.replaceAll("(?s).*?\"command\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        after.accept(command, reply);
        return reply;
    }

    @Override
    public void close() {
        real.close();
    }
}
