package org.gatehouse.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.gatehouse.cli.GatehouseCli;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.store.Database;
import org.slf4j.LoggerFactory;

/**
 * Everything {@link Main} starts but its {@code --version} fast path: the command line, built for
 * the command named, and the console when none is. A class of its own, so that the JVM's verifier
 * loads none of the types used here for that fast path.
 */
final class AppStart {
    private AppStart() {
    }

    static void main(String[] args) {
        // Jackson's set-up and SQLite's native library cost a command that connects about 0.1 s of CPU before its
        // first request: they are made on a second thread while picocli parses and logging starts on this one.
        // A command that needs neither only loses that thread's work (README, "Recording the lease list").
        // Logging starts here first: SLF4J answers a second thread that asks while it starts with a stand-in factory.
        LoggerFactory.getILoggerFactory();
        FutureTask<KeaJson> json = new FutureTask<>(KeaJson::new);
        Thread early = new Thread(() -> {
            json.run();
            Database.loadNativeLibrary();
        }, "gatehouse-early-set-up");
        early.setDaemon(true);
        early.start();
        AppBackend backend = new AppBackend(() -> made(json), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(), System.out);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = GatehouseCli.forArguments(args, backend, System::getenv, out, err, (command, debug) -> startLogging(command, debug, err))
                .execute(args);
        System.exit(code);
    }

    private static KeaJson made(FutureTask<KeaJson> json) {
        try {
            return json.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new KeaJson();
        } catch (ExecutionException e) {
            // The same failure again, on the thread that needs it, with its own stack trace.
            return new KeaJson();
        }
    }

    /** Logging starts once the command is known: sync (the service) also logs to the journal. */
    private static void startLogging(String command, boolean debug, PrintWriter err) {
        Path file = Logging.start(System::getenv, debug, "sync".equals(command), err);
        String version = Main.class.getPackage().getImplementationVersion();
        LoggerFactory.getLogger(Main.class).info("gatehouse {} starting: command {}, Java {} ({}), {} {} {}, log file {}",
                version == null ? "development build" : version, command, System.getProperty("java.version"),
                System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"), file == null ? "none" : file);
    }
}
