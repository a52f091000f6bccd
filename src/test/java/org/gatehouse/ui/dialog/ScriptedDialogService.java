package org.gatehouse.ui.dialog;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Dialogs for tests: confirmations and file choices answer what the test scripted (an unscripted
 * question fails the test: the screen asked something nobody expected), and every dialog is
 * recorded with its level, header and text, as a user would have read it.
 */
public final class ScriptedDialogService implements DialogService {

    /** One dialog as the user saw it; {@code text} follows later updates. */
    public static final class Seen implements Shown {
        public final String kind;
        public final String id;
        public final String header;
        private volatile String text;

        Seen(String kind, String id, String header, String text) {
            this.kind = kind;
            this.id = id;
            this.header = header;
            this.text = text;
        }

        public String text() {
            return text;
        }

        @Override
        public void update(String newText) {
            this.text = newText;
        }

        @Override
        public String toString() {
            return kind + " " + id + ": " + header + " / " + text;
        }
    }

    private final Deque<Boolean> confirmations = new ArrayDeque<>();
    private final Deque<Optional<Path>> files = new ArrayDeque<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public synchronized ScriptedDialogService answerConfirm(boolean ok) {
        confirmations.add(ok);
        return this;
    }

    public synchronized ScriptedDialogService chooseFile(Path file) {
        files.add(Optional.ofNullable(file));
        return this;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The last dialog shown with this id. */
    public Optional<Seen> last(String id) {
        List<Seen> all = seen();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (id.equals(all.get(i).id)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized boolean confirm(String title, String header, String text) {
        seen.add(new Seen("CONFIRM", null, header, text));
        if (confirmations.isEmpty()) {
            throw new AssertionError("unexpected confirmation: " + header + " / " + text);
        }
        return confirmations.poll();
    }

    @Override
    public Shown report(Level level, String id, String title, String header, String text) {
        Seen s = new Seen(level.name(), id, header, text);
        seen.add(s);
        return s;
    }

    @Override
    public synchronized Optional<Path> chooseFileToOpen(String title, List<FileKind> kinds) {
        return nextFile(title);
    }

    @Override
    public synchronized Optional<Path> chooseFileToSave(String title, String initialName, List<FileKind> kinds) {
        return nextFile(title);
    }

    private Optional<Path> nextFile(String title) {
        seen.add(new Seen("FILE", null, title, ""));
        if (files.isEmpty()) {
            throw new AssertionError("unexpected file chooser: " + title);
        }
        return files.poll();
    }
}
