package org.gatehouse.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.gatehouse.cli.ConnectionOptions;
import org.gatehouse.kea.HttpTransport;
import org.gatehouse.kea.KeaClient;
import org.gatehouse.kea.KeaEndpoint;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.kea.KeaTransport;
import org.gatehouse.kea.SshTransport;
import org.gatehouse.kea.UnixSocketTransport;
import org.gatehouse.policy.SecretSlot;
import org.gatehouse.ssh.SshConnector;
import org.gatehouse.ssh.SshTarget;
import org.gatehouse.model.BadInput;

/** Builds Kea transports from the connection options (wiring: the commands never see a transport). */
public final class KeaTransports {
    private KeaTransports() {
    }

    /**
     * The HTTP(S) transport to {@code uri} with its credentials, after the checks that keep the
     * password secret: a user needs a password file, and basic auth over plain http:// goes only
     * to this machine unless --allow-insecure-http says otherwise.
     */
    public static HttpTransport http(ConnectionOptions o, URI uri, Duration timeout) {
        return http(o, new ConnectionOptions.KeaServer("server1", uri.toString(), o.keaUser(), o.keaCaFile(), o.keaSshKey(), o.allowInsecureHttp()),
                uri, timeout);
    }

    /** The same for one of several servers, with its own user, CA file and insecure-http choice. */
    public static HttpTransport http(ConnectionOptions o, ConnectionOptions.KeaServer server, URI uri, Duration timeout) {
        Path caFile = server.caFile();
        if (caFile != null && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new BadInput("--kea-ca-file", "a CA file applies to https:// only; use --kea https://" + uri.getRawAuthority() + "/");
        }
        String user = server.user();
        char[] password = null;
        if (user != null) {
            if (!o.hasSecret(org.gatehouse.policy.SecretSlot.KEA_PASSWORD)) {
                throw new BadInput("--kea-user", "needs a password: give --kea-password-file FILE (or GATEHOUSE_KEA_PASSWORD_FILE)");
            }
            if ("http".equalsIgnoreCase(uri.getScheme()) && !ConnectionOptions.isLoopback(uri.getHost()) && !server.allowInsecureHttp()) {
                throw new BadInput("--kea", "basic auth over plain http:// would send the password to " + uri.getHost()
                        + " unencrypted; use https:// (with --kea-ca-file for a private CA), or --allow-insecure-http on a network you trust");
            }
            password = o.secret(org.gatehouse.policy.SecretSlot.KEA_PASSWORD);
        }
        return new HttpTransport(uri, user, password, caFile, timeout);
    }

    /** A client to one server of the options (its own URI, user, CA file and SSH key; the options' password, timeout and known hosts). */
    public static KeaClient client(KeaJson json, ConnectionOptions o, ConnectionOptions.KeaServer server) {
        KeaEndpoint endpoint = KeaEndpoint.parse(server.uri());
        Duration timeout = Duration.ofSeconds(Math.max(1, o.timeoutSeconds()));
        KeaTransport transport = switch (endpoint.kind()) {
            case UNIX -> new UnixSocketTransport(endpoint.socket());
            case HTTP -> http(o, server, endpoint.uri(), timeout);
            case SSH -> {
                URI uri = endpoint.uri();
                SshTarget target = new SshTarget(uri.getHost(), uri.getPort() < 0 ? 22 : uri.getPort(), uri.getUserInfo(),
                        o.secret(SecretSlot.KEA_PASSWORD), server.sshKey() != null ? server.sshKey() : SwitchParts.defaultIdentity(), o.knownHosts(),
                        o.acceptNewHostKey(), timeout);
                SshConnector connector = new SshConnector();
                yield new SshTransport(target.endpoint() + endpoint.socket(), endpoint.socket().toString(), () -> connector.open(target));
            }
        };
        return new KeaClient(transport, json, timeout);
    }
}
