package org.gatehouse.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds ../shared (recorded Kea answers, switch recordings) beside the repository. */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String prop = System.getProperty("gatehouse.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("../shared is not beside the repository (looked at " + p.toAbsolutePath() + ")");
        }
        return p;
    }

    public static Path keaResponse(String relative) {
        return root().resolve("kea-responses").resolve(relative);
    }
}
