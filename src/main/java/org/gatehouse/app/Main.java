package org.gatehouse.app;

import org.gatehouse.cli.Version;

/**
 * The launcher's entry point. Deliberately not a JavaFX {@code Application}: on the class path
 * JavaFX refuses to start such a main class, and the CLI must run without a display.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // A lone --version is answered before picocli and the backend are loaded (about 1,000 classes fewer; README,
        // "Start-up"), with the line picocli prints for it. Every other argument list goes through the command line.
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            System.out.println(Version.line());
            System.out.flush();
            return;
        }
        AppStart.main(args);
    }
}
