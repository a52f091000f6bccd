package org.gatehouse.ui.settings;

import java.time.Duration;
import org.gatehouse.model.BadInput;
import org.gatehouse.policy.AgingService;

/** The Settings screen's checks, run on every keystroke: each returns "" when the text is fine, else what to fix. */
public final class SettingsRules {
    private SettingsRules() {
    }

    public static String name(String s) {
        return s != null && s.strip().matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}") ? ""
                : "Name: letters, digits, space, '.', '_' or '-' (up to 64)";
    }

    public static String kea(String s) {
        String t = s == null ? "" : s.strip();
        if (t.matches("unix:/\\S+") || t.matches("https?://(\\[[0-9A-Fa-f:.]+\\]|[^/@\\s:\\[\\]]+)(:\\d{1,5})?(/[^@\\s]*)?") || t.matches("ssh://[^:@/\\s]+@[^/\\s]+/\\S+")) {
            return "";
        }
        return "Kea: unix:/path, http(s)://host:port/ or ssh://user@host/path/to/socket";
    }

    public static String refresh(String s) {
        return intIn(s, 1, 3600) ? "" : "Refresh: a whole number of seconds from 1 to 3600";
    }

    public static String thresholds(String warning, String critical) {
        if (!intIn(warning, 1, 100)) {
            return "Pool warning: a percentage from 1 to 100";
        }
        if (!intIn(critical, 1, 100)) {
            return "Pool critical: a percentage from 1 to 100";
        }
        return Integer.parseInt(warning.strip()) < Integer.parseInt(critical.strip()) ? ""
                : "Pool warning must be below pool critical";
    }

    public static String aging(String s) {
        try {
            Duration d = AgingService.parseDuration(s);
            return d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(Duration.ofDays(30)) <= 0 ? "" : "Aging age: from 1s to 30d";
        } catch (BadInput e) {
            return "Aging age: a duration like 45s, 30m, 2h or 1d";
        }
    }

    public static String retention(String s) {
        return intIn(s, 1, 3650) ? "" : "Retention: whole days from 1 to 3650";
    }

    public static String cacheFile(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        return s.strip().startsWith("/") && !s.strip().endsWith("/") ? "" : "Cache: an absolute file path (empty: the default)";
    }

    static boolean intIn(String s, int min, int max) {
        if (s == null || !s.strip().matches("\\d{1,7}")) {
            return false;
        }
        int v = Integer.parseInt(s.strip());
        return v >= min && v <= max;
    }
}
