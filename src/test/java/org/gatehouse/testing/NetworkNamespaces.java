package org.gatehouse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces that one test run creates, all named {@code <prefix>-<suffix>} with a prefix
 * private to the run, so that two runs on one machine never touch each other's. Only the
 * namespaces this object created are ever deleted. Needs root and iproute2.
 */
public final class NetworkNamespaces implements AutoCloseable {
    private final String prefix;
    private final List<String> created = new CopyOnWriteArrayList<>();

    public NetworkNamespaces(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9]{1,7}")) {
            throw new IllegalArgumentException("namespace prefix must be short lower-case letters and digits: " + prefix);
        }
        this.prefix = prefix;
    }

    /** Creates {@code <prefix>-<suffix>} with its loopback up and IPv6 off (no router solicitations on the links). */
    public String create(String suffix) throws IOException {
        String ns = prefix + "-" + suffix;
        run("ip", "netns", "add", ns);
        created.add(ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
        run(in(ns, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"));
        return ns;
    }

    /** The command line that runs {@code command} inside {@code ns} (ip netns exec replaces itself with it, keeping the PID). */
    public List<String> in(String ns, String... command) {
        if (!created.contains(ns)) {
            throw new IllegalArgumentException(ns + " is not a namespace of this run");
        }
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        Collections.addAll(cmd, command);
        return cmd;
    }

    /** Runs {@code ip} with these arguments and fails with its output when it fails. */
    public void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        Collections.addAll(cmd, args);
        run(cmd);
    }

    public static void run(String... cmd) throws IOException {
        run(List.of(cmd));
    }

    public static void run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": no answer within 30 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (p.exitValue() != 0) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
    }

    /** Deletes every namespace this object created, newest first (their veth ends go with them). */
    @Override
    public void close() {
        List<String> all = new ArrayList<>(created);
        Collections.reverse(all);
        for (String ns : all) {
            try {
                run("ip", "netns", "del", ns);
                created.remove(ns);
            } catch (IOException e) {
                System.err.println("network namespaces: " + e.getMessage());
            }
        }
    }
}
