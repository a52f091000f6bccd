package org.gatehouse.kea;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends typed commands over a transport and turns Kea's answers into values or typed errors:
 * result 0 and 3 go to the command, 1 and 5 become {@link KeaRefused}, 2 {@link KeaUnsupported},
 * 4 {@link KeaConflict}; anything that is not a Kea answer becomes {@link KeaProtocolError}.
 */
public final class KeaClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeaClient.class);
    private static final Pattern USERINFO = Pattern.compile("//[^/@:]*:[^/@]*@");
    /**
     * Leases per lease4-get-page. Small pages are faster: Kea 2.2 (memfile) answers a page in time
     * that grows with the square of its size (measured, 50,000 leases: 1,000 per page 10 ms,
     * 10,000 per page 750 ms, 25,000 per page 6 s); 500 per page fetches all 50,000 in about
     * 0.4 s, less than one lease4-get-all.
     */
    public static final int DEFAULT_PAGE_SIZE = 500;

    private final KeaTransport transport;
    private final KeaJson json;
    private final Duration timeout;
    private volatile Capabilities capabilities;
    private final KeaWriteLock writeLock;
    private final LeaseListReader leaseReader;

    public KeaClient(KeaTransport transport, KeaJson json, Duration timeout) {
        this.transport = transport;
        this.json = json;
        this.timeout = timeout;
        this.leaseReader = new LeaseListReader(json.mapper().getFactory());
        // Waiting covers a queue of other writers (24 approves at once take a few seconds) and a
        // holder that died: its lock is taken over at most ~40 s later (KeaWriteLock.TTL_SECONDS + 10).
        Duration wait = timeout.multipliedBy(3).compareTo(Duration.ofSeconds(45)) > 0 ? timeout.multipliedBy(3) : Duration.ofSeconds(45);
        this.writeLock = new KeaWriteLock(this, wait, holder(), System::nanoTime);
    }

    /** The lock every write to this Kea takes, across threads, processes and workstations. */
    public KeaWriteLock writeLock() {
        return writeLock;
    }

    private static String holder() {
        String host = System.getenv("HOSTNAME");
        return System.getProperty("user.name", "?") + (host == null ? "" : "@" + host)
                + " pid " + ProcessHandle.current().pid();
    }

    public String endpoint() {
        return transport.describe();
    }

    /**
     * Sends one command and logs it at INFO: name, endpoint, milliseconds and outcome (result code
     * or error type), never the request body (config-set carries other tools' secrets).
     */
    public <R> R execute(KeaCommand<R> command) {
        return execute(command, false, null);
    }

    /**
     * As {@link #execute(KeaCommand)}; {@code onePageOfMany} logs success at DEBUG (a summary line
     * follows); {@code quick}, when not null, reads the answer first and may return null (then
     * the command decodes it as usual).
     */
    private <R> R execute(KeaCommand<R> command, boolean onePageOfMany, java.util.function.Function<String, R> quick) {
        long start = System.nanoTime();
        String name = SafeText.escapeForTerminal(command.name());
        try {
            R value = exchange(command, quick);
            if (onePageOfMany) {
                LOG.debug("kea {} at {}: ok in {} ms", name, loggedEndpoint(), millisSince(start));
            } else {
                LOG.info("kea {} at {}: ok in {} ms", name, loggedEndpoint(), millisSince(start));
            }
            return value;
        } catch (KeaException e) {
            LOG.info("kea {} at {}: {} in {} ms", name, loggedEndpoint(), outcome(command, e), millisSince(start));
            throw e;
        } catch (RuntimeException e) {
            LOG.info("kea {} at {}: failed ({}) in {} ms", name, loggedEndpoint(), e.getClass().getSimpleName(),
                    millisSince(start));
            throw e;
        }
    }

    private <R> R exchange(KeaCommand<R> command, java.util.function.Function<String, R> quick) {
        return answer(command, send(command), quick);
    }

    /** The command's raw answer (Kea's JSON text), not yet read. */
    String send(KeaCommand<?> command) {
        String reply = transport.exchange(request(command), timeout);
        LOG.debug("kea {}: reply of {} bytes", SafeText.escapeForTerminal(command.name()), reply == null ? 0 : reply.length());
        return reply;
    }

    private String request(KeaCommand<?> command) {
        ObjectNode request = json.object().put("command", command.name());
        if (transport.wantsService()) {
            request.putArray("service").add("dhcp4");
        }
        ObjectNode args = command.arguments(json);
        if (args != null) {
            request.set("arguments", args);
        }
        String body = json.writeForKea(request);
        LOG.debug("kea {}: request of {} bytes", SafeText.escapeForTerminal(command.name()), body.length());
        return body;
    }

    /**
     * A page's answer: its bytes, when the transport keeps them and they are plain ASCII without
     * Kea's byte escapes (the common case; parsed as they are, 50,000 leases: 40–60 ms less than
     * making text of them first), else its text, read as any answer is.
     */
    record PageReply(byte[] ascii, String text) {
    }

    PageReply sendPage(KeaCommands.Lease4GetPage command) {
        if (!transport.keepsBytes()) {
            return new PageReply(null, send(command));
        }
        byte[] reply = transport.exchangeBytes(request(command), timeout);
        LOG.debug("kea {}: reply of {} bytes", command.name(), reply.length);
        return KeaText.plainAscii(reply) ? new PageReply(reply, null) : new PageReply(null, KeaText.bytesToText(reply));
    }

    private <R> R answer(KeaCommand<R> command, String reply, java.util.function.Function<String, R> quick) {
        R quickly = quick == null ? null : quick.apply(reply);
        if (quickly != null) {
            return quickly;
        }
        KeaResponse response = decode(command.name(), reply);
        return switch (response.result()) {
            case KeaResponse.SUCCESS, KeaResponse.EMPTY -> command.decode(response, json);
            case KeaResponse.UNSUPPORTED -> throw new KeaUnsupported(command.name(), response.text());
            case KeaResponse.CONFLICT -> throw new KeaConflict(command.name(), response.text());
            default -> throw new KeaRefused(command.name(), response.result(), response.text());
        };
    }

    /**
     * One page of a walk whose answer {@code reply} was fetched ahead (LeasePages), asked for at
     * {@code askedAt} (System.nanoTime): read and logged as {@link #execute} logs a page.
     */
    List<Lease> readPage(KeaCommands.Lease4GetPage command, PageReply reply, long askedAt) {
        try {
            List<Lease> page = reply.ascii() == null ? null : leaseReader.read(reply.ascii());
            if (page == null) {
                page = answer(command, reply.text() != null ? reply.text() : KeaText.bytesToText(reply.ascii()), leaseReader::read);
            }
            LOG.debug("kea {} at {}: ok in {} ms", command.name(), loggedEndpoint(), millisSince(askedAt));
            return page;
        } catch (KeaException e) {
            LOG.info("kea {} at {}: {} in {} ms", command.name(), loggedEndpoint(), outcome(command, e), millisSince(askedAt));
            throw e;
        }
    }

    /** The log line of a command that failed, as {@link #execute} writes it. */
    void logFailure(KeaCommand<?> command, RuntimeException e, long askedAt) {
        String name = SafeText.escapeForTerminal(command.name());
        if (e instanceof KeaException k) {
            LOG.info("kea {} at {}: {} in {} ms", name, loggedEndpoint(), outcome(command, k), millisSince(askedAt));
        } else {
            LOG.info("kea {} at {}: failed ({}) in {} ms", name, loggedEndpoint(), e.getClass().getSimpleName(), millisSince(askedAt));
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The endpoint without a user:password@ part (refused anyway; belt and braces), escaped (a socket path is the user's text). */
    private String loggedEndpoint() {
        return SafeText.escapeForTerminal(USERINFO.matcher(transport.describe()).replaceFirst("//"));
    }

    /**
     * The typed error and Kea's result code; the message (Kea's text may quote a client's hostname)
     * escaped and cut short, and Kea's text left out for config-* commands (it may echo configuration values).
     */
    private static String outcome(KeaCommand<?> command, KeaException e) {
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof KeaRefused r) {
            s.append(" result ").append(r.result());
        }
        if (!(e instanceof KeaRefused && command.name().startsWith("config-"))) {
            String text = SafeText.escapeForTerminal(e.getMessage());
            s.append(": ").append(text.length() > 200 ? text.substring(0, 200) + "…" : text);
        }
        return s.toString();
    }

    /** Reads a reply as Kea formats it: one object, or (over HTTP) an array holding one per service. */
    KeaResponse decode(String command, String reply) {
        JsonNode root;
        try {
            root = json.read(reply);
        } catch (JsonProcessingException e) {
            throw new KeaProtocolError("the answer to " + command + " is not JSON: " + KeaProtocolError.excerpt(reply), e);
        }
        if (KeaText.needsDecoding(reply)) {
            root = KeaText.decodeBytes(root);
        }
        if (root != null && root.isArray()) {
            if (root.isEmpty()) {
                throw new KeaProtocolError("the answer to " + command + " is an empty list");
            }
            root = root.get(0);
        }
        if (root == null || !root.isObject() || !root.path("result").isInt()) {
            throw new KeaProtocolError("the answer to " + command + " has no result code: " + KeaProtocolError.excerpt(reply));
        }
        return new KeaResponse(root.get("result").asInt(), root.path("text").asText(""), root.get("arguments"));
    }

    /** Detected once per client from version-get and list-commands; cheap to call again. */
    public Capabilities capabilities() {
        Capabilities c = capabilities;
        if (c == null) {
            KeaVersion version = execute(new KeaCommands.VersionGet());
            c = new Capabilities(version, execute(new KeaCommands.ListCommands()));
            capabilities = c;
        }
        return c;
    }

    public KeaConfig config() {
        return execute(new KeaCommands.ConfigGet());
    }

    /** Every lease: paged where lease4-get-page exists, else one lease4-get-all. */
    public List<Lease> allLeases() {
        return allLeases(DEFAULT_PAGE_SIZE);
    }

    public List<Lease> allLeases(int pageSize) {
        Capabilities caps = capabilities();
        if (!caps.leaseCommands()) {
            throw new KeaUnsupported("lease4-get-all", "the lease_cmds hook is not loaded in this Kea");
        }
        if (!caps.leasePaging()) {
            return remembered(withoutLock(execute(new KeaCommands.Lease4GetAll(), false, leaseReader::read)));
        }
        // One INFO line for the whole walk: a console refreshing 50,000 leases would log 100 lines each time.
        long start = System.nanoTime();
        LeasePages.Walk walk = new LeasePages(this, pageSize).walk();
        List<Lease> leases = remembered(withoutLock(walk.leases()));
        LOG.info("kea lease4-get-page at {}: ok, {} pages, {} leases in {} ms", loggedEndpoint(), walk.pages(), leases.size(),
                millisSince(start));
        return leases;
    }

    /** The next walk hands back these very objects for the leases that did not change. */
    private List<Lease> remembered(List<Lease> walk) {
        leaseReader.remember(walk);
        return walk;
    }

    /** Gatehouse's write lock is a lease on a network address, not a device: lists leave it out. */
    private static List<Lease> withoutLock(List<Lease> leases) {
        leases.removeIf(KeaWriteLock::isLockLease);
        return leases;
    }

    @Override
    public void close() {
        transport.close();
    }
}
