package org.gatehouse.ui.connect;

import java.nio.file.Path;

/**
 * A connection profile as the console edits it: a named site. Holds no secret; {@code hasKeaPassword}
 * says whether one is stored for it.
 *
 * @param kea            {@code unix:/path}, {@code http(s)://host:port/} or {@code ssh://user@host[:port]/socket}
 * @param cacheFile      the SQLite cache (null: the default in the user's data directory)
 * @param poolWarning    percent used from which a pool shows as warning
 * @param poolCritical   percent used from which a pool shows as critical
 */
public record SiteProfile(String name, String kea, String keaUser, Path caFile, Path sshKey, String switchUri, String snmp,
                          String acl, int refreshSeconds, int poolWarning, int poolCritical, Path cacheFile, boolean isDefault,
                          boolean hasKeaPassword) {

    public static final int DEFAULT_REFRESH = 2;
    public static final int DEFAULT_WARNING = 80;
    public static final int DEFAULT_CRITICAL = 95;

    /** A new profile reaching {@code kea}, with the defaults for everything else. */
    public static SiteProfile of(String name, String kea) {
        return new SiteProfile(name, kea, null, null, null, null, null, null, DEFAULT_REFRESH, DEFAULT_WARNING, DEFAULT_CRITICAL,
                null, false, false);
    }

    public SiteProfile named(String newName) {
        return new SiteProfile(newName, kea, keaUser, caFile, sshKey, switchUri, snmp, acl, refreshSeconds, poolWarning, poolCritical,
                cacheFile, false, hasKeaPassword);
    }
}
