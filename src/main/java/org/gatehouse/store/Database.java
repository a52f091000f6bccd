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
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.nio.file.StandardCopyOption;
import org.gatehouse.model.PrivateFiles;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * The local SQLite cache. WAL mode, so that readers never wait for the writer; all writes go
 * through one writer thread and one connection, each unit in one transaction.
 * Schema changes are numbered SQL files applied in order (PRAGMA user_version holds the number).
 */
public final class Database implements AutoCloseable {
    /** Migration files under {@code org/gatehouse/store/migrations/}, in order; never edit a released one. */
    static final List<String> MIGRATIONS = List.of("001-initial.sql", "002-config-snapshots.sql",
            "003-audit-chain-offline-queue.sql", "004-decisions.sql", "005-switch.sql", "006-pool-history.sql",
            "007-presence.sql", "008-pending-lease-server.sql");

    /**
     * Loads SQLite's native library now (sqlite-jdbc otherwise loads it at the first connection): the
     * launcher does it on a second thread while the command line is parsed. Only where that cannot go
     * wrong: the library unpacked where {@code org.sqlite.lib.path} says (the app image, ./gatehouse)
     * and a temporary directory sqlite-jdbc can list (it looks there for stale copies first). Its loader
     * logs each failure at ERROR with a stack trace, and the command may be one that never opens the
     * cache ({@code --help}); anything else is left for {@link #open}, which reports it.
     */
    public static void loadNativeLibrary() {
        String dir = System.getProperty("org.sqlite.lib.path");
        String name = System.getProperty("org.sqlite.lib.name", System.mapLibraryName("sqlitejdbc"));
        Path tmp = Path.of(System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir")));
        if (dir == null || !Files.isRegularFile(Path.of(dir, name)) || !Files.isDirectory(tmp) || !Files.isReadable(tmp)) {
            return;
        }
        try {
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            // open() meets it again and says what it is
        }
    }

    /** Steps that need Java (hashing), run right after the named file, in the same transaction. */
    private static final Map<String, SqlStep> AFTER = Map.of("003-audit-chain-offline-queue.sql", AuditChain::sealLegacyRows);

    @FunctionalInterface
    interface SqlStep {
        void run(Connection c) throws SQLException;
    }

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
            createPrivately(file);
            Connection w = connect(file, true);
            migrate(w, MIGRATIONS.size());
            Connection r = connect(file, false);
            return new Database(file, w, r);
        } catch (SQLException | IOException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The cache holds the audit trail and every device seen: it is created 0600 in a 0700
     * directory before SQLite opens it, because SQLite gives its -wal and -shm files the mode of
     * the database file. Files an older Gatehouse left readable are narrowed.
     */
    private static void createPrivately(Path file) throws IOException {
        PrivateFiles.createFile(file);
        for (String suffix : List.of("", "-wal", "-shm")) {
            PrivateFiles.restrict(Path.of(file + suffix));
        }
    }

    /**
     * The writer begins every transaction IMMEDIATE: it takes the write lock before reading, so a
     * second Gatehouse process (CLI beside the console) can never chain an audit row to a stale head.
     */
    private static Connection connect(Path file, boolean writer) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        if (writer) {
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=10000");
            if (writer) {
                // A 50k-lease refresh touches several MB of B-tree pages at random; with SQLite's
                // default 2 MB page cache they spill and are read back mid-transaction.
                s.execute("PRAGMA cache_size=-65536");
            }
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

    /** Brings the schema up to {@code target} (the latest, except in tests of old versions). */
    static void migrate(Connection c, int target) throws SQLException, IOException {
        int current = schemaVersion(c);
        if (current > MIGRATIONS.size()) {
            throw new SQLException("the cache has schema version " + current + ", newer than this Gatehouse knows ("
                    + MIGRATIONS.size() + "); use a newer Gatehouse or another --db");
        }
        for (int v = current; v < target; v++) {
            String sql = resource(MIGRATIONS.get(v));
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // Another process creating the same new cache may have applied this step while we
                // waited for the write lock (the writer's transactions begin IMMEDIATE).
                if (schemaVersion(c) > v) {
                    c.commit();
                    continue;
                }
                for (String stmt : sql.split(";\\s*\\n")) {
                    if (!stmt.replaceAll("(?m)^--.*$", "").isBlank()) {
                        s.execute(stmt);
                    }
                }
                SqlStep after = AFTER.get(MIGRATIONS.get(v));
                if (after != null) {
                    after.run(c);
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

    /** Runs {@code work} on the writer thread outside any transaction (VACUUM, restore), and waits. */
    <T> T onWriterThread(SqlWork<T> work) {
        Future<T> f = writerThread.submit(() -> work.run(writer));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException(cause.getMessage(), cause);
        }
    }

    /**
     * A consistent copy of the whole cache into {@code target} while the application keeps
     * writing: SQLite's online backup API in a single step on the reader connection, which in
     * WAL mode reads one snapshot and does not block the writer. Written to a temporary file
     * beside the target, checked, then moved into place, so a failed backup leaves no half file.
     */
    public Inspection backupTo(Path target) {
        Path abs = target.toAbsolutePath();
        Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
        try {
            Files.deleteIfExists(tmp);
            // private from the start: SQLite writes into the 0600 file (and gives its journal that mode)
            PrivateFiles.createFile(tmp);
            int rc = read(c -> ((SQLiteConnection) c).getDatabase().backup("main", tmp.toString(), null, 100, 3, -1));
            if (rc != 0) {
                throw new StoreException("backup to " + target + " failed (SQLite code " + rc + ")", null);
            }
            // The copy must be sound SQLite; an audit chain broken in the source is copied as it is
            // (a backup is evidence, and backing up a damaged cache is exactly when one is needed).
            Inspection copy = inspect(tmp);
            if (!copy.integrity().equals(List.of("ok"))) {
                throw new StoreException("the backup written to " + tmp + " does not check ok: " + copy.problems(), null);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return copy;
        } catch (IOException e) {
            throw new StoreException("cannot write backup " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the whole content of this cache with {@code source} (SQLite's backup API in the
     * other direction, under the write lock), then migrates it to the current schema. The caller
     * validates the source first ({@link #inspect}).
     */
    public void restoreFrom(Path source) {
        onWriterThread(c -> {
            int rc = ((SQLiteConnection) c).getDatabase().restore("main", source.toAbsolutePath().toString(), null, 100, 3, -1);
            if (rc != 0) {
                throw new SQLException("restore from " + source + " failed (SQLite code " + rc + ")");
            }
            try {
                migrate(c, MIGRATIONS.size());
            } catch (IOException e) {
                throw new SQLException(e.getMessage(), e);
            }
            return null;
        });
    }

    /** Compacts the file (after retention deleted history) and truncates the WAL. */
    public void vacuum() {
        onWriterThread(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return null;
        });
    }

    /** Bytes on disk: the database file plus its WAL and shared-memory files. */
    public long sizeOnDisk() {
        long total = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path p = Path.of(file + suffix);
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException ignored) {
                // a WAL can vanish at a checkpoint between exists and size
            }
        }
        return total;
    }

    /** The live cache's health: integrity, foreign keys, audit chain, schema version. */
    public Inspection check() {
        return read(Database::inspect);
    }

    /**
     * What a cache file holds and whether it is sound: schema version, {@code PRAGMA
     * integrity_check}, {@code PRAGMA foreign_key_check}, and the audit chain (schema 3+).
     */
    public record Inspection(int schemaVersion, List<String> integrity, List<String> foreignKeys,
                             AuditChain.Verification chain) {
        public boolean newerThanThisGatehouse() {
            return schemaVersion > MIGRATIONS.size();
        }

        public boolean healthy() {
            return integrity.equals(List.of("ok")) && foreignKeys.isEmpty() && (chain == null || chain.ok());
        }

        public String problems() {
            List<String> p = new java.util.ArrayList<>();
            if (!integrity.equals(List.of("ok"))) {
                p.add("integrity: " + String.join("; ", integrity));
            }
            if (!foreignKeys.isEmpty()) {
                p.add("foreign keys: " + String.join("; ", foreignKeys));
            }
            if (chain != null && !chain.ok()) {
                p.add("audit chain: " + chain.summary());
            }
            return String.join(", ", p);
        }
    }

    /** Opens another cache file just long enough to inspect it; never migrates or changes it. */
    public static Inspection inspect(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + " does not exist or is not a file", null);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties())) {
            return inspect(c);
        } catch (SQLException e) {
            throw new StoreException(file + " is not a readable Gatehouse cache: " + e.getMessage(), e);
        }
    }

    static Inspection inspect(Connection c) throws SQLException {
        int version = schemaVersion(c);
        List<String> integrity = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                integrity.add(rs.getString(1));
            }
        }
        List<String> fks = new java.util.ArrayList<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA foreign_key_check")) {
            while (rs.next()) {
                fks.add(rs.getString(1) + " row " + rs.getLong(2) + " points to a missing " + rs.getString(3));
            }
        }
        AuditChain.Verification chain = version >= 3 && version <= MIGRATIONS.size() ? AuditChain.verify(c) : null;
        return new Inspection(version, integrity, fks, chain);
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
