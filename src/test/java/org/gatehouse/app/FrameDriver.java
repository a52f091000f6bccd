package org.gatehouse.app;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.policy.ConsoleLayout;
import org.gatehouse.policy.OuiRegistry;
import org.gatehouse.ui.connect.ConsoleFrame;
import org.gatehouse.ui.connect.ConsoleSetup;
import org.gatehouse.ui.connect.ProfileBook;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.task.FxTaskExecutor;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * Opens and closes the console frame on TestFX's primary stage as the launcher does (layout loaded
 * before, saved after; the open site closed), wired by the real {@link AppBackend}.
 */
final class FrameDriver implements AutoCloseable {
    final Path dir;
    final FxTaskExecutor tasks = new FxTaskExecutor();
    final AppBackend backend = new AppBackend(new KeaJson(), new OuiRegistry(OuiRegistry.DEBIAN_OUI_CSV), Clock.systemUTC(),
            new PrintStream(OutputStream.nullOutputStream()));
    final FxRobot robot = new FxRobot();
    ConsoleFrame frame;

    FrameDriver(Path dir) throws Exception {
        this.dir = dir;
        FxToolkit.registerPrimaryStage();
    }

    ConnectionOptions options() {
        ConnectionOptions o = new ConnectionOptions(name -> null);
        new CommandLine(o).parseArgs("--db", gatehouseFiles().resolve("cache.db").toString(), "--known-hosts", knownHosts().toString());
        return o;
    }

    Path knownHosts() {
        return gatehouseFiles().resolve("known_hosts");
    }

    Path layoutFile() {
        return gatehouseFiles().resolve("state/gatehouse/layout.json");
    }

    /** Everything Gatehouse writes in these tests: config, data, state, cache, known_hosts. */
    Path gatehouseFiles() {
        return dir.resolve("gh");
    }

    /** The user's environment: private XDG directories, no desktop keyring (the encrypted store, passphrase {@link #PASSPHRASE}). */
    java.util.Map<String, String> env() {
        Path gh = gatehouseFiles();
        return java.util.Map.of("HOME", gh.resolve("home").toString(), "XDG_CONFIG_HOME", gh.resolve("config").toString(),
                "XDG_DATA_HOME", gh.resolve("data").toString(), "XDG_STATE_HOME", gh.resolve("state").toString(), "GATEHOUSE_KEYRING", "off");
    }

    static final String PASSPHRASE = "Pässphrase-" + java.util.UUID.randomUUID();

    /** A fresh view of the profiles on disk, as a new console start would open them. */
    org.gatehouse.policy.Profiles store() {
        return AppProfiles.open(env()::get, new ProfileProbes(backend), creating -> PASSPHRASE.toCharArray());
    }

    /** The console wired as {@code gatehouse} wires it: the profiles on disk, their secrets in the encrypted store. */
    ConsoleSetup realSetup(List<Path> sockets, DialogService dialogs) {
        org.gatehouse.policy.Profiles store = store();
        ProfileBookAdapter book = new ProfileBookAdapter(store, knownHosts(), java.time.Duration.ofSeconds(10));
        return backend.consoleSetup(options(), tasks, book, backend.sites(store, book, options()), new ConsoleLayout(layoutFile()),
                () -> sockets, dialogs);
    }

    ConsoleSetup setup(ProfileBook book, List<Path> sockets, DialogService dialogs) {
        return backend.consoleSetup(options(), tasks, book, new ConsoleLayout(layoutFile()), () -> sockets, dialogs);
    }

    void open(ConsoleSetup setup) throws Exception {
        ConsoleLayout.Layout layout = setup.layout().load();
        FxToolkit.setupStage(stage -> {
            frame = new ConsoleFrame(stage, setup, layout);
            frame.start(null, null);
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** As {@code gatehouse demo} opens it: the frame shown at once, the demo starting behind it. */
    void openDemo(ConsoleSetup setup) throws Exception {
        ConsoleLayout.Layout layout = setup.layout().load();
        FxToolkit.setupStage(stage -> {
            frame = new ConsoleFrame(stage, setup, layout);
            frame.startDemo();
        });
        FxToolkit.showStage();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** What closing the window does: the layout saved, the site closed. */
    void closeWindow() throws Exception {
        if (frame == null) {
            return;
        }
        ConsoleLayout.Layout[] last = new ConsoleLayout.Layout[1];
        FxToolkit.setupStage(stage -> last[0] = frame.closing());
        if (frame.openSite() != null) {
            frame.openSite().close().run();
        }
        new ConsoleLayout(layoutFile()).save(last[0]);
        FxToolkit.setupStage(Stage::hide);
        frame = null;
    }

    Stage stage() throws Exception {
        Stage[] s = new Stage[1];
        FxToolkit.setupStage(stage -> s[0] = stage);
        return s[0];
    }

    boolean has(String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }

    @SuppressWarnings("unchecked")
    TableView<Object> table(String id) {
        return robot.lookup(id).queryAs(TableView.class);
    }

    int leaseRows() {
        return has("#lease-table") ? table("#lease-table").getItems().size() : -1;
    }

    /** Puts {@code text} into a text field, as if typed (its listeners run the same). */
    void type(String id, String text) {
        javafx.scene.control.TextField f = robot.lookup(id).queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> f.setText(text));
    }

    String text(String labelId) {
        return robot.lookup(labelId).tryQuery().map(n -> n instanceof javafx.scene.control.TextInputControl t ? t.getText()
                : ((javafx.scene.control.Labeled) n).getText()).orElse("(none)");
    }

    @SuppressWarnings("unchecked")
    List<String> lines(String listId) {
        return List.copyOf(robot.lookup(listId).queryAs(ListView.class).getItems());
    }

    @Override
    public void close() throws Exception {
        closeWindow();
        tasks.close();
    }
}
