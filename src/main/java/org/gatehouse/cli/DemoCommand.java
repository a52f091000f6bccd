package org.gatehouse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse demo}: a private local Kea with demo devices, and the console on it. */
@Command(name = "demo", description = "Start a private local Kea with demo devices and open the console on it.")
final class DemoCommand extends ConnectedCommand {

    @Option(names = "--no-gui", description = "do not open the console; print the Kea endpoint and keep Kea running")
    boolean noGui;

    @Option(names = "--seconds", paramLabel = "N", description = "with --no-gui: stop after N seconds (default: until interrupted)")
    int seconds;

    DemoCommand(Backend backend) {
        super(backend);
    }

    @Override
    public Integer call() {
        backend.demo(options(), !noGui, seconds);
        return 0;
    }
}
