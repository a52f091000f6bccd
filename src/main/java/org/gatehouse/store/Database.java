package org.gatehouse.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The local SQLite cache. WAL mode, so that readers never wait for the writer; all writes go
 * through one writer thread and one connection, each unit in one transaction.
 * Schema changes are numbered SQL files applied in order (PRAGMA user_version holds the number).
 */
public final class Database implements AutoCloseable {
    /** Migration files under {@code org/gatehouse/store/migrations/}, in order; never edit a released one. */
    static final List<String> MIGRATIONS = List.of("001-initial.sql", "002-config-snapshots.sql", "004-decisions.sql", "005-switch.sql");

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final ExecutorService writerThread;

    private Database(Path file, Connection writer, Connection reader) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.writerThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-db-writer");
            t.setDaemon(true);
            return t;
        });
    }

    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection w = connect(file);
            migrate(w);
            Connection r = connect(file);
            return new Database(file, w, r);
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=10000");
        }
        return c;
    }

    public static int schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    public static int latestSchemaVersion() {
        return MIGRATIONS.size();
    }

    private static void migrate(Connection c) throws SQLException, IOException {
        int current = schemaVersion(c);
        if (current > MIGRATIONS.size()) {
            throw new SQLException("the cache has schema version " + current + ", newer than this Gatehouse knows ("
                    + MIGRATIONS.size() + "); use a newer Gatehouse or another --db");
        }
        for (int v = current; v < MIGRATIONS.size(); v++) {
            String sql = resource(MIGRATIONS.get(v));
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String stmt : sql.split(";\\s*\\n")) {
                    if (!stmt.replaceAll("(?m)^--.*$", "").isBlank()) {
                        s.execute(stmt);
                    }
                }
                s.execute("PRAGMA user_version=" + (v + 1));
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Database.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new IOException("migration " + name + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} on the writer thread in one transaction, and waits for it. */
    public <T> T write(SqlWork<T> work) {
        Future<T> f = writerThread.submit(() -> {
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        });
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while writing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("write failed: " + cause.getMessage(), cause);
        }
    }

    /** Runs a read on the reader connection (WAL: it sees the last committed state). */
    public synchronized <T> T read(SqlWork<T> work) {
        try {
            return work.run(reader);
        } catch (SQLException e) {
            throw new StoreException("read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        writerThread.shutdown();
        try {
            writer.close();
            reader.close();
        } catch (SQLException ignored) {
            // closing: nothing left to protect
        }
    }
}
