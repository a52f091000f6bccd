package org.gatehouse.cli;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gatehouse.model.BadInput;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SecretSlot;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The connection options every command takes (shared/design/cli.md). Values given before or
 * after the command name land here; environment variables fill what is not given, and a
 * connection profile ({@code --profile}, {@code GATEHOUSE_PROFILE}, or the default profile when
 * neither --kea nor GATEHOUSE_KEA is given) fills what is still missing.
 */
public final class ConnectionOptions {

    @Option(names = "--kea", paramLabel = "URI", scope = ScopeType.INHERIT,
            description = "unix:/path/to/socket, http(s)://host:port/ or ssh://user@host[:port]/path/to/socket (env GATEHOUSE_KEA);"
                    + " give it again for each further server (an HA pair, one server per building)")
    java.util.List<String> kea;

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

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "a saved connection profile (gatehouse profile list); options and environment given as well override its values"
                    + " (env GATEHOUSE_PROFILE; default: the default profile when no --kea is given)")
    String profileName;

    private final Environment env;
    private final ProfileFallback fallback;

    public ConnectionOptions(Environment env) {
        this(env, null);
    }

    /** @param profiles the user's saved profiles, opened only when a profile is needed (null: none) */
    public ConnectionOptions(Environment env, Supplier<Profiles> profiles) {
        this.env = env;
        this.fallback = new ProfileFallback(profiles);
    }

    /** Closes the profiles if this command line opened them (the keyring's bus connection). */
    void closeProfiles() {
        fallback.close();
    }

    /** Options that are exactly {@code p}'s values (what {@code profile test} connects with). */
    public static ConnectionOptions of(Profile p, Function<SecretSlot, char[]> secrets) {
        ConnectionOptions o = new ConnectionOptions(name -> null, null);
        o.fallback.fix(p, secrets);
        return o;
    }

    /** The user's saved profiles, opened once per command line (the keyring session and passphrase are asked for once). */
    public Profiles profiles() {
        return fallback.profiles();
    }

    /**
     * The profile these options fall back on: the one named by --profile or GATEHOUSE_PROFILE,
     * else the default profile unless --kea or GATEHOUSE_KEA names a Kea. A broken profile file
     * throws (exit 2, naming the file and line).
     */
    public Optional<Profile> profile() {
        return fallback.resolve(profileName != null ? profileName : blankToNull(env.get("GATEHOUSE_PROFILE")),
                keaGiven() || blankToNull(env.get("GATEHOUSE_KEA")) != null);
    }

    private <T, R> R fromProfile(Function<Profile, T> part, Function<T, R> value) {
        return profile().map(part).map(value).orElse(null);
    }

    /** The secret of {@code slot}: from its file option or variable if given, else from the profile's credential store. */
    public char[] secret(SecretSlot slot) {
        Path file = secretFile(slot);
        if (slot == SecretSlot.SNMP_COMMUNITY && community() != null) {
            return community().toCharArray();
        }
        if (file != null) {
            return SecretFile.read(file, slot == SecretSlot.SNMP_COMMUNITY ? "--community-file" : "--" + slot.key() + "-file");
        }
        Optional<Profile> p = profile();
        if (p.isEmpty() || p.get().secret(slot).isEmpty()) {
            return null;
        }
        return fallback.secret(p.get(), slot);
    }

    private Path secretFile(SecretSlot slot) {
        return switch (slot) {
            case KEA_PASSWORD -> keaPasswordFile();
            case SWITCH_PASSWORD -> switchPasswordFile();
            case SNMP_COMMUNITY -> communityFile();
            case SNMP_AUTH -> snmpAuthFile();
            case SNMP_PRIV -> snmpPrivFile();
        };
    }

    /** Whether {@link #secret} would find something (a file given, or the profile names one). */
    public boolean hasSecret(SecretSlot slot) {
        Path file = secretFile(slot);
        return file != null || (slot == SecretSlot.SNMP_COMMUNITY && community() != null)
                || profile().map(p -> p.secret(slot).isPresent()).orElse(false);
    }

    /** The private key for an ssh:// Kea from the profile, or null for the user's default key. */
    public Path keaSshKey() {
        return fromProfile(Profile::kea, Profile.KeaAccess::sshKey);
    }

    /** The switch host key fingerprint the profile accepted, or null. */
    public String switchFingerprint() {
        return fromProfile(Profile::switchSsh, Profile.SwitchAccess::fingerprint);
    }

    /** The pool level "warning" from this usage in percent: the profile's, else 80. */
    public int poolWarningPercent() {
        Integer p = profile().map(x -> x.tuning().poolWarningPercent()).orElse(null);
        return p == null ? 80 : p;
    }

    /** The pool level "critical" from this usage in percent: the profile's, else 95. */
    public int poolCriticalPercent() {
        Integer p = profile().map(x -> x.tuning().poolCriticalPercent()).orElse(null);
        return p == null ? 95 : p;
    }

    /** The profile's aging age (sync's default for --old-after), or null. */
    public Duration agingAge() {
        return profile().map(p -> p.tuning().agingAge()).orElse(null);
    }

    /** {@code GATEHOUSE_TIMING=1}: commands that support it print where their time went on stderr. */
    boolean timing() {
        return "1".equals(env.get("GATEHOUSE_TIMING"));
    }

    /** Reads variables; injectable so that tests do not depend on the real environment. */
    public interface Environment {
        String get(String name);
    }

    /** The first (or only) Kea server. */
    public String kea() {
        String k = keaGiven() ? kea.get(0) : blankToNull(env.get("GATEHOUSE_KEA"));
        return k != null ? k : fromProfile(Profile::kea, Profile.KeaAccess::uri);
    }

    private boolean keaGiven() {
        return kea != null && !kea.isEmpty();
    }

    /** One Kea server of several: a name ("server2", or the profile's), its URI and its own access settings. */
    public record KeaServer(String name, String uri, String user, Path caFile, Path sshKey, boolean allowInsecureHttp) {
    }

    /**
     * Every Kea server these options name, first one first: each --kea given (named server1,
     * server2 … in order; they share --kea-user and its password), else GATEHOUSE_KEA, else the
     * profile's servers. Empty when none is configured.
     */
    public java.util.List<KeaServer> keaServers() {
        java.util.List<String> given = keaGiven() ? kea : blankToNull(env.get("GATEHOUSE_KEA")) != null
                ? java.util.List.of(env.get("GATEHOUSE_KEA").trim()) : java.util.List.of();
        String user = keaUser != null ? keaUser : env.get("GATEHOUSE_KEA_USER");
        return KeaServerList.of(given, profile().orElse(null), this, user, allowInsecureHttp);
    }

    public String keaUser() {
        String u = keaUser != null ? keaUser : env.get("GATEHOUSE_KEA_USER");
        return u != null ? u : fromProfile(Profile::kea, Profile.KeaAccess::user);
    }

    public Path keaPasswordFile() {
        return keaPasswordFile != null ? keaPasswordFile : pathOf(env.get("GATEHOUSE_KEA_PASSWORD_FILE"));
    }

    public Path keaCaFile() {
        Path f = keaCaFile != null ? keaCaFile : pathOf(env.get("GATEHOUSE_KEA_CA_FILE"));
        return f != null ? f : fromProfile(Profile::kea, Profile.KeaAccess::caFile);
    }

    public boolean allowInsecureHttp() {
        return allowInsecureHttp || Boolean.TRUE.equals(fromProfile(Profile::kea, Profile.KeaAccess::allowInsecureHttp));
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
        Path fromProfile = profile().map(p -> p.tuning().cache()).orElse(null);
        if (fromProfile != null) {
            return fromProfile;
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
        String s = switchUri != null ? switchUri : env.get("GATEHOUSE_SWITCH");
        return s != null ? s : fromProfile(Profile::switchSsh, Profile.SwitchAccess::uri);
    }

    public Path switchPasswordFile() {
        return switchPasswordFile != null ? switchPasswordFile : pathOf(env.get("GATEHOUSE_SWITCH_PASSWORD_FILE"));
    }

    public Path switchKey() {
        Path k = switchKey != null ? switchKey : pathOf(env.get("GATEHOUSE_SWITCH_KEY"));
        return k != null ? k : fromProfile(Profile::switchSsh, Profile.SwitchAccess::key);
    }

    /** The ACL number as typed (validated where it is used), or null for the default. */
    public String acl() {
        String a = acl != null ? acl : env.get("GATEHOUSE_ACL");
        return a != null ? a : fromProfile(Profile::switchSsh, s -> s.acl() == null ? null : String.valueOf(s.acl()));
    }

    public String blockMode() {
        String m = blockMode != null ? blockMode : env.get("GATEHOUSE_BLOCK_MODE");
        return m != null ? m : fromProfile(Profile::switchSsh, Profile.SwitchAccess::blockMode);
    }

    public String snmp() {
        String s = snmp != null ? snmp : env.get("GATEHOUSE_SNMP");
        return s != null ? s : fromProfile(Profile::snmp, Profile.SnmpAccess::uri);
    }

    public String community() {
        return community != null ? community : env.get("GATEHOUSE_COMMUNITY");
    }

    public Path communityFile() {
        return communityFile != null ? communityFile : pathOf(env.get("GATEHOUSE_COMMUNITY_FILE"));
    }

    public String snmpUser() {
        String u = snmpUser != null ? snmpUser : env.get("GATEHOUSE_SNMP_USER");
        return u != null || snmpGivenHere() ? u
                : fromProfile(Profile::snmp, s -> s.version() == Profile.SnmpVersion.V3 ? s.user() : null);
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
        if (text == null) {
            text = profile().map(p -> p.tuning().refreshSeconds()).map(String::valueOf).orElse(null);
        }
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
        this.kea = java.util.List.of(endpoint);
        this.db = database;
        this.fallback.fix(null, null);
    }

    /** v2c given on the command line or in the environment overrides a v3 profile (and the other way round). */
    private boolean snmpGivenHere() {
        return community != null || communityFile != null || env.get("GATEHOUSE_COMMUNITY") != null
                || env.get("GATEHOUSE_COMMUNITY_FILE") != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Path pathOf(String s) {
        return s == null || s.isBlank() ? null : Path.of(s);
    }
}
