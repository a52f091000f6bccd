package org.gatehouse.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.gatehouse.kea.KeaJson;

/**
 * A private PostgreSQL cluster for one test class: Debian 12's server binaries, a fresh cluster in a
 * temp directory, listening on 127.0.0.1 only (no unix socket) on a free port, role "kea" with a
 * random password (scram), database "kea" holding Kea's own schema from the sid root. Run as
 * {@code nobody} when the test is root (PostgreSQL refuses to run as root). The password is in the
 * Kea config files (0600) and a 0600 pgpass file, never in an argument list.
 */
public final class SidKeaPostgres implements AutoCloseable {
    public static final String DATABASE = "kea";
    public static final String ROLE = "kea";
    private static final String RUN_AS = "nobody";

    private final Path bin;
    private final Path dir;
    private final Path pgpass;
    private final int port;
    private final String password;
    private Process server;

    private SidKeaPostgres(Path bin, Path dir, Path pgpass, int port, String password) {
        this.bin = bin;
        this.dir = dir;
        this.pgpass = pgpass;
        this.port = port;
        this.password = password;
    }

    /** Starts the cluster and loads {@code root}'s Kea schema into database "kea". */
    public static SidKeaPostgres start(SidKeaRoot root) throws IOException {
        Path bin = serverBinaries();
        Path dir = Files.createTempDirectory("gh-pg-");
        Path pgpass = Files.createTempFile("gh-pgpass-", "");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        int port = freeLoopbackPort();
        SidKeaPostgres pg = new SidKeaPostgres(bin, dir, pgpass, port, password);
        try {
            pg.initAndStart();
            Files.writeString(pgpass, "127.0.0.1:" + port + ":*:" + ROLE + ":" + password + "\n", StandardCharsets.UTF_8);
            pg.awaitReady();
            pg.psql("postgres", "-c", "CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            pg.psql(DATABASE, "-q", "-f", root.pgsqlSchema().toString());
            return pg;
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    /** The newest /usr/lib/postgresql/N/bin with a server in it. */
    static Path serverBinaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("PostgreSQL's server is not installed (/usr/lib/postgresql/*/bin/postgres): run `sudo "
                    + SidKeaRoot.SCRIPT + "` (it installs Debian's postgresql)");
        }
    }

    private void initAndStart() throws IOException {
        boolean root = SidKeaRoot.isRoot();
        if (root) {
            UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(dir, users.lookupPrincipalByName(RUN_AS));
        }
        Path pwfile = dir.resolve("pw");
        Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
        if (root) {
            Files.setOwner(pwfile, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(RUN_AS));
        }
        try {
            // --no-sync and fsync off: a throw-away cluster; durability is not what the test is about.
            run(asServerUser(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", ROLE, "--pwfile=" + pwfile,
                    "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), Map.of(), 60);
        } finally {
            Files.deleteIfExists(pwfile);
        }
        ProcessBuilder pb = new ProcessBuilder(asServerUser(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"))
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("postgres.log").toFile()));
        server = pb.start();
        Process started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "postgres-" + started.pid() + "-stop"));
    }

    private List<String> asServerUser(String... command) {
        List<String> cmd = new ArrayList<>();
        if (SidKeaRoot.isRoot()) {
            // setpriv execs the command itself: the PID we hold is the server's.
            cmd.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=nogroup", "--clear-groups", "--"));
        }
        cmd.addAll(List.of(command));
        return cmd;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!server.isAlive()) {
                throw new IllegalStateException("postgres exited with " + server.exitValue() + ": " + log());
            }
            Process p = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true).start();
            try {
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("postgres did not accept connections within 30 s: " + log());
                }
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for postgres", e);
            }
        }
    }

    /** Rows of a query in database "kea", one string per row, columns joined by '|'. */
    public List<String> query(String sql) {
        try {
            String out = psql(DATABASE, "-A", "-t", "-F", "|", "-c", sql);
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String psql(String database, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("psql").toString(), "-X", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", ROLE, "-d", database));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of("PGPASSFILE", pgpass.toString(), "PGCLIENTENCODING", "UTF8", "PGCONNECT_TIMEOUT", "10"), 60);
    }

    private String run(List<String> cmd, Map<String, String> env, int seconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + ": no answer within " + seconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + cmd.get(0), e);
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            // Name the program, not the whole line (setpriv's options come first when we are root).
            String program = cmd.get(cmd.indexOf("--") + 1);
            throw new IOException(Path.of(program).getFileName() + " failed (" + p.exitValue() + "): " + text);
        }
        return text;
    }

    /** Kea's {@code lease-database} / {@code hosts-database} map for this cluster (holds the password: config files only). */
    public ObjectNode keaDatabase(KeaJson json) {
        return json.object().put("type", "postgresql").put("name", DATABASE).put("host", "127.0.0.1").put("port", port)
                .put("user", ROLE).put("password", password).put("connect-timeout", 5);
    }

    public int port() {
        return port;
    }

    public String log() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postgres.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on 127.0.0.1:" + port;
    }

    /** Fast shutdown (clients disconnected, not waited for), then the directory goes. */
    @Override
    public void close() {
        if (server != null && server.isAlive()) {
            try {
                run(asServerUser(bin.resolve("pg_ctl").toString(), "stop", "-D", dir.resolve("data").toString(), "-m", "fast", "-w"), Map.of(), 20);
            } catch (IOException e) {
                server.destroy();
            }
            try {
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a temp dir left behind is harmless
        }
        try {
            Files.deleteIfExists(pgpass);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
