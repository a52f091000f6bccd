package org.gatehouse.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatehouse.kea.GuestSiteConfig;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.kea.KeaException;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.UnixSocketTransport;

/**
 * One real kea-dhcp4 3.0 started with {@code chroot} in the sid root: the guest three-pool config,
 * no interfaces, its leases and reservations in a PostgreSQL database (libdhcp_pgsql.so), host_cmds
 * and lease_cmds loaded. Kea 3.0 accepts a control socket only in /run/kea (mode 0750, made by the
 * root script); the host reaches it at root + "/run/kea/NAME.sock". Its config file, socket, lock
 * and PID file are named after the server (unique per run) and removed when it stops.
 */
public final class SidKea implements AutoCloseable {
    private final SidKeaRoot root;
    private final String name;
    private final Path log;
    private final Process process;

    private SidKea(SidKeaRoot root, String name, Path log, Process process) {
        this.root = root;
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** The guest config for a server named {@code name} whose leases and hosts live in {@code db}. */
    public static ObjectNode config(KeaJson json, String name, SidKeaPostgres db) {
        GuestSiteConfig.Runtime rt = new GuestSiteConfig.Runtime(List.of(), Path.of("/run/kea/" + name + ".sock"), null, null, null);
        ObjectNode config = new GuestSiteConfig(json).generate(List.of(new GuestSiteConfig.GuestVlan(KeaServer.VLAN, "192.168.40.0/24")),
                List.of("9.9.9.9"), "192.168.40.4", rt);
        ObjectNode dhcp4 = (ObjectNode) config.get("Dhcp4");
        dhcp4.set("lease-database", db.keaDatabase(json));
        dhcp4.set("hosts-database", db.keaDatabase(json));
        ArrayNode hooks = (ArrayNode) dhcp4.get("hooks-libraries");
        // Kea 3.0 takes hook libraries by bare name from its own hook directory; the database back-end is a hook too.
        hooks.insertObject(0).put("library", "libdhcp_pgsql.so");
        hooks.addObject().put("library", "libdhcp_host_cmds.so");
        dhcp4.putArray("loggers").addObject().put("name", "kea-dhcp4").put("severity", "INFO")
                .putArray("output-options").addObject().put("output", "stdout");
        return config;
    }

    /** Starts kea-dhcp4 in the root with {@code config} and waits until its socket answers. */
    public static SidKea start(SidKeaRoot root, String name, ObjectNode config, KeaJson json) throws IOException {
        if (!name.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("server name must be short lower-case letters, digits and hyphens: " + name);
        }
        Path conf = root.outside(configInside(name));
        Files.deleteIfExists(conf);
        // The config holds the database password: readable by its owner only.
        Files.createFile(conf, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(conf, json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config));
        Path log = Files.createTempFile("gh-sidkea-" + name + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder("chroot", root.dir().toString(), "/usr/sbin/kea-dhcp4", "-c", configInside(name))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("KEA_PIDFILE_DIR", "/run/kea");
        pb.environment().put("KEA_LOCKFILE_DIR", "none");
        Process p = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "sid-kea-" + p.pid() + "-stop"));
        SidKea kea = new SidKea(root, name, log, p);
        try {
            kea.awaitReady(json, Duration.ofSeconds(30));
            return kea;
        } catch (RuntimeException e) {
            kea.close();
            throw e;
        }
    }

    private static String configInside(String name) {
        return "/etc/kea/" + name + ".conf";
    }

    private void awaitReady(KeaJson json, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KeaClient probe = new KeaClient(new UnixSocketTransport(socket()), json, Duration.ofSeconds(2))) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("kea-dhcp4 3.0 (" + name + ") exited with " + process.exitValue() + ": " + logTail());
                }
                if (Files.exists(socket())) {
                    try {
                        probe.execute(new KeaCommands.VersionGet());
                        return;
                    } catch (KeaException notYet) {
                        // the socket exists a moment before Kea serves it
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("kea-dhcp4 3.0 (" + name + ") did not answer on " + socket() + ": " + logTail());
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kea", e);
        }
    }

    /** The control socket as the host sees it. */
    public Path socket() {
        return root.outside("/run/kea/" + name + ".sock");
    }

    /** Gatehouse's {@code --kea} for this server. */
    public String endpoint() {
        return "unix:" + socket();
    }

    public String name() {
        return name;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    /** Stops Kea by its PID (chroot execs kea-dhcp4) and removes its files from the shared root. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            for (String inside : List.of(configInside(name), "/run/kea/" + name + ".sock", "/run/kea/" + name + ".sock.lock",
                    "/run/kea/" + name + ".kea-dhcp4.pid")) {
                Files.deleteIfExists(root.outside(inside));
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up after " + name + " in " + root.dir(), e);
        }
    }
}
