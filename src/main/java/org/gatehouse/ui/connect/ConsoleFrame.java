package org.gatehouse.ui.connect;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.gatehouse.policy.ConsoleLayout;
import org.gatehouse.ui.Theme;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.ui.dialog.FxDialogService;
import org.gatehouse.ui.settings.SettingsView;
import org.gatehouse.ui.settings.SettingsViewModel;
import org.gatehouse.ui.shell.MainWindow;

/**
 * The console's one window and what it shows: the connect page (first run), or the screens of
 * the open site. Opening another profile closes the old site's services and builds every screen
 * anew on the new one. Keeps the window's place, the theme and the tables' layout.
 */
public final class ConsoleFrame {
    private final Stage stage;
    private final ConsoleSetup setup;
    private final DialogService dialogs;
    private ConsoleLayout.Layout layout;
    private final TableLayouts tables;
    private final javafx.scene.control.Label opening = new javafx.scene.control.Label("Opening Gatehouse …");
    private MainWindow window;
    private SiteOpener.OpenSite site;
    private String profile;
    private boolean connectPage;

    public ConsoleFrame(Stage stage, ConsoleSetup setup, ConsoleLayout.Layout layout) {
        this.stage = stage;
        this.setup = setup;
        this.dialogs = setup.dialogs() != null ? setup.dialogs() : new FxDialogService(() -> stage);
        this.layout = layout;
        this.tables = new TableLayouts(layout.tables());
        placeWindow(layout.window());
        opening.setId("console-opening");
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(opening), sceneWidth(), sceneHeight()));
    }

    /**
     * Shows {@code opened} when the command line named a Kea, else the named (or default) profile,
     * else the connect page.
     */
    public void start(SiteOpener.OpenSite opened, String profileName) {
        if (opened != null) {
            show(opened, null);
        } else if (profileName != null) {
            open(profileName);
        } else {
            setup.tasks().run(() -> setup.profiles().defaultName(), name -> name.ifPresentOrElse(this::open, this::showConnect), e -> {
                // a broken profile file: the console still opens, and says which file and line
                showConnect();
                warn("The profiles could not be read", e.getMessage());
            });
        }
    }

    /**
     * {@code gatehouse demo}: the window first, saying the demo is starting, then the demo's Kea, devices and
     * switch in the background (seconds), then its screens; if it does not start, the connect page says why.
     */
    public void startDemo() {
        opening.setText("Starting the demo's Kea, its devices and switch …");
        demo();
    }

    /** Says something went wrong that did not stop the console (a broken profile file). */
    public void warn(String header, String text) {
        dialogs.report(DialogService.Level.WARNING, "console-warning", null, header, text);
    }

    public MainWindow window() {
        return window;
    }

    public String profile() {
        return profile;
    }

    public void showConnect() {
        closeSite();
        connectPage = true;
        ConnectViewModel vm = new ConnectViewModel(setup, dialogs, this::open);
        double w = sceneWidth();
        double h = sceneHeight();
        Scene scene = new Scene(new ConnectView(vm, this::demo), w, h);
        scene.getStylesheets().add(MainWindow.class.getResource("/org/gatehouse/ui/gatehouse.css").toExternalForm());
        theme().apply();
        stage.setTitle("Gatehouse — connect to Kea");
        stage.setScene(scene);
        stage.setWidth(w);
        stage.setHeight(h);
        vm.start();
    }

    /** Opens a saved profile (in the background) and shows its screens; a failure returns to where the user was. */
    public void open(String name) {
        stage.setTitle("Gatehouse — opening " + name + " …");
        setup.tasks().run(() -> setup.opener().open(name, setup.tasks()), opened -> show(opened, name), e -> {
            dialogs.report(DialogService.Level.ERROR, "open-profile-failed", null, "Cannot open profile " + name, e.getMessage());
            if (window == null) {
                showConnect();
            } else {
                stage.setTitle("Gatehouse — " + site.title());
            }
        });
    }

    private void demo() {
        stage.setTitle("Gatehouse — starting the demo …");
        setup.tasks().run(() -> setup.opener().demo(setup.tasks()), opened -> show(opened, null), e -> {
            dialogs.report(DialogService.Level.ERROR, "demo-failed", null, "The demo did not start", e.getMessage());
            if (connectPage) {
                stage.setTitle("Gatehouse — connect to Kea");
            } else {
                showConnect();   // gatehouse demo: the window had only the "starting" message
            }
        });
    }

    private void show(SiteOpener.OpenSite opened, String name) {
        Theme theme = window != null ? window.shell().themeProperty().get() : theme();
        closeSite();
        connectPage = false;
        site = opened;
        profile = name;
        window = new MainWindow(opened.context(), dialogs);
        window.setSettingsScreen(() -> new SettingsView(new SettingsViewModel(setup, opened, name, window.shell().themeProperty(),
                this::open, dialogs), dialogs));
        window.shell().themeProperty().set(theme);
        double w = sceneWidth();
        double h = sceneHeight();
        window.install(stage);
        stage.setWidth(w);
        stage.setHeight(h);
        stage.setTitle("Gatehouse — " + opened.title());
        tables.scan(stage.getScene().getRoot());
        window.shell().screenProperty().addListener((o, a, b) -> Platform.runLater(() -> tables.scan(stage.getScene().getRoot())));
    }

    private void closeSite() {
        if (window != null) {
            tables.scan(stage.getScene().getRoot());
            window.dispose();
            window = null;
        }
        if (site != null) {
            SiteOpener.OpenSite old = site;
            site = null;
            // closing may wait for a Kea connection or the demo's processes: never on the FX thread
            setup.tasks().run(() -> {
                old.close().run();
                return null;
            }, x -> { }, e -> { });
        }
    }

    /** On the FX thread when the window is hidden: the layout to save, and the site to close (by the caller, off the FX thread). */
    public ConsoleLayout.Layout closing() {
        if (window != null) {
            tables.scan(stage.getScene().getRoot());
            window.dispose();
            layout = layout.withTheme(window.shell().themeProperty().get() == Theme.DARK ? "dark" : "light");
            window = null;
        }
        layout = layout.withWindow(new ConsoleLayout.Window(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized()));
        for (var e : tables.capture().entrySet()) {
            layout = layout.withTable(e.getKey(), e.getValue());
        }
        return layout;
    }

    /** The site still open when the window closed (the launcher closes it off the FX thread), or null. */
    public SiteOpener.OpenSite openSite() {
        return site;
    }

    private Theme theme() {
        return "dark".equals(layout.theme()) ? Theme.DARK : Theme.LIGHT;
    }

    private double sceneWidth() {
        double w = stage.getWidth();
        return w > 0 ? w : layout.window() != null ? layout.window().width() : 1280;
    }

    private double sceneHeight() {
        double h = stage.getHeight();
        return h > 0 ? h : layout.window() != null ? layout.window().height() : 740;
    }

    /** Puts the window where it was, if that place is still on a screen (a monitor may be gone). */
    private void placeWindow(ConsoleLayout.Window w) {
        if (w == null || w.width() < 200 || w.height() < 150) {
            return;
        }
        boolean visible = Screen.getScreens().stream().map(Screen::getVisualBounds)
                .anyMatch((Rectangle2D b) -> b.intersects(w.x(), w.y(), Math.min(w.width(), 100), Math.min(w.height(), 100)));
        Runnable place = () -> {
            if (visible) {
                stage.setX(w.x());
                stage.setY(w.y());
            }
            stage.setWidth(w.width());
            stage.setHeight(w.height());
            stage.setMaximized(w.maximized());
        };
        place.run();
        // showing a window may centre it again: put it back once it is up
        javafx.beans.value.ChangeListener<Boolean> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now) {
                    stage.showingProperty().removeListener(this);
                    Platform.runLater(place);
                }
            }
        };
        if (!stage.isShowing()) {
            stage.showingProperty().addListener(once);
        }
    }
}
