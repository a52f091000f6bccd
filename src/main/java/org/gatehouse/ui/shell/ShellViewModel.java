package org.gatehouse.ui.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.gatehouse.ui.Theme;

/**
 * The frame around the screens: which screen is shown, the theme, and the status bar's
 * connection state and data age. No I/O here; screens report what they learned.
 */
public final class ShellViewModel {

    public enum Connection { NOT_CONFIGURED, CONNECTING, LIVE, OFFLINE }

    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ObjectProperty<Screen> screen = new SimpleObjectProperty<>(Screen.LEASES);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.LIGHT);
    private final ObjectProperty<Connection> connection = new SimpleObjectProperty<>(Connection.CONNECTING);
    private final ObjectProperty<Instant> dataAsOf = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper dataAgeText = new ReadOnlyStringWrapper("no data yet");
    private final ReadOnlyStringWrapper vendorNotice = new ReadOnlyStringWrapper("");
    private final String endpoint;
    private final ZoneId zone;
    private String detail = "";

    public ShellViewModel(String endpoint, ZoneId zone) {
        this.endpoint = endpoint;
        this.zone = zone;
        connection.set(endpoint == null ? Connection.NOT_CONFIGURED : Connection.CONNECTING);
        connection.addListener((o, a, b) -> updateConnectionText());
        updateConnectionText();
    }

    public ObjectProperty<Screen> screenProperty() {
        return screen;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ObjectProperty<Connection> connectionProperty() {
        return connection;
    }

    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dataAgeTextProperty() {
        return dataAgeText.getReadOnlyProperty();
    }

    /** Said once in the status bar when vendor names cannot be shown (empty: nothing to say). */
    public ReadOnlyStringProperty vendorNoticeProperty() {
        return vendorNotice.getReadOnlyProperty();
    }

    public void reportVendorNotice(String notice) {
        vendorNotice.set(notice == null ? "" : notice);
    }

    public void toggleTheme() {
        theme.set(theme.get().other());
    }

    /** A screen fetched live data at {@code at}. */
    public void reportLive(Instant at, String keaDetail) {
        detail = keaDetail == null ? "" : keaDetail;
        dataAsOf.set(at);
        connection.set(Connection.LIVE);
        updateConnectionText();
    }

    /** Kea could not be read; {@code cachedAt} is when the shown data was true (or null). */
    public void reportOffline(String why, Instant cachedAt) {
        detail = why;
        if (cachedAt != null) {
            dataAsOf.set(cachedAt);
        }
        connection.set(Connection.OFFLINE);
        updateConnectionText();
    }

    /** Called every second by the view so that the data age keeps ticking. */
    public void tick(Instant now) {
        Instant at = dataAsOf.get();
        if (at == null) {
            dataAgeText.set("no data yet");
        } else if (connection.get() == Connection.LIVE) {
            long s = Math.max(0, Duration.between(at, now).toSeconds());
            dataAgeText.set("data " + s + " s old");
        } else {
            dataAgeText.set("as of " + LocalTime.ofInstant(at, zone).format(HMS));
        }
    }

    private void updateConnectionText() {
        connectionText.set(switch (connection.get()) {
            case NOT_CONFIGURED -> "No Kea configured (start with --kea URI or set GATEHOUSE_KEA)";
            case CONNECTING -> "Connecting to " + endpoint + " …";
            case LIVE -> "Connected to " + endpoint + (detail.isEmpty() ? "" : " · " + detail);
            case OFFLINE -> "Offline: " + endpoint + (detail.isEmpty() ? "" : " · " + detail);
        });
    }
}
