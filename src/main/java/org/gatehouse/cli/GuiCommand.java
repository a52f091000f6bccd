package org.gatehouse.cli;

import picocli.CommandLine.Command;

/** {@code gatehouse gui}: the console (also what no command at all does). */
@Command(name = "gui", description = "Open the console.")
final class GuiCommand extends ConnectedCommand {

    GuiCommand(Backend backend) {
        super(backend);
    }

    @Override
    public Integer call() {
        backend.gui(options());
        return 0;
    }
}
