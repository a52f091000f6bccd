package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSnapshotStoreTest {

    @Test
    void snapshotsKeepTheConfigAndAHash(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("s.db"))) {
            ConfigSnapshotStore store = new ConfigSnapshotStore(db);
            long first = store.save(Instant.parse("2026-11-27T10:00:00Z"), "unix:/k.sock", null, "before approve", "{\"Dhcp4\":{}}");
            long second = store.save(Instant.parse("2026-11-27T10:01:00Z"), "unix:/k.sock", "ABC", "before deny", "{\"Dhcp4\":{\"x\":1}}");
            assertThat(store.list(10)).extracting(ConfigSnapshotStore.Snapshot::id).containsExactly(second, first);
            ConfigSnapshotStore.Snapshot s = store.get(first).orElseThrow();
            assertThat(s.config()).isEqualTo("{\"Dhcp4\":{}}");
            assertThat(s.hash()).matches("[0-9A-F]{64}");
            assertThat(store.get(second).orElseThrow().hash()).isEqualTo("ABC");
        }
    }
}
