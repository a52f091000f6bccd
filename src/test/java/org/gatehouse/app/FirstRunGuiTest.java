package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first start, headless on a real Kea: no profile → the connect page → the test Kea's unix
 * socket (offered, as it exists) → Test shows its version and the three tiers → Save → the Leases
 * screen shows its leases; the next start opens straight on the saved profile.
 */
@Tag("gui")
@Tag("kea")
class FirstRunGuiTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @TempDir
    static Path dir;

    static FrameDriver console;

    @BeforeAll
    static void setUp() throws Exception {
        console = new FrameDriver(dir);
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
        kea.addLease(140, "da:a1:19:00:00:8c", "gäste-telefon", 60);
        kea.addLease(200, "b8:27:eb:00:00:c8", "pi", 86400);
    }

    @AfterAll
    static void tearDown() throws Exception {
        console.close();
    }

    @Test
    void firstStartConnectsThroughTheUnixSocketAndTheNextStartOpensStraightOnIt() throws Exception {
        ScriptedDialogService dialogs = new ScriptedDialogService();
        console.open(console.realSetup(List.of(kea.socket()), dialogs));
        assertThat(console.has("#connect-page")).isTrue();
        // the socket that exists is offered and preselected
        @SuppressWarnings("unchecked")
        ComboBox<Path> socket = console.robot.lookup("#connect-socket").queryAs(ComboBox.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.getEditor().getText().equals(kea.socket().toString()));
        assertThat(socket.getItems()).contains(kea.socket());

        console.robot.doubleClickOn("#connect-name").eraseText(10).write("Gästehaus");
        console.robot.clickOn("#connect-test");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.lines("#connect-findings").stream().anyMatch(l -> l.startsWith("Kea 2.")));
        assertThat(console.lines("#connect-findings"))
                .anySatisfy(l -> assertThat(l).contains("192.168.40.0/24").contains("three tiers recognised"))
                .contains("The 'denied' class exists")
                .anySatisfy(l -> assertThat(l).startsWith("Hooks: ").contains("lease_cmds"))
                .anySatisfy(l -> assertThat(l).startsWith("site check:"));
        assertThat(console.robot.lookup("#connect-status").queryAs(Label.class).getText()).contains("three tiers are recognised");

        console.robot.clickOn("#connect-save");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.leaseRows() == 3);
        assertThat(console.store().defaultName()).contains("Gästehaus");
        Path profiles = console.gatehouseFiles().resolve("config/gatehouse/profiles.toml");
        assertThat(Files.readString(profiles)).contains("Gästehaus").contains("unix:" + kea.socket());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profiles))).isEqualTo("rw-------");
        assertThat(console.stage().getTitle()).contains("Gästehaus");
        assertThat(console.robot.lookup("#status-connection").queryAs(Label.class).getText()).contains("Gästehaus");

        console.closeWindow();
        console.open(console.realSetup(List.of(kea.socket()), dialogs));
        await().atMost(Duration.ofSeconds(20)).until(() -> console.leaseRows() == 3);
        assertThat(console.has("#connect-page")).isFalse();
        assertThat(console.stage().getTitle()).contains("Gästehaus");
        console.closeWindow();
    }

    /** A profile file that does not parse: the console opens on the connect page, names file and line, and overwrites nothing. */
    @Test
    void aBrokenProfileFileIsReportedAndLeftAlone() throws Exception {
        FrameDriver other = new FrameDriver(dir.resolve("broken-user"));
        try {
            Path file = other.gatehouseFiles().resolve("config/gatehouse/profiles.toml");
            Files.createDirectories(file.getParent());
            String broken = "default = \"home\"\n\n[profiles.home]\nkea = { uri = \"unix:/run/kea/kea4-ctrl-socket\"\n";
            Files.writeString(file, broken);
            ScriptedDialogService dialogs = new ScriptedDialogService();
            other.open(other.realSetup(List.of(kea.socket()), dialogs));
            await().atMost(Duration.ofSeconds(10)).until(() -> dialogs.last("console-warning").isPresent());
            assertThat(other.has("#connect-page")).isTrue();
            assertThat(dialogs.last("console-warning").orElseThrow().text()).contains(file.toString() + ":");
            other.robot.clickOn("#connect-save");
            await().atMost(Duration.ofSeconds(10)).until(() -> other.text("#connect-status").startsWith("Not saved"));
            assertThat(other.text("#connect-status")).contains(file.toString());
            assertThat(Files.readString(file)).isEqualTo(broken);
        } finally {
            other.close();
        }
    }

    /** "Try the demo" on the connect page: the demo's private Kea and devices open in the same window; closing stops it. */
    @Test
    void tryTheDemoOpensTheDemoSite() throws Exception {
        Path empty = dir.resolve("demo-user");
        FrameDriver other = new FrameDriver(empty);
        try {
            other.open(other.realSetup(List.of(), new ScriptedDialogService()));
            assertThat(other.has("#connect-page")).isTrue();
            other.robot.clickOn("#connect-demo");
            await().atMost(Duration.ofSeconds(60)).until(() -> other.leaseRows() > 300);
            assertThat(other.stage().getTitle()).contains("demo");
            String endpoint = other.text("#status-connection");
            assertThat(endpoint).contains("unix:");
            Path socket = Path.of(endpoint.substring(endpoint.indexOf("unix:") + 5).split(" ")[0]);
            assertThat(Files.exists(socket)).isTrue();
            other.closeWindow();
            // closing the window stops the demo's Kea and removes its directory
            await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(socket.getParent()));
        } finally {
            other.close();
        }
    }
}
