package org.gatehouse.ui.dialog;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javafx.application.Platform;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/**
 * Asks for the passphrase of Gatehouse's encrypted credential store, once per session. Called by
 * the store from a background task (the store is I/O): the question is shown on the FX thread and
 * the task waits for the answer; the FX thread itself never waits.
 */
public final class PassphraseDialog {

    /** The passphrase, or null when the user cancelled (or when called on the FX thread, where nothing may wait). */
    public char[] ask(boolean creating) {
        if (Platform.isFxApplicationThread()) {
            return null;
        }
        CompletableFuture<char[]> answer = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                answer.complete(show(creating));
            } catch (RuntimeException e) {
                answer.complete(null);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    private static char[] show(boolean creating) {
        Dialog<char[]> d = new Dialog<>();
        d.setTitle("Gatehouse credentials");
        d.setHeaderText(creating ? "Choose a passphrase for Gatehouse's encrypted credential store"
                : "Passphrase of Gatehouse's encrypted credential store");
        PasswordField field = new PasswordField();
        field.setId("passphrase-field");
        Label why = new Label(creating ? "No desktop keyring is running, so passwords are kept encrypted under this passphrase.\n"
                + "It is asked once per session; it cannot be recovered." : "It is asked once per session.");
        why.setWrapText(true);
        d.getDialogPane().setContent(new VBox(8, why, field));
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK && !field.getText().isEmpty() ? field.getText().toCharArray() : null);
        Platform.runLater(field::requestFocus);
        return d.showAndWait().orElse(null);
    }
}
