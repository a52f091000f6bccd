package org.gatehouse.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;

/**
 * Opens host-key-checked SSH sessions. An unknown key is refused unless the caller explicitly
 * accepts new keys (then it is recorded, like OpenSSH's {@code accept-new}); a changed key is
 * always refused.
 */
public final class SshConnector {

    public Session open(SshTarget t) {
        JSch jsch = new JSch();
        try {
            if (t.knownHosts() != null) {
                if (!Files.exists(t.knownHosts())) {
                    Files.createDirectories(t.knownHosts().toAbsolutePath().getParent());
                    Files.createFile(t.knownHosts());
                }
                jsch.setKnownHosts(t.knownHosts().toString());
            }
            if (t.identity() != null) {
                jsch.addIdentity(t.identity().toString());
            }
            Session session = jsch.getSession(t.user(), t.host(), t.port());
            if (t.password() != null) {
                session.setPassword(new String(t.password()));
            }
            boolean known = isKnown(jsch.getHostKeyRepository(), t);
            session.setConfig("StrictHostKeyChecking", !known && t.acceptNewHostKey() ? "no" : "yes");
            session.setConfig("PreferredAuthentications", "publickey,keyboard-interactive,password");
            session.setServerAliveInterval((int) Math.min(Integer.MAX_VALUE, Math.max(1000, t.timeout().toMillis())));
            session.connect((int) t.timeout().toMillis());
            return session;
        } catch (JSchException e) {
            throw translate(t, e);
        } catch (IOException e) {
            throw new SshFailure(t.endpoint(), "cannot use known-hosts file " + t.knownHosts() + ": " + e.getMessage(), 2, e);
        }
    }

    private static boolean isKnown(HostKeyRepository repo, SshTarget t) {
        String name = t.port() == 22 ? t.host() : "[" + t.host() + "]:" + t.port();
        HostKey[] keys = repo.getHostKey(name, null);
        return keys != null && keys.length > 0;
    }

    private static SshFailure translate(SshTarget t, JSchException e) {
        String msg = String.valueOf(e.getMessage());
        Throwable cause = e.getCause();
        if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return new SshFailure(t.endpoint(), "cannot connect: " + cause.getMessage(), 3, e);
        }
        if (cause instanceof SocketTimeoutException || msg.contains("timeout")) {
            return new SshFailure(t.endpoint(), "timed out connecting", 3, e);
        }
        if (msg.startsWith("UnknownHostKey") || msg.contains("reject HostKey")) {
            return new SshFailure(t.endpoint(), "unknown host key (" + msg.replaceFirst("^[^:]*:\\s*", "")
                    + "); verify the fingerprint and use --accept-new-host-key to trust it", 1, e);
        }
        if (msg.startsWith("HostKey has been changed")) {
            return new SshFailure(t.endpoint(), "the host key has CHANGED since it was recorded in "
                    + t.knownHosts() + "; refusing to connect", 1, e);
        }
        if (msg.contains("Auth fail") || msg.contains("Auth cancel")) {
            return new SshFailure(t.endpoint(), "login failed for user '" + t.user() + "' (wrong password or key)", 1, e);
        }
        return new SshFailure(t.endpoint(), "SSH failed: " + msg, 3, e);
    }
}
