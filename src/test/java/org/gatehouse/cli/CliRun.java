package org.gatehouse.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.gatehouse.app.AppBackend;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.OuiRegistry;

/** Runs the real command line in-process, with the real wiring, capturing output and exit code. */
public record CliRun(int exit, String out, String err) {

    public static CliRun run(Map<String, String> env, String... args) {
        return run(Clock.systemUTC(), env, args);
    }

    /** With the clock the test moves (a {@code MutableClock}) instead of waiting for time to pass. */
    public static CliRun run(Clock clock, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), clock,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        int code = GatehouseCli.forArguments(args, backend, env::get, new PrintWriter(out, true), new PrintWriter(err, true), (command, debug) -> { })
                .execute(args);
        return new CliRun(code, out.toString() + console.toString(StandardCharsets.UTF_8), err.toString());
    }

    /** A secret file as a user must make it: readable by its owner only (gatehouse refuses others). */
    public static Path writePrivate(Path file, String content) throws java.io.IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
