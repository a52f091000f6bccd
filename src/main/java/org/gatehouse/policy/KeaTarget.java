package org.gatehouse.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.gatehouse.model.BadInput;

/**
 * How to reach one Kea, as the connect page and a profile describe it. The password is held as
 * characters (wiped by {@link #wipe}), never put in the URI, and left out of {@link #toString}.
 *
 * @param kea            {@code unix:/path}, {@code http(s)://host:port/} or {@code ssh://user@host[:port]/socket}
 * @param user           HTTP basic-auth user (null: none); SSH takes its user from the URI
 * @param password       HTTP or SSH password, or null
 * @param caFile         private CA for https://, or null
 * @param sshKey         private key for SSH, or null
 * @param knownHosts     the known_hosts file SSH checks and records keys in
 * @param trustHostKey   "SHA256:…" of a new SSH host key the person accepted (recorded if the server presents exactly it), or null
 */
public record KeaTarget(String kea, String user, char[] password, Path caFile, Path sshKey, Path knownHosts,
                        String trustHostKey, Duration timeout) {

    public KeaTarget {
        if (kea == null || kea.isBlank()) {
            throw new BadInput("Kea", "choose how to reach Kea (a socket path, an http(s):// address or an ssh:// address)");
        }
        if (user != null && user.isBlank()) {
            user = null;
        }
        if (timeout == null) {
            timeout = Duration.ofSeconds(10);
        }
    }

    public static KeaTarget unix(String socket) {
        return new KeaTarget("unix:" + socket, null, null, null, null, null, null, null);
    }

    /** The same target, also trusting the new host key with {@code fingerprint} (the one just shown). */
    public KeaTarget trusting(String fingerprint) {
        return new KeaTarget(kea, user, password, caFile, sshKey, knownHosts, fingerprint, timeout);
    }

    public void wipe() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return kea + (user == null ? "" : " as " + user) + (password == null ? "" : " (password given)");
    }
}
