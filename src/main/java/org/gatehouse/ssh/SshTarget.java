package org.gatehouse.ssh;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how to log in. Secrets are char arrays read from files, never from argv.
 *
 * @param password     may be null when {@code identity} is given
 * @param identity     a private key file, or null
 * @param knownHosts   the OpenSSH known_hosts file checked (and, with {@code acceptNewHostKey}, extended)
 */
public record SshTarget(String host, int port, String user, char[] password, Path identity,
                        Path knownHosts, boolean acceptNewHostKey, Duration timeout) {

    public String endpoint() {
        return "ssh://" + user + "@" + host + (port == 22 ? "" : ":" + port);
    }
}
