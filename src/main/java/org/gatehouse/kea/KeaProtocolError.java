package org.gatehouse.kea;

import org.gatehouse.model.Failure;

/** Kea (or whatever answered) sent something that is not a Kea answer (exit 1). */
public final class KeaProtocolError extends KeaException {
    public KeaProtocolError(String why) {
        super(why);
    }

    public KeaProtocolError(String why, Throwable cause) {
        super(why, cause);
    }

    /** A short, printable excerpt of a bad reply, so that the user sees what was received. */
    static String excerpt(String received) {
        String clean = received.replaceAll("[\\p{Cntrl}&&[^\n]]", "?").replace('\n', ' ');
        return clean.length() > 120 ? clean.substring(0, 120) + "… (" + received.length() + " chars)" : clean;
    }

    @Override
    public Failure failure() {
        return Failure.REFUSED;
    }
}
