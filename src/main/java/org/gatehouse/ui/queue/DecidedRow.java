package org.gatehouse.ui.queue;

import java.time.Instant;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.gatehouse.model.Mac;

/**
 * A decision made in this session: it stays visible after the device left the queue, and its
 * state turns to a tick once an approved device is seen in the registered pool.
 */
public final class DecidedRow {
    private final Mac mac;
    private final String hostname;
    private final String action;
    private final Instant at;
    private final StringProperty state = new SimpleStringProperty();
    private boolean moved;

    public DecidedRow(Mac mac, String hostname, String action, Instant at, String state) {
        this.mac = mac;
        this.hostname = hostname;
        this.action = action;
        this.at = at;
        this.state.set(state);
    }

    public Mac mac() {
        return mac;
    }

    public String hostname() {
        return hostname;
    }

    public String action() {
        return action;
    }

    public Instant at() {
        return at;
    }

    public StringProperty stateProperty() {
        return state;
    }

    public boolean moved() {
        return moved;
    }

    void markMoved(String text) {
        moved = true;
        state.set(text);
    }
}
