package org.gatehouse.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of commands that talk to Kea: gives them the root's connection options and a printer. */
abstract class ConnectedCommand implements Callable<Integer> {
    protected final Backend backend;

    @Spec
    CommandSpec spec;

    protected ConnectedCommand(Backend backend) {
        this.backend = backend;
    }

    protected ConnectionOptions options() {
        return ((GatehouseCli) spec.root().userObject()).connection();
    }

    protected Printer printer() {
        return new Printer(spec.commandLine().getOut());
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
