package org.gatehouse.ui.dialog;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The console's dialogs: JavaFX alerts and file choosers owned by the main window. */
public final class FxDialogService implements DialogService {
    private final Supplier<Window> owner;

    /** {@code owner} is asked at each dialog (the window may not exist yet when this is built). */
    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(String title, String header, String text) {
        Alert a = alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, ButtonType.OK);
        a.setTitle(title);
        a.setHeaderText(header);
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    @Override
    public Shown report(Level level, String id, String title, String header, String text) {
        Alert.AlertType type = switch (level) {
            case INFO -> Alert.AlertType.INFORMATION;
            case WARNING -> Alert.AlertType.WARNING;
            case ERROR -> Alert.AlertType.ERROR;
        };
        Alert a = alert(type, text, level == Level.WARNING ? ButtonType.OK : ButtonType.CLOSE);
        if (title != null) {
            a.setTitle(title);
        }
        a.setHeaderText(header);
        if (id != null) {
            a.getDialogPane().setId(id);
        }
        a.show();
        return a::setContentText;
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, List<FileKind> kinds) {
        return Optional.ofNullable(chooser(title, kinds).showOpenDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String initialName, List<FileKind> kinds) {
        FileChooser fc = chooser(title, kinds);
        fc.setInitialFileName(initialName);
        return Optional.ofNullable(fc.showSaveDialog(owner.get())).map(File::toPath);
    }

    private Alert alert(Alert.AlertType type, String text, ButtonType... buttons) {
        Alert a = new Alert(type, text, buttons);
        Window w = owner.get();
        if (w != null) {
            a.initOwner(w);
        }
        return a;
    }

    private static FileChooser chooser(String title, List<FileKind> kinds) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        kinds.forEach(k -> fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(k.description(), k.pattern())));
        return fc;
    }
}
