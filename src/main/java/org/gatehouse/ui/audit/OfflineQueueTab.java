package org.gatehouse.ui.audit;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.gatehouse.model.QueuedAction;
import org.gatehouse.model.SafeText;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import static org.gatehouse.ui.audit.AuditWidgets.*;

/** The Offline queue tab: queued actions, replay in order, cancel one. */
final class OfflineQueueTab {
    private final OfflineQueueViewModel vm;

    OfflineQueueTab(OfflineQueueViewModel vm) {
        this.vm = vm;
    }

    Node node() {
        TableView<QueuedAction> table = new TableView<>(vm.queued());
        table.setId("queue-table");
        table.getStyleClass().addAll(Styles.STRIPED, Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(text("#", a -> Long.toString(a.id()), 50), text("Queued (UTC)", a -> time(a.queuedAt()), 178),
                text("User", a -> nz(a.osUser()), 90), text("Action", QueuedAction::kind, 120), text("Target", QueuedAction::target, 140),
                text("Note", a -> nz(a.note()), 160), text("State", QueuedAction::state, 80), text("Outcome", a -> SafeText.escapeForTerminal(nz(a.outcome())), 240)));
        table.setPlaceholder(new Label("Nothing is queued. When Kea is unreachable, a snapshot restore (here), an approve or deny (Queue screen, "
                + "gatehouse approve|deny --queue) or a reservation edit (Reservations screen) can be queued, by your choice; it is replayed "
                + "here, in order, with the same conflict checks."));
        Button replay = new Button("_Replay now", new FontIcon(Feather.PLAY));
        replay.setId("queue-replay");
        replay.setDisable(!vm.canWrite());
        replay.setOnAction(e -> vm.replay());
        Button cancel = new Button("Ca_ncel selected", new FontIcon(Feather.X));
        cancel.setId("queue-cancel");
        cancel.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        cancel.setOnAction(e -> vm.cancel(table.getSelectionModel().getSelectedItem()));
        CheckBox all = new CheckBox("Show replayed and cancelled");
        all.selectedProperty().bindBidirectional(vm.showResolvedProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, replay, cancel, spacer, all);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox box = new VBox(8, bar, warning(vm.queueMessageProperty(), "queue-message"), table);
        box.setPadding(new Insets(8, 0, 0, 0));
        return box;
    }
}
