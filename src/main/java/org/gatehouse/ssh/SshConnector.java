package org.gatehouse.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.gatehouse.model.HostKeyFacts;
import org.gatehouse.model.PrivateFiles;

/**
 * Opens host-key-checked SSH sessions. An unknown key is refused unless the caller explicitly
 * accepts new keys (then it is recorded, like OpenSSH's {@code accept-new}); a changed key is
 * always refused. Both errors show the key's SHA256 fingerprint as OpenSSH prints it. A
 * known_hosts file (and {@code ~/.ssh}) that Gatehouse creates is 0600 (0700).
 */
public final class SshConnector {
    private final String trustedFingerprint;
    private final String pinnedFingerprint;

    public SshConnector() {
        this(null);
    }

    /**
     * A connector that also trusts, and records, a new host key whose fingerprint is
     * {@code trustedFingerprint} ("SHA256:…"): the key a person was shown and accepted. Any other
     * new key is still refused, so a key swapped between showing and accepting is not recorded.
     */
    public SshConnector(String trustedFingerprint) {
        this(trustedFingerprint, null);
    }

    private SshConnector(String trustedFingerprint, String pinnedFingerprint) {
        this.trustedFingerprint = trustedFingerprint;
        this.pinnedFingerprint = pinnedFingerprint;
    }

    /**
     * A connector that accepts exactly the host key with {@code fingerprint} ("SHA256:…", the one a
     * profile recorded) and refuses any other, showing both, before anything is sent; known_hosts
     * is neither consulted nor written.
     */
    public static SshConnector pinnedTo(String fingerprint) {
        if (fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("no fingerprint to pin");
        }
        return new SshConnector(null, fingerprint);
    }

    public Session open(SshTarget t) {
        JSch jsch = new JSch();
        HostKeyCheck hostKeys = null;
        try {
            if (t.knownHosts() != null && pinnedFingerprint == null) {
                PrivateFiles.createFile(t.knownHosts());
                jsch.setKnownHosts(t.knownHosts().toString());
            }
            if (t.identity() != null) {
                jsch.addIdentity(t.identity().toString());
            }
            Session session = jsch.getSession(t.user(), t.host(), t.port());
            if (t.password() != null) {
                session.setPassword(new String(t.password()));
            }
            hostKeys = new HostKeyCheck(jsch.getHostKeyRepository(), t.knownHosts(), t.acceptNewHostKey() && pinnedFingerprint == null,
                    trustedFingerprint, pinnedFingerprint);
            session.setHostKeyRepository(hostKeys);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey,keyboard-interactive,password");
            session.setServerAliveInterval((int) Math.min(Integer.MAX_VALUE, Math.max(1000, t.timeout().toMillis())));
            session.connect((int) t.timeout().toMillis());
            return session;
        } catch (JSchException e) {
            throw translate(t, e, hostKeys);
        } catch (IOException e) {
            throw new SshFailure(t.endpoint(), "cannot use known-hosts file " + t.knownHosts() + ": " + e.getMessage(), 2, e);
        }
    }

    private static SshFailure translate(SshTarget t, JSchException e, HostKeyCheck hostKeys) {
        String msg = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return new SshFailure(t.endpoint(), "cannot connect: " + cause.getMessage(), 3, e);
        }
        if (cause instanceof SocketTimeoutException || msg.contains("timeout")) {
            return new SshFailure(t.endpoint(), "timed out connecting", 3, e);
        }
        if (hostKeys != null && hostKeys.pinMismatch() != null) {
            return new SshFailure(t.endpoint(), "the host key is not the one the profile records: recorded " + hostKeys.pinMismatch()
                    + ", presented " + orUnknown(hostKeys.presented()) + "; refusing to connect (if the change is expected, record the new"
                    + " fingerprint with gatehouse profile edit NAME --switch-fingerprint SHA256:…)", 1, e, facts(hostKeys));
        }
        if (e instanceof JSchChangedHostKeyException || msg.startsWith("HostKey has been changed")) {
            return new SshFailure(t.endpoint(), "the host key has CHANGED since it was recorded in " + t.knownHosts()
                    + ": recorded " + orUnknown(hostKeys == null ? null : hostKeys.recorded())
                    + ", presented " + orUnknown(hostKeys == null ? null : hostKeys.presented())
                    + "; refusing to connect (if the change is expected, remove the old key with ssh-keygen -R)", 1, e, facts(hostKeys));
        }
        if (e instanceof JSchUnknownHostKeyException || msg.startsWith("UnknownHostKey") || msg.contains("reject HostKey")) {
            return new SshFailure(t.endpoint(), "unknown host key " + orUnknown(hostKeys == null ? null : hostKeys.presented())
                    + "; compare it with the server's fingerprint (ssh-keygen -lf on its host key) and use --accept-new-host-key to trust it", 1, e,
                    facts(hostKeys));
        }
        if (msg.contains("Auth fail") || msg.contains("Auth cancel")) {
            return new SshFailure(t.endpoint(), "login failed for user '" + t.user() + "' (wrong password or key)", 1, e);
        }
        return new SshFailure(t.endpoint(), "SSH failed: " + msg, 3, e);
    }

    private static HostKeyFacts facts(HostKeyCheck hostKeys) {
        return hostKeys == null || hostKeys.presented() == null ? null
                : new HostKeyFacts(hostKeys.presentedHost(), hostKeys.presented(), hostKeys.recorded());
    }

    private static String orUnknown(String s) {
        return s == null ? "(fingerprint not available)" : s;
    }
}
