package org.gatehouse.ui.audit;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.gatehouse.ui.dialog.DialogService;

/** The Audit screen: the trail (filters, chain check, export, device timeline), config snapshots, the offline queue. */
public final class AuditView extends BorderPane {
    private final AuditViewModel vm;
    private final DialogService dialogs;

    public AuditView(AuditViewModel vm, DialogService dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        setId("screen-audit");
        Label title = new Label("Audit");
        title.getStyleClass().add(Styles.TITLE_3);
        Label cache = new Label();
        cache.setId("audit-cache-info");
        cache.textProperty().bind(vm.trail().cacheInfoProperty());
        cache.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The title never gives way; the cache figures get a line of their own under it.
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox head = new HBox(12, title, spacer, LogLink.forThisProcess(vm.tasks()));
        head.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(2, head, cache);
        top.setPadding(new Insets(0, 0, 8, 0));
        setTop(top);

        TabPane tabs = new TabPane(new Tab("Trail", new TrailTab(vm.trail(), dialogs).node()),
                new Tab("Config snapshots", new SnapshotsTab(vm.snapshots(), dialogs).node()),
                new Tab("Offline queue", new OfflineQueueTab(vm.queue()).node()));
        tabs.setId("audit-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().get(1).setId("tab-snapshots");
        tabs.getTabs().get(2).setId("tab-queue");
        setCenter(tabs);
    }
}
