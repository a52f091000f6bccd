package org.gatehouse.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.HttpTransport;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaEndpoint;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaTransport;
import org.gatehouse.kea.SshTransport;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.model.BadInput;
import org.gatehouse.policy.KeaConnector;
import org.gatehouse.policy.KeaTarget;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;

/**
 * Opens a Kea client for a {@link KeaTarget} (the console's profiles and its connect page), with
 * the command line's checks: a user needs a password, basic auth over plain http:// only to this
 * machine, an SSH host key is checked against known_hosts (a new one only if it is the one the
 * person accepted). Secrets are copied, so the caller may wipe its own.
 */
final class KeaTargetConnector implements KeaConnector {
    private final KeaJson json;

    KeaTargetConnector(KeaJson json) {
        this.json = json;
    }

    @Override
    public KeaClient open(KeaTarget t) {
        KeaEndpoint endpoint = KeaEndpoint.parse(t.kea());
        char[] password = t.password() == null || t.password().length == 0 ? null : t.password().clone();
        KeaTransport transport = switch (endpoint.kind()) {
            case UNIX -> new UnixSocketTransport(endpoint.socket());
            case HTTP -> http(t, endpoint.uri(), password);
            case SSH -> {
                URI uri = endpoint.uri();
                Path key = t.sshKey() != null ? t.sshKey() : password == null ? defaultIdentity() : null;
                SshTarget target = new SshTarget(uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), uri.getUserInfo(), password, key,
                        t.knownHosts() != null ? t.knownHosts() : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"),
                        false, t.timeout());
                SshConnector connector = new SshConnector(t.trustHostKey());
                yield new SshTransport(target.endpoint() + endpoint.socket(), endpoint.socket().toString(), () -> connector.open(target));
            }
        };
        return new KeaClient(transport, json, t.timeout());
    }

    private static HttpTransport http(KeaTarget t, URI uri, char[] password) {
        if (t.caFile() != null && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new BadInput("CA file", "a CA file applies to https:// only");
        }
        if (t.user() != null && password == null) {
            throw new BadInput("password", "the user " + t.user() + " needs a password");
        }
        if (t.user() != null && "http".equalsIgnoreCase(uri.getScheme()) && !ConnectionOptions.isLoopback(uri.getHost())) {
            throw new BadInput("Kea", "basic auth over plain http:// would send the password to " + uri.getHost()
                    + " unencrypted; use https:// (with a CA file for a private CA)");
        }
        return new HttpTransport(uri, t.user(), t.user() == null ? null : password, t.caFile(), t.timeout());
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
