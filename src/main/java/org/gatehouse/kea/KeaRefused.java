package org.gatehouse.kea;

import org.gatehouse.model.Failure;

/**
 * Kea answered with a failure result: 1 (error), 2 (command not supported), 5 (fatal, config
 * partly applied). The text is Kea's own, shown to the user unchanged.
 */
public class KeaRefused extends KeaException {
    private final String command;
    private final int result;
    private final String keaText;

    public KeaRefused(String command, int result, String keaText) {
        super(command + " failed (result " + result + "): " + keaText);
        this.command = command;
        this.result = result;
        this.keaText = keaText;
    }

    public String command() {
        return command;
    }

    public int result() {
        return result;
    }

    public String keaText() {
        return keaText;
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }
}
