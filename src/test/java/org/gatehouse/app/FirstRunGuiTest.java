package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.ConsoleLayout;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.testing.KeaServer;
import org.gatehouse.testing.MemoryProfileBook;
import org.gatehouse.ui.connect.ConsoleFrame;
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.connect.ProfileBook;
import org.gatehouse.ui.dialog.ScriptedDialogService;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

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

    static FxTaskExecutor tasks;
    static AppBackend backend;
    final FxRobot robot = new FxRobot();
    final ScriptedDialogService dialogs = new ScriptedDialogService();
    ConsoleFrame frame;

    @BeforeAll
    static void setUp() throws Exception {
        FxToolkit.registerPrimaryStage();
        tasks = new FxTaskExecutor();
        backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
                new PrintStream(OutputStream.nullOutputStream()));
        kea.addLease(10, "f0:18:98:00:00:0a", "anna-iphone", 86400);
        kea.addLease(140, "da:a1:19:00:00:8c", "gäste-telefon", 60);
        kea.addLease(200, "b8:27:eb:00:00:c8", "pi", 86400);
    }

    @AfterAll
    static void tearDown() {
        tasks.close();
    }

    @AfterEach
    void close() throws Exception {
        if (frame != null) {
            closeFrame();
        }
    }

    static ConnectionOptions options(Path dir) {
        ConnectionOptions o = new ConnectionOptions(name -> null);
        new CommandLine(o).parseArgs("--db", dir.resolve("cache.db").toString(), "--known-hosts", dir.resolve("known_hosts").toString());
        return o;
    }

    ConsoleSetup setup(ProfileBook book) {
        return backend.consoleSetup(options(dir), tasks, book, new ConsoleLayout(dir.resolve("state/layout.json")),
                () -> List.of(kea.socket()), dialogs);
    }

    void openFrame(ConsoleSetup setup) throws Exception {
        ConsoleLayout.Layout layout = setup.layout().load();
        FxToolkit.setupStage(stage -> {
            frame = new ConsoleFrame(stage, setup, layout);
            frame.start(null, null);
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What closing the window does: layout saved, the site closed. */
    void closeFrame() throws Exception {
        ConsoleLayout.Layout[] last = new ConsoleLayout.Layout[1];
        FxToolkit.setupStage(stage -> last[0] = frame.closing());
        if (frame.openSite() != null) {
            frame.openSite().close().run();
        }
        new ConsoleLayout(dir.resolve("state/layout.json")).save(last[0]);
        FxToolkit.setupStage(Stage::hide);
        frame = null;
    }

    @SuppressWarnings("unchecked")
    TableView<Object> leaseTable() {
        return robot.lookup("#lease-table").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    static List<String> findings(FxRobot robot) {
        return List.copyOf(robot.lookup("#connect-findings").queryAs(ListView.class).getItems());
    }

    @Test
    void firstStartConnectsThroughTheUnixSocketAndTheNextStartOpensStraightOnIt() throws Exception {
        MemoryProfileBook book = new MemoryProfileBook(dir.resolve("known_hosts"));
        openFrame(setup(book));
        assertThat(robot.lookup("#connect-page").tryQuery()).isPresent();
        // the socket that exists is offered and preselected
        @SuppressWarnings("unchecked")
        ComboBox<Path> socket = robot.lookup("#connect-socket").queryAs(ComboBox.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> socket.getEditor().getText().equals(kea.socket().toString()));
        assertThat(socket.getItems()).contains(kea.socket());

        robot.doubleClickOn("#connect-name").eraseText(10).write("Gästehaus");
        robot.clickOn("#connect-test");
        await().atMost(Duration.ofSeconds(20)).until(() -> findings(robot).stream().anyMatch(l -> l.startsWith("Kea 2.")));
        assertThat(findings(robot)).anySatisfy(l -> assertThat(l).contains("192.168.40.0/24").contains("three tiers recognised"))
                .contains("The 'denied' class exists")
                .anySatisfy(l -> assertThat(l).startsWith("Hooks: ").contains("lease_cmds"))
                .anySatisfy(l -> assertThat(l).startsWith("site check:"));
        assertThat(robot.lookup("#connect-status").queryAs(Label.class).getText()).contains("three tiers are recognised");

        robot.clickOn("#connect-save");
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#lease-table").tryQuery().isPresent()
                && leaseTable().getItems().size() == 3);
        assertThat(book.defaultName()).contains("Gästehaus");
        assertThat(window().getTitle()).contains("Gästehaus");
        assertThat(robot.lookup("#status-connection").queryAs(Label.class).getText()).contains("Gästehaus");

        closeFrame();
        openFrame(setup(book));
        await().atMost(Duration.ofSeconds(20)).until(() -> robot.lookup("#lease-table").tryQuery().isPresent()
                && leaseTable().getItems().size() == 3);
        assertThat(robot.lookup("#connect-page").tryQuery()).isEmpty();
        assertThat(window().getTitle()).contains("Gästehaus");
    }

    Stage window() {
        return (Stage) robot.lookup("#lease-table").query().getScene().getWindow();
    }
}
