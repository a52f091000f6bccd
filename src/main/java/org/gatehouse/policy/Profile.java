package org.gatehouse.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named site: how to reach its Kea, switch (SSH) and SNMP agent, and the console's settings for
 * it. Holds no secret: {@link #secrets} says only where each one is kept. Any part may be null
 * (not configured); a null setting means "the default" (cli.md).
 *
 * @param secrets where each configured secret lives; a slot absent means none
 */
public record Profile(String name, KeaAccess kea, SwitchAccess switchSsh, SnmpAccess snmp, Tuning tuning,
                      Map<SecretSlot, SecretRef> secrets, Map<String, KeaAccess> peers) {

    /** Letters and digits of any script, then also space . _ - ; at most 64 characters. */
    public static final String NAME_PATTERN = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,63}";

    public Profile {
        tuning = tuning == null ? Tuning.DEFAULTS : tuning;
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        peers = peers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(peers));
    }

    /** A profile of one Kea server (the usual case). */
    public Profile(String name, KeaAccess kea, SwitchAccess switchSsh, SnmpAccess snmp, Tuning tuning, Map<SecretSlot, SecretRef> secrets) {
        this(name, kea, switchSsh, snmp, tuning, secrets, Map.of());
    }

    /**
     * With further Kea servers (an HA partner, one server per building), by name in order; they
     * share the first server's password slot. Empty: one server.
     */
    public Profile withPeers(Map<String, KeaAccess> more) {
        return new Profile(name, kea, switchSsh, snmp, tuning, secrets, more);
    }

    public static Profile named(String name) {
        return new Profile(name, null, null, null, Tuning.DEFAULTS, Map.of());
    }

    public Optional<SecretRef> secret(SecretSlot slot) {
        return Optional.ofNullable(secrets.get(slot));
    }

    public Profile withName(String newName) {
        return new Profile(newName, kea, switchSsh, snmp, tuning, secrets, peers);
    }

    public Profile withKea(KeaAccess k) {
        return new Profile(name, k, switchSsh, snmp, tuning, secrets, peers);
    }

    public Profile withSwitch(SwitchAccess s) {
        return new Profile(name, kea, s, snmp, tuning, secrets, peers);
    }

    public Profile withSnmp(SnmpAccess s) {
        return new Profile(name, kea, switchSsh, s, tuning, secrets, peers);
    }

    public Profile withTuning(Tuning t) {
        return new Profile(name, kea, switchSsh, snmp, t, secrets, peers);
    }

    /** With {@code ref} for {@code slot}, or without that secret when {@code ref} is null. */
    public Profile withSecret(SecretSlot slot, SecretRef ref) {
        Map<SecretSlot, SecretRef> m = new EnumMap<>(SecretSlot.class);
        m.putAll(secrets);
        if (ref == null) {
            m.remove(slot);
        } else {
            m.put(slot, ref);
        }
        return new Profile(name, kea, switchSsh, snmp, tuning, m, peers);
    }

    /**
     * The Kea control channel.
     *
     * @param uri      {@code unix:/path}, {@code http(s)://host:port/} or {@code ssh://user@host[:port]/socket}
     * @param user     HTTP basic-auth user, or null
     * @param caFile   private CA for https://, or null
     * @param sshKey   private key for ssh://, or null (the user's default key)
     */
    public record KeaAccess(String uri, String user, Path caFile, boolean allowInsecureHttp, Path sshKey) {
        public static KeaAccess of(String uri) {
            return new KeaAccess(uri, null, null, false, null);
        }
    }

    /**
     * The switch's Comware CLI over SSH and the ACL Gatehouse manages on it.
     *
     * @param fingerprint the host key's {@code SHA256:…} fingerprint accepted for this switch, or null
     * @param acl         the MAC ACL number (4000-4999), or null for the default 4000
     * @param interfaces  where the ACL is applied inbound ({@code switch install-acl})
     * @param blockMode   {@code acl} or {@code blackhole}, or null for the default
     */
    public record SwitchAccess(String host, int port, String user, Path key, String fingerprint, Integer acl,
                               List<String> interfaces, String blockMode) {
        public SwitchAccess {
            interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        }

        /** {@code ssh://user@host[:port]}, the form {@code --switch} takes. */
        public String uri() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return "ssh://" + user + "@" + h + (port == 22 ? "" : ":" + port);
        }
    }

    public enum SnmpVersion {
        V2C, V3
    }

    /**
     * The switch's SNMP agent. v2c takes the {@link SecretSlot#SNMP_COMMUNITY} secret, v3 (authPriv
     * SHA/AES-128) {@code user} with {@link SecretSlot#SNMP_AUTH} and {@link SecretSlot#SNMP_PRIV}.
     */
    public record SnmpAccess(String host, int port, SnmpVersion version, String user) {
        /** {@code udp:host[:port]}, the form {@code --snmp} takes. */
        public String uri() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return "udp:" + h + (port == 161 ? "" : ":" + port);
        }
    }

    /**
     * The console's and services' settings for this site; null means the built-in default.
     *
     * @param refreshSeconds      how often the console re-reads Kea (1-3600; default 2)
     * @param poolWarningPercent  pool level "warning" from this percentage (default 80)
     * @param poolCriticalPercent pool level "critical" from this percentage (default 95)
     * @param agingAge            unregistered devices older than this move to old-unregistered (default 30m)
     * @param cache               the local SQLite cache (default in the user's data directory)
     * @param retention           how long lease history is kept in the cache (audit is never pruned)
     */
    public record Tuning(Integer refreshSeconds, Integer poolWarningPercent, Integer poolCriticalPercent, Duration agingAge,
                         Path cache, Duration retention) {
        public static final Tuning DEFAULTS = new Tuning(null, null, null, null, null, null);
    }
}
