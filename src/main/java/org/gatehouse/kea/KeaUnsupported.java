package org.gatehouse.kea;

/** Result 2: the command is unknown to this Kea, usually because its hook library is not loaded. */
public final class KeaUnsupported extends KeaRefused {
    public KeaUnsupported(String command, String keaText) {
        super(command, 2, keaText);
    }
}
