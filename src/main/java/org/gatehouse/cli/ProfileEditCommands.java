package org.gatehouse.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.gatehouse.model.BadInput;
import org.gatehouse.policy.AgingService;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SecretRef;
import org.gatehouse.policy.SecretSlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code profile add} and {@code profile edit}: a profile from the connection options given on
 * this command line (the environment is not copied into a profile). Secret files are read once
 * and their secrets stored in the keyring or the encrypted store; {@code --secret SLOT=REF} keeps
 * a reference (file:/path, systemd:NAME) instead, for services.
 */
final class ProfileEditCommands {
    private ProfileEditCommands() {
    }

    /** What a profile holds beyond the connection options. */
    static final class Settings {
        @Option(names = "--secret", paramLabel = "SLOT=REF", description = "keep SLOT (kea-password, switch-password, snmp-community, snmp-auth,"
                + " snmp-priv) as a reference: file:/path (mode 600) or systemd:NAME ($CREDENTIALS_DIRECTORY/NAME)")
        List<String> secretRefs = new ArrayList<>();

        @Option(names = "--kea-ssh-key", paramLabel = "FILE", description = "private key for an ssh:// Kea (default: the user's key)")
        Path keaSshKey;

        @Option(names = "--switch-fingerprint", paramLabel = "SHA256:…", description = "the switch host key's SHA256 fingerprint: then exactly this key is accepted"
                + " (known_hosts is not used for this switch) and any other is refused; \"\" forgets it")
        String fingerprint;

        @Option(names = "--acl-interface", paramLabel = "NAME", description = "an interface the ACL is applied to (repeat for each)")
        List<String> interfaces;

        @Option(names = "--pool-warning", paramLabel = "PERCENT", description = "pool level 'warning' from this usage (default 80)")
        Integer poolWarning;

        @Option(names = "--pool-critical", paramLabel = "PERCENT", description = "pool level 'critical' from this usage (default 95)")
        Integer poolCritical;

        @Option(names = "--aging-age", paramLabel = "DURATION", description = "sync's --old-after for this site (45s, 30m, 2h)")
        String agingAge;

        @Option(names = "--retention", paramLabel = "DAYS", description = "days of lease history kept in the cache (1-3650)")
        Integer retentionDays;

        @Option(names = "--no-switch", description = "edit: remove the switch SSH settings and their secret")
        boolean noSwitch;

        @Option(names = "--no-snmp", description = "edit: remove the SNMP settings and their secrets")
        boolean noSnmp;

        @Option(names = "--default", description = "also make this the default profile")
        boolean makeDefault;
    }

    @Command(name = "add", description = "Create profile NAME from the connection options given here; secret files are read once and stored"
            + " in the desktop keyring, else in Gatehouse's encrypted store (passphrase: terminal, GATEHOUSE_PASSPHRASE_FILE or"
            + " GATEHOUSE_PASSPHRASE_FD). Exit 2 if NAME exists.")
    static final class Add extends ConnectedCommand {
        @Parameters(paramLabel = "NAME", description = "the profile's name (1-64 letters, digits, spaces, . _ -)")
        String name;

        @Mixin
        Settings settings;

        Add(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            return save(this, Profile.named(name), settings, true);
        }
    }

    @Command(name = "edit", description = "Change profile NAME: the options given here replace its values, the rest stays.")
    static final class Edit extends ConnectedCommand {
        @Parameters(paramLabel = "NAME", description = "the profile's name (1-64 letters, digits, spaces, . _ -)")
        String name;

        @Mixin
        Settings settings;

        Edit(Backend backend) {
            super(backend);
        }

        @Override
        public Integer call() {
            return save(this, options().profiles().require(name), settings, false);
        }
    }

    private static int save(ConnectedCommand cmd, Profile base, Settings s, boolean adding) {
        ConnectionOptions o = cmd.options();
        Profiles profiles = o.profiles();
        Map<SecretSlot, char[]> secrets = new EnumMap<>(SecretSlot.class);
        try {
            Profile p = apply(base, o, s, secrets);
            Profile saved = adding ? profiles.add(p, secrets) : profiles.edit(p, secrets);
            if (s.makeDefault) {
                profiles.setDefault(saved.name());
            }
            cmd.printer().line((adding ? "added" : "changed") + " profile " + saved.name() + " in " + profiles.file() + "; "
                    + ProfileCommand.secretsOf(saved) + (s.makeDefault ? "; it is the default" : ""));
            return 0;
        } finally {
            secrets.values().forEach(c -> Arrays.fill(c, '\0'));
        }
    }

