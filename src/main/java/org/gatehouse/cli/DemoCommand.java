package org.gatehouse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gatehouse demo}: a private local Kea with demo devices, a simulated switch, and the console on them. */
@Command(name = "demo", description = "Start a private local Kea with demo devices and a simulated switch (SSH CLI and SNMP on 127.0.0.1), and open the console on them.")
final class DemoCommand extends ConnectedCommand {

    @Option(names = "--no-gui", description = "do not open the console; print the options that reach the demo's Kea, cache and switch, and keep them running")
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
