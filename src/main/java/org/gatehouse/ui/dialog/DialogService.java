package org.gatehouse.ui.dialog;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every dialog the console shows goes through here, so views and view-models hold no
 * {@code Alert} or chooser code and tests can script the answers ({@code ScriptedDialogService}).
 * Confirmations and choosers are modal and answer on the FX thread; reports are not modal and
 * return a handle whose text can be updated when background work answers.
 */
public interface DialogService {

    enum Level { INFO, WARNING, ERROR }

    /** A file type offered in a chooser, e.g. {@code new FileKind("CSV", "*.csv")}. */
    record FileKind(String description, String pattern) {
    }

    /** A shown report; {@link #update} replaces its text (e.g. when the switch answers). */
    interface Shown {
        void update(String text);
    }

    /** True when the user chose OK. */
    boolean confirm(String title, String header, String text);

    /**
     * A non-modal report. {@code id} names the dialog for tests and styles (e.g. {@code deny-block-result}).
     */
    Shown report(Level level, String id, String title, String header, String text);

    Optional<Path> chooseFileToOpen(String title, List<FileKind> kinds);

    Optional<Path> chooseFileToSave(String title, String initialName, List<FileKind> kinds);
}
