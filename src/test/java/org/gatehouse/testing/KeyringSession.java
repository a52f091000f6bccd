package org.gatehouse.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private D-Bus session ({@code dbus-run-session}) with a real {@code gnome-keyring-daemon}
 * serving the freedesktop Secret Service on it, its login keyring created and unlocked
 * non-interactively ({@code --unlock}, the password on stdin from a 0600 file). Everything lives
 * under the test's directory (HOME, XDG dirs); the daemon runs in the foreground so that it is a
 * child of the session and stops with it.
 */
public final class KeyringSession implements AutoCloseable {
    private final OwnedProcess session;
    private final String address;
    private final Path home;

    private KeyringSession(OwnedProcess session, String address, Path home) {
        this.session = session;
        this.address = address;
        this.home = home;
    }

    public static KeyringSession start(Path dir, String keyringPassword) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("keyring-home"));
        Path runtime = Files.createDirectories(dir.resolve("keyring-run"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        Path pw = dir.resolve("keyring-password");
        Files.writeString(pw, keyringPassword, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        Path log = dir.resolve("keyring-session.log");
        String script = "gnome-keyring-daemon --foreground --unlock --components=secrets < \"$0\" & "
                + "echo \"BUS=$DBUS_SESSION_BUS_ADDRESS\"; wait";
        OwnedProcess p = OwnedProcess.start("dbus-run-session", List.of("dbus-run-session", "--", "sh", "-c", script, pw.toString()),
                Map.of("HOME", home.toString(), "XDG_RUNTIME_DIR", runtime.toString(), "XDG_DATA_HOME", home.resolve("data").toString(),
                        "XDG_CONFIG_HOME", home.resolve("config").toString(), "XDG_CACHE_HOME", home.resolve("cache").toString()), log);
        Instant until = Instant.now().plusSeconds(30);
        String address = null;
        while (address == null && Instant.now().isBefore(until)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("BUS=unix:")) {
                    address = line.substring(4);
                }
            }
            Thread.sleep(50);
        }
        KeyringSession k = new KeyringSession(p, address, home);
        if (address == null) {
            k.close();
            throw new IllegalStateException("dbus-run-session gave no bus address: " + Files.readString(log));
        }
        k.awaitSecretService(until);
        return k;
    }

    /** {@code DBUS_SESSION_BUS_ADDRESS} of this session. */
    public String address() {
        return address;
    }

    /** Where the keyring daemon keeps its files (its own encrypted keyring file). */
    public Path home() {
        return home;
    }

    /** Locks the login keyring as the desktop does on screen lock (Secret Service Lock, sent by dbus-send). */
    public void lockLogin() throws IOException, InterruptedException {
        Result r = run(List.of("dbus-send", "--session", "--dest=org.freedesktop.secrets", "--print-reply", "/org/freedesktop/secrets",
                "org.freedesktop.Secret.Service.Lock", "array:objpath:/org/freedesktop/secrets/collection/login"));
        if (r.exit() != 0 || !r.out().contains("collection/login")) {
            throw new IllegalStateException("could not lock the keyring: " + r.out());
        }
    }

    /** Runs libsecret's {@code secret-tool} on this bus: an independent client reading the same keyring. */
    public Result secretTool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("secret-tool"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    private Result run(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DBUS_SESSION_BUS_ADDRESS", address);
        pb.environment().put("HOME", home.toString());
        Path out = Files.createTempFile(home, "secret-tool", ".out");
        Process proc = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!proc.waitFor(20, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(proc.exitValue(), text);
    }

    public record Result(int exit, String out) {
    }

    private void awaitSecretService(Instant until) throws IOException, InterruptedException {
        while (Instant.now().isBefore(until)) {
            // a search succeeds once the daemon owns org.freedesktop.secrets (exit 1 with no match is an answer too)
            Result r = secretTool("search", "application", "gatehouse-probe");
            if (!r.out().contains("rror") || r.exit() == 0) {
                return;
            }
            Thread.sleep(Duration.ofMillis(100).toMillis());
        }
        throw new IllegalStateException("gnome-keyring-daemon did not start serving the Secret Service");
    }

    @Override
    public void close() {
        session.close();
    }
}
