package org.gatehouse.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real launcher ({@link Main}) in a child JVM, as a user's shell starts it: umask 022, its own
 * HOME and XDG_STATE_HOME under a test directory, no GATEHOUSE_* settings from the outside.
 */
record GatehouseProcess(int exit, String out, String err) {

    /** The user's directories of one test: home, state (XDG_STATE_HOME) and the cache. */
    record User(Path home, Path state, Path cache) {
        static User in(Path dir) throws IOException {
            return new User(Files.createDirectories(dir.resolve("home")), dir.resolve("state"),
                    Files.createDirectories(dir.resolve("cache")));
        }

        Path logDir() {
            return state.resolve("gatehouse");
        }

        Path logFile() {
            return logDir().resolve("gatehouse.log");
        }

        String log() throws IOException {
            return Files.readString(logFile(), StandardCharsets.UTF_8);
        }

        GatehouseProcess run(Map<String, String> env, String... args) throws IOException, InterruptedException {
            return GatehouseProcess.run(this, env, args);
        }
    }

    static GatehouseProcess run(User user, Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "umask 022; exec \"$0\" \"$@\"", java, "-Xmx192m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_"));
        env.put("HOME", user.home().toString());
        env.put("XDG_STATE_HOME", user.state().toString());
        env.put("GATEHOUSE_DB", user.cache().resolve("cache.db").toString());
        env.putAll(extraEnv);
        File out = Files.createTempFile(user.home(), "out", ".txt").toFile();
        File err = Files.createTempFile(user.home(), "err", ".txt").toFile();
        Process p = pb.redirectOutput(out).redirectError(err).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gatehouse " + String.join(" ", args) + " did not finish within 120 s");
        }
        GatehouseProcess r = new GatehouseProcess(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
        Files.delete(out.toPath());
        Files.delete(err.toPath());
        return r;
    }
}
