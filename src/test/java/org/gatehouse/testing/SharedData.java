package org.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recorded data the tests share, kept in this repository under {@code src/test/resources}
 * (each set has a README naming its source and licence): {@code kea-responses/} (answers of Kea
 * 2.4-3.2) and {@code switch-recordings/} (Comware CLI captures, SNMP recording). Found on the test
 * class path, so nothing outside the repository is read.
 */
public final class SharedData {
    private static final String MARKER = "/kea-responses/README.md";

    private SharedData() {
    }

    /** The directory holding {@code kea-responses/} and {@code switch-recordings/}. */
    public static Path root() {
        URL marker = SharedData.class.getResource(MARKER);
        if (marker == null || !"file".equals(marker.getProtocol())) {
            throw new IllegalStateException("the recorded test data (src/test/resources" + MARKER + ") is not on the test class path");
        }
        try {
            return Path.of(marker.toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the test class path entry " + marker, e);
        }
    }

    /** A recorded Kea answer, e.g. {@code kea-3.0/reservation-get.found.json}; fails clearly when it is not in the repository. */
    public static Path keaResponse(String relative) {
        return existing(root().resolve("kea-responses").resolve(relative));
    }

    /** A file or folder of the switch recordings, e.g. {@code cli} or {@code snmp/comware.snmprec}. */
    public static Path switchRecording(String relative) {
        return existing(root().resolve("switch-recordings").resolve(relative));
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            throw new UncheckedIOException(new IOException("recorded test data missing: " + p
                    + " (copy it into src/test/resources with its source noted in that folder's README)"));
        }
        return p;
    }
}
