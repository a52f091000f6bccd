package org.gatehouse.ui.shell;

import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The console's keyboard: Ctrl+1…7 open the seven screens (in sidebar order) and put the focus on
 * the screen's main control, F1 (and {@code ?} when the focus is not in a text field) opens the
 * list of every shortcut. {@link #ALL} is that list; the README's copy is kept in step with it.
 */
public final class Shortcuts {
    /** One line of the shortcut list: where it works, the keys, what they do. */
    public record Shortcut(String where, String keys, String does) {
    }

    public static final String EVERYWHERE = "Everywhere";

    public static final List<Shortcut> ALL = List.of(
            new Shortcut(EVERYWHERE, "Ctrl+1 … Ctrl+7", "The seven screens, in sidebar order"),
            new Shortcut(EVERYWHERE, "F1 or ?", "This list of shortcuts (? when not typing in a field)"),
            new Shortcut(EVERYWHERE, "Tab / Shift+Tab", "Next / previous control (Space presses a button)"),
            new Shortcut(EVERYWHERE, "Alt+underlined letter", "The button with that letter (press Alt to see them)"),
            new Shortcut(EVERYWHERE, "Esc", "Close a dialog or menu"),
            new Shortcut("Leases", "Ctrl+F", "Search (IP, MAC, hostname, vendor)"),
            new Shortcut("Leases", "F5", "Refresh now"),
            new Shortcut("Leases", "Shift+F10 or Menu key", "The selected row's menu (arrow keys, Enter)"),
            new Shortcut("Leases", "Enter or Ctrl+H", "Device history"),
            new Shortcut("Leases", "Ctrl+C / Ctrl+Shift+C", "Copy row / copy cell"),
            new Shortcut("Leases", "Delete", "Release the lease…"),
            new Shortcut("Leases", "Ctrl+E", "Export the rows shown as CSV…"),
            new Shortcut("Leases", "Ctrl+R", "Reserve… (the reservation editor, prefilled)"),
            new Shortcut("Leases", "Ctrl+L", "Where is this device? (with a switch)"),
            new Shortcut("Leases", "Ctrl+D", "Deny and block… (with a switch)"),
            new Shortcut("Queue", "A / Alt+A", "Approve the selected devices"),
            new Shortcut("Queue", "D / Alt+D", "Deny the selected devices"),
            new Shortcut("Queue", "Ctrl+Z", "Undo the last decision (10 s)"),
            new Shortcut("Queue", "Alt+W", "Where is it? (with a switch)"),
            new Shortcut("Reservations", "Alt+A / Alt+E / Alt+R", "Add… / Edit… / Remove"),
            new Shortcut("Reservations", "Alt+I / Alt+X", "Import… / Export…"),
            new Shortcut("Reservations", "Enter / Delete", "Edit… / Remove the selected reservations"),
            new Shortcut("Pools", "Alt+R", "Refresh"),
            new Shortcut("Switch", "Alt+R / Alt+B / Alt+U", "Read from switch / Block… / Unblock selected…"),
            new Shortcut("Switch", "Alt+I / Alt+W", "Install ACL… / Where is it?"),
            new Shortcut("Switch", "Alt+C / Alt+N", "Confirm / Cancel the pending change"),
            new Shortcut("Audit", "Ctrl+Tab", "Next tab (Trail, Config snapshots, Offline queue)"),
            new Shortcut("Audit", "Alt+F / Alt+L / Alt+V", "Trail: Filter / Clear / Verify chain"),
            new Shortcut("Audit", "Alt+C / Alt+J / Alt+T", "Trail: Export CSV / Export JSON / Show device timeline"),
            new Shortcut("Audit", "Alt+O / Alt+S / Alt+Q", "Snapshots: Compare / Restore… / Queue the restore"),
            new Shortcut("Audit", "Alt+R / Alt+N", "Offline queue: Replay now / Cancel selected"));

    private Shortcuts() {
    }

    /**
     * Installs the window-wide keys on {@code scene}: {@code open} shows a screen, {@code help}
     * the shortcut list; {@code content} is where the screen shown sits (it gets the focus).
     */
    static void install(Scene scene, Consumer<Screen> open, Runnable help, Parent content) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            Screen target = screenFor(e);
            if (target != null) {
                open.accept(target);
                Platform.runLater(() -> focusMain(content));
                e.consume();
            } else if (e.getCode() == KeyCode.F1) {
                help.run();
                e.consume();
            }
        });
        scene.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            if ("?".equals(e.getCharacter()) && !(scene.getFocusOwner() instanceof TextInputControl)) {
                help.run();
                e.consume();
            }
        });
    }

    /** Ctrl+1 … Ctrl+7 (top-row or keypad digits), or null. */
    static Screen screenFor(KeyEvent e) {
        if (!e.isShortcutDown() || e.isAltDown() || e.isShiftDown()) {
            return null;
        }
        int n = switch (e.getCode()) {
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            case DIGIT3, NUMPAD3 -> 3;
            case DIGIT4, NUMPAD4 -> 4;
            case DIGIT5, NUMPAD5 -> 5;
            case DIGIT6, NUMPAD6 -> 6;
            case DIGIT7, NUMPAD7 -> 7;
            default -> 0;
        };
        return n == 0 || n > Screen.values().length ? null : Screen.values()[n - 1];
    }

    /** The screen's main control takes the focus: its first table on show (not one on a hidden tab), else its first button. */
    static void focusMain(Parent content) {
        for (Node n : content.lookupAll(".table-view")) {
            if (n instanceof TableView<?> t && shown(t, content)) {
                t.requestFocus();
                if (t.getSelectionModel().isEmpty() && !t.getItems().isEmpty()) {
                    t.getSelectionModel().selectFirst();
                    t.getFocusModel().focus(0);
                }
                return;
            }
        }
        for (Node n : content.lookupAll(".button")) {
            if (n instanceof ButtonBase b && shown(b, content) && !b.isDisabled()) {
                b.requestFocus();
                return;
            }
        }
    }

    private static boolean shown(Node node, Parent upTo) {
        for (Node n = node; n != null && n != upTo; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
