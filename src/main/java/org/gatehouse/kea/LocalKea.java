package org.gatehouse.kea;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private kea-dhcp4 process in a temporary directory: no network interfaces, a unix control
 * socket, memfile leases. Used by {@code gatehouse demo} and by the tests. Stopped by PID; its
 * directory is removed when it stops.
 */
public final class LocalKea implements AutoCloseable {
    private static final List<String> BINARIES = List.of("/usr/sbin/kea-dhcp4", "/usr/local/sbin/kea-dhcp4", "/usr/bin/kea-dhcp4");
    private static final List<String> HOOK_DIRS = List.of("/usr/lib/x86_64-linux-gnu/kea/hooks",
            "/usr/lib/aarch64-linux-gnu/kea/hooks", "/usr/lib64/kea/hooks", "/usr/lib/kea/hooks", "/usr/local/lib/kea/hooks");

    private final Path dir;
    private volatile Process process;
    private final Path socket;
    private final KeaJson json;

    private LocalKea(Path dir, Process process, Path socket, KeaJson json) {
        this.dir = dir;
        this.process = process;
        this.socket = socket;
        this.json = json;
    }

    /** The runtime paths for a Kea living in {@code dir}. */
    public static GuestSiteConfig.Runtime runtimeIn(Path dir) {
        return new GuestSiteConfig.Runtime(List.of(), dir.resolve("kea4.sock"), dir.resolve("kea-leases4.csv"),
                dir.resolve("kea-dhcp4.log"), hooksDir());
    }

    public static Path binary() {
        return BINARIES.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow(() ->
                new IllegalStateException("kea-dhcp4 is not installed (Debian: apt-get install kea-dhcp4-server)"));
    }

    public static Path hooksDir() {
        return HOOK_DIRS.stream().map(Path::of).filter(d -> Files.exists(d.resolve("libdhcp_lease_cmds.so"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Kea's hook libraries (libdhcp_lease_cmds.so) were not found"));
    }

    /**
     * Starts kea-dhcp4 with {@code config} (which must use {@link #runtimeIn(Path)} of {@code dir})
     * and waits until its control socket answers.
     */
    public static LocalKea start(Path dir, ObjectNode config, KeaJson json, Duration startTimeout) {
        try {
            Files.createDirectories(dir);
            Path conf = dir.resolve("kea-dhcp4.conf");
            Files.writeString(conf, json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config));
            Path socket = Path.of(config.path("Dhcp4").path("control-socket").path("socket-name").asText());
            LocalKea kea = new LocalKea(dir, launch(dir), socket, json);
            kea.awaitReady(json, startTimeout);
            return kea;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start kea-dhcp4 in " + dir, e);
        }
    }

    private static Process launch(Path dir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(binary().toString(), "-c", dir.resolve("kea-dhcp4.conf").toString());
        Map<String, String> env = pb.environment();
        env.put("KEA_PIDFILE_DIR", dir.toString());
        env.put("KEA_LOCKFILE_DIR", "none");
        // Kea 2.6.3+ restricts socket, data and log paths to these directories.
        env.put("KEA_CONTROL_SOCKET_DIR", dir.toString());
        env.put("KEA_DHCP_DATA_DIR", dir.toString());
        env.put("KEA_LOG_FILE_DIR", dir.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kea-dhcp4.out").toFile()));
        Process p = pb.start();
        // A JVM that ends without close() (Ctrl-C, a killed test fork) must not leave Kea running.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "kea-dhcp4-" + p.pid() + "-stop"));
        return p;
    }

    /**
     * Starts the stopped Kea again with the same directory, configuration and lease file (so it
     * comes back with the leases it had), and waits until its socket answers.
     */
    public void restart(Duration startTimeout) {
        stop();
        try {
            process = launch(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart kea-dhcp4 in " + dir, e);
        }
        awaitReady(json, startTimeout);
    }

    private void awaitReady(KeaJson json, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KeaClient probe = new KeaClient(new UnixSocketTransport(socket), json, Duration.ofSeconds(2))) {
            awaitReady(probe, deadline, timeout);
        }
    }

    private void awaitReady(KeaClient probe, long deadline, Duration timeout) {
        while (true) {
            if (!process.isAlive()) {
                String out = tail(dir.resolve("kea-dhcp4.out"));
                close();
                throw new IllegalStateException("kea-dhcp4 exited with " + process.exitValue() + ": " + out);
            }
            if (Files.exists(socket)) {
                try {
                    probe.execute(new KeaCommands.VersionGet());
                    return;
                } catch (KeaException notYet) {
                    // the socket exists a moment before Kea serves it
                }
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("kea-dhcp4 did not open " + socket + " within " + timeout.toSeconds() + " s");
            }
            sleep(20);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kea", e);
        }
    }

    public Path socket() {
        return socket;
    }

    public Path dir() {
        return dir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public String endpoint() {
        return "unix:" + socket;
    }

    /** Stops Kea by PID (SIGTERM, then SIGKILL after 5 s) and leaves the directory in place. */
    public void stop() {
        Process process = this.process;
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops Kea and removes its directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
    }
}