    /** {@code base} with what this command line gives; secrets read from files go to {@code secrets}. */
    static Profile apply(Profile base, ConnectionOptions o, Settings s, Map<SecretSlot, char[]> secrets) {
        if (o.db != null && o.db.toString().isBlank()) {
            throw new BadInput("--db", "the file name is empty; give a path, or leave --db out for the default cache");
        }
        Profile p = base;
        Profile.KeaAccess k = p.kea();
        String firstKea = o.kea == null || o.kea.isEmpty() ? null : o.kea.get(0);
        if (firstKea != null || (k != null && (o.keaUser != null || o.keaCaFile != null || o.allowInsecureHttp || s.keaSshKey != null))) {
            p = p.withKea(new Profile.KeaAccess(firstKea != null ? firstKea : k.uri(), o.keaUser != null ? o.keaUser : k == null ? null : k.user(),
                    o.keaCaFile != null ? absolute(o.keaCaFile) : k == null ? null : k.caFile(), o.allowInsecureHttp || (k != null && k.allowInsecureHttp()),
                    s.keaSshKey != null ? absolute(s.keaSshKey) : k == null ? null : k.sshKey()));
        }
        if (firstKea != null) {
            // --kea given: exactly the servers given, the further ones named server2, server3 … (their access as the first one's)
            Map<String, Profile.KeaAccess> peers = new java.util.LinkedHashMap<>();
            for (int i = 1; i < o.kea.size(); i++) {
                Profile.KeaAccess a = p.kea();
                peers.put("server" + (i + 1), new Profile.KeaAccess(o.kea.get(i), a.user(), a.caFile(), a.allowInsecureHttp(), a.sshKey()));
            }
            p = p.withPeers(peers);
        }
        p = applySwitch(p, o, s);
        p = applySnmp(p, o, s);
        Profile.Tuning t = p.tuning();
        p = p.withTuning(new Profile.Tuning(o.refreshSeconds != null ? o.refreshSeconds : t.refreshSeconds(),
                s.poolWarning != null ? s.poolWarning : t.poolWarningPercent(), s.poolCritical != null ? s.poolCritical : t.poolCriticalPercent(),
                s.agingAge != null ? AgingService.parseDuration(s.agingAge) : t.agingAge(), o.db != null ? absolute(o.db) : t.cache(),
                s.retentionDays != null ? Duration.ofDays(s.retentionDays) : t.retention()));
        read(secrets, SecretSlot.KEA_PASSWORD, o.keaPasswordFile, "--kea-password-file");
        read(secrets, SecretSlot.SWITCH_PASSWORD, o.switchPasswordFile, "--switch-password-file");
        read(secrets, SecretSlot.SNMP_COMMUNITY, o.communityFile, "--community-file");
        if (o.community != null) {
            secrets.put(SecretSlot.SNMP_COMMUNITY, o.community.toCharArray());
        }
        read(secrets, SecretSlot.SNMP_AUTH, o.snmpAuthFile, "--snmp-auth-file");
        read(secrets, SecretSlot.SNMP_PRIV, o.snmpPrivFile, "--snmp-priv-file");
        for (String ref : s.secretRefs) {
            int eq = ref.indexOf('=');
            SecretSlot slot = eq < 0 ? null : SecretSlot.byKey(ref.substring(0, eq).trim());
            if (slot == null) {
                throw new BadInput("--secret", "give SLOT=REF with SLOT one of kea-password, switch-password, snmp-community, snmp-auth,"
                        + " snmp-priv");
            }
            if (secrets.containsKey(slot)) {
                throw new BadInput("--secret", slot.key() + " is given twice (a file to store and a reference)");
            }
            SecretRef parsed = SecretRef.parse(ref.substring(eq + 1), "--secret " + slot.key());
            // a profile is used from any directory: a relative file is made absolute now
            p = p.withSecret(slot, parsed instanceof SecretRef.InFile f ? new SecretRef.InFile(absolute(f.file())) : parsed);
        }
        return p;
    }

