package org.gatehouse.ui.queue;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.gatehouse.model.Mac;
import org.gatehouse.policy.QueueService;

/**
 * One waiting device in the queue table. The same row object lives as long as the device waits
 * (a refresh updates its entry in place), so the user's selection survives the 2 s refreshes.
 */
public final class QueueRow {
    private final Mac mac;
    private final ObjectProperty<QueueService.Entry> entry;

    public QueueRow(QueueService.Entry entry) {
        this.mac = entry.mac();
        this.entry = new SimpleObjectProperty<>(entry);
    }

    public ObjectProperty<QueueService.Entry> entryProperty() {
        return entry;
    }

    public QueueService.Entry entry() {
        return entry.get();
    }

    public Mac macValue() {
        return mac;
    }

    public String mac() {
        return mac.toString();
    }

    public String vendor() {
        return entry().vendor() == null ? "" : entry().vendor();
    }

    public String hostname() {
        return entry().hostname();
    }

    public String ip() {
        return entry().ip();
    }

    public String tier() {
        return entry().tier().label();
    }

    public int timesSeen() {
        return entry().timesSeen();
    }
}
