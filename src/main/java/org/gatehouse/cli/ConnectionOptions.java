package org.gatehouse.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.gatehouse.model.BadInput;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The connection options every command takes (shared/design/cli.md). Values given before or
 * after the command name land here; environment variables fill what is not given.
 */
public final class ConnectionOptions {

    @Option(names = "--kea", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "unix:/path/to/socket, http(s)://host:port/ or ssh://user@host[:port]/path/to/socket (env GATEHOUSE_KEA)")
    String kea;

    @Option(names = "--kea-user", paramLabel = "USER", scope = ScopeType.INHERIT, description = "HTTP basic-auth user (env GATEHOUSE_KEA_USER)")
    String keaUser;

    @Option(names = "--kea-password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "file holding the HTTP or SSH password on its first line, mode 600 (env GATEHOUSE_KEA_PASSWORD_FILE)")
    Path keaPasswordFile;

    @Option(names = "--kea-ca-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM file of the private CA that signed the https:// Kea's certificate; only it is trusted then (env GATEHOUSE_KEA_CA_FILE)")
    Path keaCaFile;

    @Option(names = "--allow-insecure-http", scope = ScopeType.INHERIT,
            description = "allow --kea-user over plain http:// to a host other than this one (the password crosses the network unencrypted)")
    boolean allowInsecureHttp;

    @Option(names = "--known-hosts", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "OpenSSH known_hosts file checked for SSH host keys (default ~/.ssh/known_hosts)")
    Path knownHosts;

    @Option(names = "--accept-new-host-key", scope = ScopeType.INHERIT,
            description = "trust an SSH host key seen for the first time and record it")
    boolean acceptNewHostKey;

    @Option(names = "--db", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "the local SQLite cache (env GATEHOUSE_DB; default in the user's data directory)")
    Path db;

    @Option(names = "--format", paramLabel = "table|json|csv|html", scope = ScopeType.INHERIT,
            description = "output format (default table; html only for report, which defaults to it)")
    OutputFormat format;

    @Option(names = "--timeout", paramLabel = "SECONDS", scope = ScopeType.INHERIT, description = "per-call timeout towards Kea and per-command timeout on the switch CLI and SNMP; 'save force' gets at least 60 (default 10)")
    Integer timeoutSeconds;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print stack traces of errors and log at DEBUG (README, \"Logs\")")
    boolean debug;

    // --- the switch (HP 5130 / Comware 7) ---------------------------------------------------
    @Option(names = "--switch", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "ssh://user@host[:port] of the Comware CLI (env GATEHOUSE_SWITCH)")
    String switchUri;

    @Option(names = "--switch-password-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "file holding the switch's SSH password (env GATEHOUSE_SWITCH_PASSWORD_FILE)")
    Path switchPasswordFile;

    @Option(names = "--switch-key", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "private key for the switch (env GATEHOUSE_SWITCH_KEY)")
    Path switchKey;

    @Option(names = "--acl", paramLabel = "NUMBER", scope = ScopeType.INHERIT,
            description = "the MAC ACL Gatehouse manages on the switch, 4000-4999 (env GATEHOUSE_ACL; default 4000)")
    String acl;

    @Option(names = "--block-mode", paramLabel = "acl|blackhole", scope = ScopeType.INHERIT,
            description = "block with a deny rule in the MAC ACL (default) or a mac-address blackhole entry (env GATEHOUSE_BLOCK_MODE)")
    String blockMode;

    @Option(names = "--snmp", paramLabel = "URI", scope = ScopeType.INHERIT, description = "udp:host[:port] of the switch's SNMP agent (env GATEHOUSE_SNMP)")
    String snmp;

    @Option(names = "--community", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "SNMPv2c community; visible to every user in the process list: prefer --community-file or env GATEHOUSE_COMMUNITY")
    String community;

    @Option(names = "--community-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "file holding the SNMPv2c community, kept out of argv (env GATEHOUSE_COMMUNITY_FILE)")
    Path communityFile;

    @Option(names = "--snmp-user", paramLabel = "USER", scope = ScopeType.INHERIT, description = "SNMPv3 user, authPriv SHA/AES-128 (env GATEHOUSE_SNMP_USER)")
    String snmpUser;

    @Option(names = "--snmp-auth-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "file holding the SNMPv3 authentication passphrase (env GATEHOUSE_SNMP_AUTH_FILE)")
    Path snmpAuthFile;

    @Option(names = "--snmp-priv-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "file holding the SNMPv3 privacy passphrase (env GATEHOUSE_SNMP_PRIV_FILE)")
    Path snmpPrivFile;

    @Option(names = "--refresh", paramLabel = "SECONDS", scope = ScopeType.INHERIT,
            description = "how often the console re-reads Kea (default 2; env GATEHOUSE_REFRESH)")
    Integer refreshSeconds;

    private final Environment env;

    public ConnectionOptions(Environment env) {
        this.env = env;
    }

    /** Reads variables; injectable so that tests do not depend on the real environment. */
    public interface Environment {
        String get(String name);
    }

    public String kea() {
        return kea != null ? kea : env.get("GATEHOUSE_KEA");
    }

    public String keaUser() {
        return keaUser != null ? keaUser : env.get("GATEHOUSE_KEA_USER");
    }

    public Path keaPasswordFile() {
        return keaPasswordFile != null ? keaPasswordFile : pathOf(env.get("GATEHOUSE_KEA_PASSWORD_FILE"));
    }

    public Path keaCaFile() {
        return keaCaFile != null ? keaCaFile : pathOf(env.get("GATEHOUSE_KEA_CA_FILE"));
    }

    public boolean allowInsecureHttp() {
        return allowInsecureHttp;
    }

    /** This machine by name or address: no network in between to read a plain-text password. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name: resolving it here proves nothing about where it resolves later
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: parsed, not looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public Path knownHosts() {
        return knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    public boolean acceptNewHostKey() {
        return acceptNewHostKey;
    }

    public Path db() {
        if (db != null) {
            if (db.toString().isBlank()) {
                throw new BadInput("--db", "the file name is empty; give a path, or leave --db out for the default cache");
            }
            return db;
        }
        Path fromEnv = pathOf(env.get("GATEHOUSE_DB"));
        if (fromEnv != null) {
            return fromEnv;
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("gatehouse").resolve("cache.db");
    }

    public OutputFormat format() {
        return format == null ? OutputFormat.TABLE : format;
    }

    public int timeoutSeconds() {
        return timeoutSeconds == null ? 10 : timeoutSeconds;
    }

    public boolean debug() {
        return debug;
    }

    public String switchUri() {
        return switchUri != null ? switchUri : env.get("GATEHOUSE_SWITCH");
    }

    public Path switchPasswordFile() {
        return switchPasswordFile != null ? switchPasswordFile : pathOf(env.get("GATEHOUSE_SWITCH_PASSWORD_FILE"));
    }

    public Path switchKey() {
        return switchKey != null ? switchKey : pathOf(env.get("GATEHOUSE_SWITCH_KEY"));
    }

    /** The ACL number as typed (validated where it is used), or null for the default. */
    public String acl() {
        return acl != null ? acl : env.get("GATEHOUSE_ACL");
    }

    public String blockMode() {
        return blockMode != null ? blockMode : env.get("GATEHOUSE_BLOCK_MODE");
    }

    public String snmp() {
        return snmp != null ? snmp : env.get("GATEHOUSE_SNMP");
    }

    public String community() {
        return community != null ? community : env.get("GATEHOUSE_COMMUNITY");
    }

    public Path communityFile() {
        return communityFile != null ? communityFile : pathOf(env.get("GATEHOUSE_COMMUNITY_FILE"));
    }

    public String snmpUser() {
        return snmpUser != null ? snmpUser : env.get("GATEHOUSE_SNMP_USER");
    }

    public Path snmpAuthFile() {
        return snmpAuthFile != null ? snmpAuthFile : pathOf(env.get("GATEHOUSE_SNMP_AUTH_FILE"));
    }

    public Path snmpPrivFile() {
        return snmpPrivFile != null ? snmpPrivFile : pathOf(env.get("GATEHOUSE_SNMP_PRIV_FILE"));
    }

    /** The console's refresh interval, 1 to 3600 s (default 2). */
    public int refreshSeconds() {
        String text = refreshSeconds != null ? refreshSeconds.toString() : env.get("GATEHOUSE_REFRESH");
        if (text == null || text.isBlank()) {
            return 2;
        }
        try {
            int s = Integer.parseInt(text.trim());
            if (s >= 1 && s <= 3600) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInput("--refresh", "'" + text + "' is not a number of seconds from 1 to 3600");
    }

    /** For the demo, which points every part at its private Kea and cache. */
    public void overrideKea(String endpoint, Path database) {
        this.kea = endpoint;
        this.db = database;
    }

    private static Path pathOf(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }
}