    private static Profile applySwitch(Profile p, ConnectionOptions o, Settings s) {
        if (s.noSwitch) {
            return p.withSwitch(null).withSecret(SecretSlot.SWITCH_PASSWORD, null);
        }
        Profile.SwitchAccess w = p.switchSsh();
        if (o.switchUri != null) {
            URI u = uri(o.switchUri, "--switch", "ssh://user@host[:port]");
            if (u.getUserInfo() != null && u.getUserInfo().contains(":")) {
                throw new BadInput("--switch", "a password does not belong in the URI; use --switch-password-file");
            }
            String host = host(u);
            int port = u.getPort() < 0 ? 22 : u.getPort();
            // a recorded host key belongs to its host: another switch must not inherit it (it would be refused)
            boolean sameSwitch = w != null && w.host().equalsIgnoreCase(host) && w.port() == port;
            w = new Profile.SwitchAccess(host, port, u.getUserInfo(), w == null ? null : w.key(),
                    sameSwitch ? w.fingerprint() : null, w == null ? null : w.acl(), w == null ? null : w.interfaces(),
                    w == null ? null : w.blockMode());
        }
        if (w == null) {
            if (o.switchKey != null || o.acl != null || s.fingerprint != null || s.interfaces != null || o.blockMode != null) {
                throw new BadInput("--switch", "switch settings need the switch: give --switch ssh://user@host[:port]");
            }
            return p;
        }
        Integer acl = w.acl();
        if (o.acl != null) {
            try {
                acl = Integer.parseInt(o.acl.trim());
            } catch (NumberFormatException e) {
                throw new BadInput("--acl", "'" + o.acl + "' is not an ACL number (4000-4999)");
            }
        }
        return p.withSwitch(new Profile.SwitchAccess(w.host(), w.port(), w.user(), o.switchKey != null ? absolute(o.switchKey) : w.key(),
                s.fingerprint != null ? fingerprint(s.fingerprint) : w.fingerprint(), acl, s.interfaces != null ? s.interfaces : w.interfaces(),
                o.blockMode != null ? o.blockMode : w.blockMode()));
    }

    /** "SHA256:" and 43 base64 characters, as ssh-keygen -lf and Gatehouse print it; "" forgets the recorded key. */
    private static String fingerprint(String given) {
        String f = given.strip();
        if (f.isEmpty()) {
            return null;
        }
        if (!f.matches("SHA256:[A-Za-z0-9+/]{43}=?")) {
            throw new BadInput("--switch-fingerprint", "'" + org.gatehouse.model.SafeText.escapeForTerminal(f)
                    + "' is not a SHA256 host-key fingerprint (SHA256: and 43 characters, as ssh-keygen -lf prints it)");
        }
        return f.endsWith("=") ? f.substring(0, f.length() - 1) : f;
    }

    private static Profile applySnmp(Profile p, ConnectionOptions o, Settings s) {
        if (s.noSnmp) {
            return p.withSnmp(null).withSecret(SecretSlot.SNMP_COMMUNITY, null).withSecret(SecretSlot.SNMP_AUTH, null)
                    .withSecret(SecretSlot.SNMP_PRIV, null);
        }
        Profile.SnmpAccess n = p.snmp();
        if (o.snmp != null) {
            URI u = uri(o.snmp.startsWith("udp:") && !o.snmp.startsWith("udp://") ? "udp://" + o.snmp.substring(4) : o.snmp, "--snmp",
                    "udp:host[:port]");
            n = new Profile.SnmpAccess(host(u), u.getPort() < 0 ? 161 : u.getPort(), n == null ? Profile.SnmpVersion.V2C : n.version(),
                    n == null ? null : n.user());
        }
        if (n == null) {
            return p;
        }
        if (o.snmpUser != null) {
            return p.withSnmp(new Profile.SnmpAccess(n.host(), n.port(), Profile.SnmpVersion.V3, o.snmpUser))
                    .withSecret(SecretSlot.SNMP_COMMUNITY, null);
        }
        if (o.community != null || o.communityFile != null) {
            return p.withSnmp(new Profile.SnmpAccess(n.host(), n.port(), Profile.SnmpVersion.V2C, null))
                    .withSecret(SecretSlot.SNMP_AUTH, null).withSecret(SecretSlot.SNMP_PRIV, null);
        }
        return p.withSnmp(n);
    }

    private static URI uri(String text, String option, String form) {
        try {
            URI u = new URI(text.trim());
            if (u.getHost() == null) {
                throw new BadInput(option, "'" + text + "' is not " + form);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new BadInput(option, "'" + text + "' is not " + form);
        }
    }

    private static String host(URI u) {
        String h = u.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    private static void read(Map<SecretSlot, char[]> secrets, SecretSlot slot, Path file, String option) {
        if (file != null) {
            secrets.put(slot, SecretFile.read(file, option));
        }
    }
}
