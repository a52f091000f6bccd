package org.gatehouse.ui.audit;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.gatehouse.ui.dialog.DialogService;
import org.gatehouse.policy.ConfigDiff;
import org.gatehouse.policy.ConfigService;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import static org.gatehouse.ui.audit.AuditWidgets.*;

/** The Config snapshots tab: the list, the side-by-side diff and a confirmed restore. */
final class SnapshotsTab {
    private final SnapshotsViewModel vm;
    private final DialogService dialogs;

    SnapshotsTab(SnapshotsViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
    }

    Node node() {
        ListView<ConfigService.SnapshotInfo> list = new ListView<>(vm.snapshots());
        list.setId("snapshot-list");
        list.setPrefWidth(300);
        list.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(ConfigService.SnapshotInfo s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : "#" + s.id() + "  " + time(s.at()) + "\n" + s.reason());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedSnapshotProperty().set(b));
        vm.selectedSnapshotProperty().addListener((o, a, b) -> {
            if (b != null && list.getSelectionModel().getSelectedItem() != b) {
                list.getSelectionModel().select(b);
            }
        });
        list.setPlaceholder(new Label("No snapshots yet: one is stored before every configuration write."));
        if (vm.selectedSnapshotProperty().get() != null) {
            list.getSelectionModel().select(vm.selectedSnapshotProperty().get());
        }

        ComboBox<Long> with = new ComboBox<>();
        with.setId("snapshot-compare-with");
        with.getItems().add(SnapshotsViewModel.RUNNING);
        vm.snapshots().addListener((javafx.collections.ListChangeListener<ConfigService.SnapshotInfo>) c -> {
            Long keep = with.getValue();
            with.getItems().setAll(SnapshotsViewModel.RUNNING);
            vm.snapshots().forEach(s -> with.getItems().add(s.id()));
            with.setValue(keep);
        });
        with.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long id) {
                return id == null || id == SnapshotsViewModel.RUNNING ? "the running configuration" : "snapshot #" + id;
            }

            @Override
            public Long fromString(String s) {
                return null;
            }
        });
        with.valueProperty().bindBidirectional(vm.compareWithProperty());
        Button compare = new Button("C_ompare", new FontIcon(Feather.COLUMNS));
        compare.setId("snapshot-compare");
        compare.setOnAction(e -> vm.compare());
        compare.disableProperty().bind(vm.selectedSnapshotProperty().isNull());
        HBox compareBar = new HBox(8, new Label("Compare the selected snapshot with"), with, compare);
        compareBar.setAlignment(Pos.CENTER_LEFT);
        Label diffTitle = new Label();
        diffTitle.setId("snapshot-diff-title");
        diffTitle.textProperty().bind(vm.diffTitleProperty());
        diffTitle.getStyleClass().add(Styles.TEXT_BOLD);

        TableView<ConfigDiff.PathChange> changes = new TableView<>(vm.diffChanges());
        changes.setId("snapshot-changes");
        changes.getStyleClass().add(Styles.DENSE);
        changes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        changes.getColumns().addAll(List.of(text("Change", c -> c.kind().name().toLowerCase(), 80), text("Path", ConfigDiff.PathChange::path, 260),
                text("Left", c -> nz(c.before()), 200), text("Right", c -> nz(c.after()), 200)));
        changes.setPlaceholder(new Label("Nothing compared yet, or no differences"));
        changes.setPrefHeight(130);

        TableView<ConfigDiff.Row> sideBySide = new TableView<>(vm.diffRows());
        sideBySide.setId("snapshot-diff");
        sideBySide.getStyleClass().addAll("config-diff", Styles.DENSE);
        sideBySide.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        TableColumn<ConfigDiff.Row, String> ln = text("", r -> r.leftNo() == 0 ? "" : Integer.toString(r.leftNo()), 40);
        TableColumn<ConfigDiff.Row, String> rn = text("", r -> r.rightNo() == 0 ? "" : Integer.toString(r.rightNo()), 40);
        for (TableColumn<ConfigDiff.Row, String> n : List.of(ln, rn)) {
            n.setMinWidth(52);
            n.setMaxWidth(60);
            n.setSortable(false);
        }
        sideBySide.getColumns().addAll(List.of(ln, text("Left", ConfigDiff.Row::left, 400), rn, text("Right", ConfigDiff.Row::right, 400)));
        sideBySide.setRowFactory(tv -> new TableRow<>() {
            @Override
            protected void updateItem(ConfigDiff.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("diff-changed", "diff-added", "diff-removed");
                if (!empty && item != null && item.kind() != ConfigDiff.Kind.SAME) {
                    getStyleClass().add("diff-" + item.kind().name().toLowerCase());
                }
            }
        });
        sideBySide.setPlaceholder(new Label("Select a snapshot and press Compare"));
        // Bring the first difference into view: a Kea config runs to hundreds of lines.
        vm.diffRows().addListener((javafx.collections.ListChangeListener<ConfigDiff.Row>) c -> {
            for (int i = 0; i < vm.diffRows().size(); i++) {
                if (vm.diffRows().get(i).kind() != ConfigDiff.Kind.SAME) {
                    int first = Math.max(0, i - 4);
                    javafx.application.Platform.runLater(() -> sideBySide.scrollTo(first));
                    return;
                }
            }
        });
        VBox.setVgrow(sideBySide, Priority.ALWAYS);

        TextField note = new TextField();
        note.setId("snapshot-note");
        note.setPromptText("Why (kept in the audit trail)");
        note.setPrefColumnCount(30);
        note.textProperty().bindBidirectional(vm.restoreNoteProperty());
        Button restore = new Button("Re_store this snapshot…", new FontIcon(Feather.ROTATE_CCW));
        restore.setId("snapshot-restore");
        restore.getStyleClass().add(Styles.DANGER);
        restore.setDisable(!vm.canWrite());
        restore.setOnAction(e -> confirmRestore());
        Button queue = new Button("_Queue the restore", new FontIcon(Feather.INBOX));
        queue.setId("snapshot-queue");
        queue.visibleProperty().bind(vm.offerQueueProperty());
        queue.managedProperty().bind(vm.offerQueueProperty());
        queue.setOnAction(e -> vm.queueRestore());
        HBox restoreBar = new HBox(8, note, restore, queue);
        restoreBar.setAlignment(Pos.CENTER_LEFT);

        VBox right = new VBox(8, compareBar, diffTitle, changes, sideBySide, restoreBar, warning(vm.snapshotMessageProperty(), "snapshot-message"));
        right.setPadding(new Insets(0, 0, 0, 8));
        SplitPane split = new SplitPane(list, right);
        split.setDividerPositions(0.25);
        BorderPane pane = new BorderPane(split);
        pane.setPadding(new Insets(8, 0, 0, 0));
        return pane;
    }

    private void confirmRestore() {
        if (dialogs.confirm("Restore", "Restore the compared snapshot", "Write this snapshot to Kea (config-test, config-set, config-write)? "
                + "It is refused if the running configuration changed since you compared. The configuration being replaced is kept "
                + "as a snapshot. Passwords and secrets (shown as ********, never stored) keep the values the running "
                + "configuration has; if it has none for one, nothing is written.")) {
            vm.restore();
        }
    }
}
