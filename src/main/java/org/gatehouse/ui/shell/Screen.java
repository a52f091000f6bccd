package org.gatehouse.ui.shell;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The console's screens, in sidebar order, with what the ones still to come will hold. */
public enum Screen {
    LEASES("Leases", Feather.LIST, null),
    QUEUE("Queue", Feather.INBOX, null),
    RESERVATIONS("Reservations", Feather.BOOKMARK, null),
    POOLS("Pools", Feather.PIE_CHART, null),
    SWITCH("Switch", Feather.SERVER, null),
    AUDIT("Audit", Feather.FILE_TEXT, null),
    SETTINGS("Settings", Feather.SETTINGS, "Connection profiles for Kea and the switch, refresh interval, cache retention.");

    private final String title;
    private final Ikon icon;
    private final String comingSoon;

    Screen(String title, Ikon icon, String comingSoon) {
        this.title = title;
        this.icon = icon;
        this.comingSoon = comingSoon;
    }

    public String title() {
        return title;
    }

    public Ikon icon() {
        return icon;
    }

    /** What this screen will hold, or null once it is built. */
    public String comingSoon() {
        return comingSoon;
    }
}
