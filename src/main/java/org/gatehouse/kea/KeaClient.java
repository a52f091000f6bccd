package org.gatehouse.kea;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;

/**
 * Sends typed commands over a transport and turns Kea's answers into values or typed errors:
 * result 0 and 3 go to the command, 1 and 5 become {@link KeaRefused}, 2 {@link KeaUnsupported},
 * 4 {@link KeaConflict}; anything that is not a Kea answer becomes {@link KeaProtocolError}.
 */
public final class KeaClient implements AutoCloseable {
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

    public KeaClient(KeaTransport transport, KeaJson json, Duration timeout) {
        this.transport = transport;
        this.json = json;
        this.timeout = timeout;
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

    public <R> R execute(KeaCommand<R> command) {
        ObjectNode request = json.object().put("command", command.name());
        if (transport.wantsService()) {
            request.putArray("service").add("dhcp4");
        }
        ObjectNode args = command.arguments(json);
        if (args != null) {
            request.set("arguments", args);
        }
        String reply = transport.exchange(json.write(request), timeout);
        KeaResponse response = decode(command.name(), reply);
        return switch (response.result()) {
            case KeaResponse.SUCCESS, KeaResponse.EMPTY -> command.decode(response, json);
            case KeaResponse.UNSUPPORTED -> throw new KeaUnsupported(command.name(), response.text());
            case KeaResponse.CONFLICT -> throw new KeaConflict(command.name(), response.text());
            default -> throw new KeaRefused(command.name(), response.result(), response.text());
        };
    }

    /** Reads a reply as Kea formats it: one object, or (over HTTP) an array holding one per service. */
    KeaResponse decode(String command, String reply) {
        JsonNode root;
        try {
            root = json.read(reply);
        } catch (JsonProcessingException e) {
            throw new KeaProtocolError("the answer to " + command + " is not JSON: " + KeaProtocolError.excerpt(reply), e);
        }
        if (KeaText.byteEscaped(reply)) {
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
            return withoutLock(execute(new KeaCommands.Lease4GetAll()));
        }
        List<Lease> all = new ArrayList<>();
        Ipv4 from = null;
        while (true) {
            List<Lease> page = execute(new KeaCommands.Lease4GetPage(from, pageSize));
            all.addAll(page);
            if (page.size() < pageSize) {
                return withoutLock(all);
            }
            from = page.get(page.size() - 1).ip();
        }
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
