package org.gatehouse.app;

import java.io.PrintWriter;
import java.time.Clock;
import org.gatehouse.cli.GatehouseCli;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.OuiRegistry;

/**
 * The launcher's entry point. Deliberately not a JavaFX {@code Application}: on the class path
 * JavaFX refuses to start such a main class, and the CLI must run without a display.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(), System.out);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = GatehouseCli.create(backend, System::getenv, out, err).execute(args);
        System.exit(code);
    }
}
