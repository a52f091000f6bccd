package org.gatehouse.app;

import java.nio.file.Path;
import org.gatehouse.policy.SwitchProbe;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.sw.ComwareSwitch;
import org.gatehouse.sw.SwitchEndpoint;

/** The switch's Comware CLI for a {@link SwitchProbe.Target}: known_hosts checked, a new key trusted only if it is the one accepted. */
final class SwitchTargetConnector implements SwitchProbe.Connector {

    @Override
    public ComwareSwitch open(SwitchProbe.Target t) {
        SwitchEndpoint ep = SwitchEndpoint.parse(t.uri());
        char[] password = t.password() == null || t.password().length == 0 ? null : t.password().clone();
        Path key = t.key() != null ? t.key() : password == null ? KeaTargetConnector.defaultIdentity() : null;
        Path knownHosts = t.knownHosts() != null ? t.knownHosts() : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        SshTarget target = new SshTarget(ep.host(), ep.port(), ep.user(), password, key, knownHosts, false, t.timeout());
        return ComwareSwitch.overSsh(target, new SshConnector(t.trustHostKey()), t.timeout());
    }
}
