package org.gatehouse.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.policy.KeaTarget;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SecretSlot;
import org.gatehouse.ui.connect.ProfileBook;
import org.gatehouse.ui.connect.SiteProfile;

/**
 * The console's view of the user's profiles ({@link Profiles}: one TOML file, secrets in the
 * keyring or the encrypted store). Saving from the console changes only what the console edits:
 * the profile's switch, SNMP, aging age, retention and stored secrets stay as they were.
 */
final class ProfileBookAdapter implements ProfileBook {
    private final Profiles profiles;
    private final Path knownHosts;
    private final Duration timeout;

    ProfileBookAdapter(Profiles profiles, Path knownHosts, Duration timeout) {
        this.profiles = profiles;
        this.knownHosts = knownHosts;
        this.timeout = timeout;
    }

    @Override
    public List<SiteProfile> list() {
        String def = profiles.defaultName().orElse(null);
        return profiles.list().stream().map(p -> view(p, p.name().equals(def))).toList();
    }

    @Override
    public Optional<String> defaultName() {
        return profiles.defaultName();
    }

    @Override
    public Optional<SiteProfile> find(String name) {
        String def = profiles.defaultName().orElse(null);
        return profiles.get(name).map(p -> view(p, p.name().equals(def)));
    }

    static SiteProfile view(Profile p, boolean isDefault) {
        Profile.KeaAccess k = p.kea();
        Profile.Tuning t = p.tuning();
        return new SiteProfile(p.name(), k == null ? null : k.uri(), k == null ? null : k.user(), k == null ? null : k.caFile(),
                k == null ? null : k.sshKey(), p.switchSsh() == null ? null : p.switchSsh().uri(), p.snmp() == null ? null : p.snmp().uri(),
                p.switchSsh() == null || p.switchSsh().acl() == null ? null : p.switchSsh().acl().toString(),
                or(t.refreshSeconds(), SiteProfile.DEFAULT_REFRESH), or(t.poolWarningPercent(), SiteProfile.DEFAULT_WARNING),
                or(t.poolCriticalPercent(), SiteProfile.DEFAULT_CRITICAL), t.cache(), isDefault, p.secret(SecretSlot.KEA_PASSWORD).isPresent());
    }

    private static int or(Integer v, int fallback) {
        return v == null ? fallback : v;
    }

    @Override
    public void save(SiteProfile s, char[] keaPassword) {
        Profile base = profiles.get(s.name()).orElse(Profile.named(s.name()));
        boolean insecure = base.kea() != null && base.kea().allowInsecureHttp();
        Profile.Tuning t = base.tuning();
        Profile p = base.withKea(new Profile.KeaAccess(s.kea(), s.keaUser(), s.caFile(), insecure, s.sshKey()))
                .withTuning(new Profile.Tuning(s.refreshSeconds(), s.poolWarning(), s.poolCritical(), t.agingAge(), s.cacheFile(),
                        t.retention()));
        Map<SecretSlot, char[]> secrets = new EnumMap<>(SecretSlot.class);
        if (keaPassword != null && keaPassword.length == 0) {
            p = p.withSecret(SecretSlot.KEA_PASSWORD, null);
        } else if (keaPassword != null) {
            secrets.put(SecretSlot.KEA_PASSWORD, keaPassword);
            // Profiles checks the record before it stores the secret: say one is coming (the store sets where it went)
            if (p.secret(SecretSlot.KEA_PASSWORD).isEmpty()) {
                p = p.withSecret(SecretSlot.KEA_PASSWORD, new org.gatehouse.policy.SecretRef.Encrypted());
            }
        }
        try {
            profiles.save(p, secrets);
        } finally {
            if (keaPassword != null) {
                Arrays.fill(keaPassword, '\0');
            }
        }
    }

    @Override
    public void saveSwitch(String name, String switchUri, String fingerprint, String acl, char[] switchPassword, String snmpUri,
                           char[] community) {
        Profile p = profiles.require(name);
        Map<SecretSlot, char[]> secrets = new EnumMap<>(SecretSlot.class);
        try {
            if (switchUri == null) {
                p = p.withSwitch(null).withSecret(SecretSlot.SWITCH_PASSWORD, null);
            } else {
                org.gatehouse.sw.SwitchEndpoint ep = org.gatehouse.sw.SwitchEndpoint.parse(switchUri);
                Profile.SwitchAccess before = p.switchSsh();
                p = p.withSwitch(new Profile.SwitchAccess(ep.host(), ep.port(), ep.user(), before == null ? null : before.key(), fingerprint,
                        acl == null || acl.isBlank() ? null : Integer.valueOf(acl.strip()), before == null ? List.of() : before.interfaces(),
                        before == null ? null : before.blockMode()));
                p = withNewSecret(p, secrets, SecretSlot.SWITCH_PASSWORD, switchPassword);
            }
            if (snmpUri == null) {
                p = p.withSnmp(null).withSecret(SecretSlot.SNMP_COMMUNITY, null);
            } else {
                org.gatehouse.sw.SnmpEndpoint ep = org.gatehouse.sw.SnmpEndpoint.parse(snmpUri);
                p = p.withSnmp(new Profile.SnmpAccess(ep.host(), ep.port(), Profile.SnmpVersion.V2C, null));
                p = withNewSecret(p, secrets, SecretSlot.SNMP_COMMUNITY, community);
            }
            profiles.save(p, secrets);
        } finally {
            secrets.values().forEach(c -> Arrays.fill(c, '\0'));
        }
    }

    private static Profile withNewSecret(Profile p, Map<SecretSlot, char[]> secrets, SecretSlot slot, char[] value) {
        if (value == null || value.length == 0) {
            return p;
        }
        secrets.put(slot, value.clone());
        // Profiles checks the record before it stores the secret: say one is coming (the store sets where it went)
        return p.secret(slot).isPresent() ? p : p.withSecret(slot, new org.gatehouse.policy.SecretRef.Encrypted());
    }

    @Override
    public void remove(String name) {
        profiles.remove(name);
    }

    @Override
    public void makeDefault(String name) {
        profiles.setDefault(name);
    }

    @Override
    public KeaTarget target(String name) {
        Profile p = profiles.require(name);
        if (p.kea() == null) {
            throw new org.gatehouse.model.BadInput("profile", "profile " + name + " names no Kea");
        }
        char[] password = profiles.secret(p, SecretSlot.KEA_PASSWORD);
        return new KeaTarget(p.kea().uri(), p.kea().user(), password, p.kea().caFile(), p.kea().sshKey(), knownHosts, null, timeout);
    }
}
