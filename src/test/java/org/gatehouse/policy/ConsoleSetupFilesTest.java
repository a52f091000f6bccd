package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files behind the console's first run: the Kea sockets offered, and the remembered layout. */
class ConsoleSetupFilesTest {

    @TempDir
    Path dir;

    @Test
    void offersSocketsThatExistAndTheOnesLocalConfigsName() throws Exception {
        Path existing = Files.createFile(dir.resolve("kea4-ctrl-socket"));
        Path absent = dir.resolve("no-such-socket");
        Path kea22 = dir.resolve("kea-dhcp4.conf");
        Files.writeString(kea22, """
                // Debian's file, with comments as Kea allows
                { "Dhcp4": { "control-socket": { "socket-type": "unix", "socket-name": "/run/kea/kea4-ctrl-socket" },
                  # another comment
                  "subnet4": [] } }
                """);
        Path kea27 = dir.resolve("kea-dhcp4-27.conf");
        Files.writeString(kea27, """
                { "Dhcp4": { "control-sockets": [ { "socket-type": "unix", "socket-name": "kea4-ctrl-socket" },
                                                  { "socket-type": "http", "socket-address": "127.0.0.1", "socket-port": 8004 } ] } }
                """);
        Path garbage = dir.resolve("broken.conf");
        Files.writeString(garbage, "{ not json");
        List<Path> offered = new LocalKeaSockets(List.of(existing, absent), List.of(kea22, kea27, garbage, dir.resolve("missing.conf")))
                .candidates();
        assertThat(offered).containsExactly(existing, Path.of("/run/kea/kea4-ctrl-socket"));
    }

    @Test
    void layoutIsSavedPrivatelyAndReadBack() throws Exception {
        Path file = dir.resolve("state/gatehouse/layout.json");
        ConsoleLayout store = new ConsoleLayout(file);
        assertThat(store.load()).isEqualTo(ConsoleLayout.Layout.empty());
        ConsoleLayout.Layout layout = ConsoleLayout.Layout.empty().withWindow(new ConsoleLayout.Window(10, 20, 1000, 700, false)).withTheme("dark")
                .withTable("lease-table", new ConsoleLayout.Table(List.of(new ConsoleLayout.Column("col-hostname", 180.5)),
                        List.of(new ConsoleLayout.Sort("col-hostname", false))));
        store.save(layout);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(new ConsoleLayout(file).load()).isEqualTo(layout);
        assertThat(Files.exists(file.resolveSibling("layout.json.part"))).isFalse();
    }

    @Test
    void aBrokenLayoutFileGivesTheDefaultAndSaysWhy() throws Exception {
        Path file = dir.resolve("layout.json");
        for (String broken : List.of("", "null", "{ \"tables\": 7 }", "[1,2", "\u0000\u0001garbage", "{\"window\":{\"width\":\"wide\"}}")) {
            Files.writeString(file, broken);
            ConsoleLayout store = new ConsoleLayout(file);
            assertThat(store.load()).as(broken).isEqualTo(ConsoleLayout.Layout.empty());
        }
        Files.writeString(file, "[1,2");
        ConsoleLayout store = new ConsoleLayout(file);
        store.load();
        assertThat(store.problem()).contains(file.toString()).contains("default layout");
    }

    @Test
    void defaultLayoutFileFollowsXdgStateHome() {
        assertThat(ConsoleLayout.defaultFile("/x/state", "/home/u")).isEqualTo(Path.of("/x/state/gatehouse/layout.json"));
        assertThat(ConsoleLayout.defaultFile(null, "/home/u")).isEqualTo(Path.of("/home/u/.local/state/gatehouse/layout.json"));
    }
}
