package org.gatehouse.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.model.BadInput;
import org.gatehouse.policy.SecretSlot;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SnmpCredentials;
import org.gatehouse.sw.SnmpEndpoint;
import org.gatehouse.sw.SnmpLocator;
import org.gatehouse.sw.SwitchEndpoint;

/** The switch's CLI and SNMP agent as the options (and their profile) describe them; secrets never from argv. */
final class SwitchParts {
    private SwitchParts() {
    }

    /** The Comware CLI over SSH, or null when no switch is configured. */
    static ComwareSwitch cli(ConnectionOptions o, Duration timeout) {
        if (o.switchUri() == null) {
            return null;
        }
        SwitchEndpoint ep = SwitchEndpoint.parse(o.switchUri());
        char[] password = o.secret(SecretSlot.SWITCH_PASSWORD);
        Path key = o.switchKey() != null ? o.switchKey() : password == null ? defaultIdentity() : null;
        SshTarget target = new SshTarget(ep.host(), ep.port(), ep.user(), password, key, o.knownHosts(), o.acceptNewHostKey(), timeout);
        String pinned = recordedFingerprint(o, ep);
        return ComwareSwitch.overSsh(target, pinned != null ? SshConnector.pinnedTo(pinned) : new SshConnector(), timeout);
    }

    /**
     * The host-key fingerprint the profile recorded for this very switch (same host and port), or
     * null: then known_hosts decides. A --switch naming another host does not inherit the profile's key.
     */
    static String recordedFingerprint(ConnectionOptions o, SwitchEndpoint ep) {
        String fingerprint = o.switchFingerprint();
        if (fingerprint == null || fingerprint.isBlank()) {
            return null;
        }
        return o.profile().map(p -> p.switchSsh()).filter(s -> s.host().equalsIgnoreCase(ep.host()) && s.port() == ep.port())
                .map(s -> fingerprint).orElse(null);
    }

    /** The SNMP agent (a new session per use), or null when none is configured. */
    static Supplier<SnmpLocator> snmp(ConnectionOptions o, Duration timeout) {
        if (o.snmp() == null) {
            return null;
        }
        SnmpEndpoint ep = SnmpEndpoint.parse(o.snmp());
        SnmpCredentials credentials;
        if (o.snmpUser() != null) {
            char[] auth = o.secret(SecretSlot.SNMP_AUTH);
            char[] priv = o.secret(SecretSlot.SNMP_PRIV);
            if (auth == null || priv == null) {
                throw new BadInput("--snmp-user", "SNMPv3 needs --snmp-auth-file and --snmp-priv-file (authPriv)");
            }
            credentials = new SnmpCredentials.V3(o.snmpUser(), auth, priv);
        } else if (o.hasSecret(SecretSlot.SNMP_COMMUNITY)) {
            char[] community = o.secret(SecretSlot.SNMP_COMMUNITY);
            if (community.length == 0) {
                throw new BadInput("--community-file", o.communityFile() + " is empty");
            }
            credentials = new SnmpCredentials.Community(community);
        } else {
            throw new BadInput("--snmp", "give --community NAME or --community-file FILE (v2c) or --snmp-user with --snmp-auth-file"
                    + " and --snmp-priv-file (v3)");
        }
        // two tries within the --timeout budget
        Duration perTry = Duration.ofMillis(Math.max(200, timeout.toMillis() / 2));
        return () -> new SnmpLocator(ep, credentials, perTry, 1);
    }

    static Path defaultIdentity() {
        for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
            Path p = Path.of(System.getProperty("user.home"), ".ssh", name);
            if (Files.isReadable(p)) {
                return p;
            }
        }
        return null;
    }
}
