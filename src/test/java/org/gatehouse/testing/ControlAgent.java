package org.gatehouse.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A real kea-ctrl-agent on 127.0.0.1 forwarding to a test's kea-dhcp4, with basic auth (and TLS if given a certificate). */
public final class ControlAgent implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String user = "gatehouse";
    private final String password = UUID.randomUUID().toString();
    private final boolean tls;

    public ControlAgent(Path dir, Path dhcp4Socket) throws IOException, InterruptedException {
        this(dir, dhcp4Socket, null);
    }

    /** @param certificate served over TLS (https://localhost:PORT/) when not null */
    public ControlAgent(Path dir, Path dhcp4Socket, TestCertificate certificate) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        port = freePort();
        tls = certificate != null;
        String tlsConfig = !tls ? "" : """
                    "trust-anchor": "%s", "cert-file": "%s", "key-file": "%s", "cert-required": false,
                """.formatted(certificate.certPem(), certificate.certPem(), certificate.keyPem());
        String config = """
                { "Control-agent": {
                    "http-host": "127.0.0.1", "http-port": %d,
                    %s
                    "authentication": { "type": "basic", "realm": "gatehouse-test",
                                        "clients": [ { "user": "%s", "password": "%s" } ] },
                    "control-sockets": { "dhcp4": { "socket-type": "unix", "socket-name": "%s" } },
                    "loggers": [ { "name": "kea-ctrl-agent", "severity": "INFO",
                                   "output_options": [ { "output": "%s" } ] } ] } }
                """.formatted(port, tlsConfig, user, password, dhcp4Socket, dir.resolve("ca.log"));
        Path conf = dir.resolve("kea-ctrl-agent.conf");
        Files.writeString(conf, config);
        ProcessBuilder pb = new ProcessBuilder("kea-ctrl-agent", "-c", conf.toString());
        pb.environment().put("KEA_PIDFILE_DIR", dir.toString());
        pb.environment().put("KEA_LOCKFILE_DIR", "none");
        pb.environment().put("PATH", System.getenv("PATH") + ":/usr/sbin:/usr/local/sbin");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("ca.out").toFile());
        process = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "kea-ctrl-agent-stop"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("kea-ctrl-agent exited: " + Files.readString(dir.resolve("ca.out")));
                }
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("kea-ctrl-agent did not listen on " + port);
                }
                Thread.sleep(50);
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** http://127.0.0.1:PORT/, or with TLS https://localhost:PORT/ (the name the test certificate gives). */
    public String url() {
        return tls ? "https://localhost:" + port + "/" : "http://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
