package org.gatehouse.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link FirstOpenRaceTest}: waits until the go-file exists, so that all the
 * children open the same brand-new cache within a millisecond or two, then opens it and prints
 * the schema version it found.
 */
public final class CacheOpener {
    private CacheOpener() {
    }

    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[1]);
        while (!Files.exists(go)) {
            Thread.onSpinWait();
        }
        try (Database db = Database.open(Path.of(args[0]))) {
            System.out.println("version " + db.read(Database::schemaVersion));
        }
    }
}
