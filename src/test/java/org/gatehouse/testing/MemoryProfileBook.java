package org.gatehouse.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatehouse.policy.KeaTarget;
import org.gatehouse.ui.connect.ProfileBook;
import org.gatehouse.ui.connect.SiteProfile;

/** Profiles in memory, for console tests that are not about where profiles are stored. */
public final class MemoryProfileBook implements ProfileBook {
    private final Map<String, SiteProfile> profiles = new LinkedHashMap<>();
    private final Map<String, char[]> secrets = new LinkedHashMap<>();
    private final Path knownHosts;
    private String defaultName;

    public MemoryProfileBook(Path knownHosts) {
        this.knownHosts = knownHosts;
    }

    @Override
    public synchronized List<SiteProfile> list() {
        List<SiteProfile> out = new ArrayList<>();
        profiles.values().forEach(p -> out.add(withFlags(p)));
        return out;
    }

    private SiteProfile withFlags(SiteProfile p) {
        return new SiteProfile(p.name(), p.kea(), p.keaUser(), p.caFile(), p.sshKey(), p.switchUri(), p.snmp(), p.acl(), p.refreshSeconds(),
                p.poolWarning(), p.poolCritical(), p.cacheFile(), p.name().equals(defaultName), secrets.containsKey(p.name()));
    }

    @Override
    public synchronized Optional<String> defaultName() {
        return Optional.ofNullable(defaultName);
    }

    @Override
    public synchronized Optional<SiteProfile> find(String name) {
        return Optional.ofNullable(profiles.get(name)).map(this::withFlags);
    }

    @Override
    public synchronized void save(SiteProfile profile, char[] keaPassword) {
        profiles.put(profile.name(), profile);
        if (keaPassword != null) {
            secrets.put(profile.name(), keaPassword.clone());
        }
    }

    @Override
    public synchronized void saveSwitch(String name, String switchUri, String fingerprint, String acl, char[] switchPassword, String snmpUri,
                                        char[] community) {
        SiteProfile p = profiles.get(name);
        profiles.put(name, new SiteProfile(p.name(), p.kea(), p.keaUser(), p.caFile(), p.sshKey(), switchUri, snmpUri, acl, p.refreshSeconds(),
                p.poolWarning(), p.poolCritical(), p.cacheFile(), false, false));
    }

    @Override
    public synchronized void remove(String name) {
        profiles.remove(name);
        secrets.remove(name);
        if (name.equals(defaultName)) {
            defaultName = null;
        }
    }

    @Override
    public synchronized void makeDefault(String name) {
        defaultName = name;
    }

    @Override
    public synchronized KeaTarget target(String name) {
        SiteProfile p = profiles.get(name);
        char[] pw = secrets.get(name);
        return new KeaTarget(p.kea(), p.keaUser(), pw == null ? null : pw.clone(), p.caFile(), p.sshKey(), knownHosts, null, null);
    }
}
