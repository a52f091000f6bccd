package org.gatehouse.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.gatehouse.model.PrivateFiles;

/**
 * The known_hosts check of one connection, around JSch's own repository. It remembers the key the
 * server presented (so that errors can show its fingerprint) and implements OpenSSH's
 * {@code accept-new}: an unknown key is recorded only when the user allowed it, a changed key is
 * never accepted. JSch itself always runs with {@code StrictHostKeyChecking=yes}.
 */
final class HostKeyCheck implements HostKeyRepository {
    private final HostKeyRepository known;
    private final Path knownHostsFile;
    private final boolean acceptNew;
    private final String trustedFingerprint;
    private final String pinnedFingerprint;
    private String presentedHost;
    private byte[] presentedKey;

    HostKeyCheck(HostKeyRepository known, Path knownHostsFile, boolean acceptNew) {
        this(known, knownHostsFile, acceptNew, null);
    }

    /** @param trustedFingerprint a new key with exactly this "SHA256:…" fingerprint is accepted (the one a person saw), or null */
    HostKeyCheck(HostKeyRepository known, Path knownHostsFile, boolean acceptNew, String trustedFingerprint) {
        this(known, knownHostsFile, acceptNew, trustedFingerprint, null);
    }

    /**
     * @param pinnedFingerprint when not null, exactly the key with this "SHA256:…" fingerprint is
     *                          accepted and known_hosts is neither read nor written (a profile's recorded key)
     */
    HostKeyCheck(HostKeyRepository known, Path knownHostsFile, boolean acceptNew, String trustedFingerprint, String pinnedFingerprint) {
        this.known = known;
        this.knownHostsFile = knownHostsFile;
        this.acceptNew = acceptNew;
        this.trustedFingerprint = trustedFingerprint;
        this.pinnedFingerprint = pinnedFingerprint == null ? null : normalised(pinnedFingerprint);
    }

    /** OpenSSH prints fingerprints unpadded; a pasted one may carry base64 padding or spaces. */
    static String normalised(String fingerprint) {
        String f = fingerprint.strip();
        while (f.endsWith("=")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }

    /** The pinned fingerprint the presented key did not match, or null (no pin, no key yet, or it matched). */
    String pinMismatch() {
        return pinnedFingerprint != null && presentedKey != null && !fingerprint(presentedKey).equals(pinnedFingerprint)
                ? pinnedFingerprint : null;
    }

    @Override
    public int check(String host, byte[] key) {
        presentedHost = host;
        presentedKey = key.clone();
        if (pinnedFingerprint != null) {
            return fingerprint(key).equals(pinnedFingerprint) ? OK : NOT_INCLUDED; // refused by JSch, explained by pinMismatch()
        }
        int result = known.check(host, key);
        if (result == NOT_INCLUDED && (acceptNew || fingerprint(key).equals(trustedFingerprint))) {
            try {
                add(new HostKey(host, key), null);
            } catch (JSchException e) {
                return NOT_INCLUDED; // a key type JSch cannot store: stays unknown, reported as such
            }
            return OK;
        }
        return result;
    }

    /** Records a key, then keeps the file Gatehouse just wrote private (JSch rewrites it whole). */
    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        known.add(hostkey, ui);
        if (knownHostsFile == null) {
            return;
        }
        try {
            PrivateFiles.restrict(knownHostsFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "ssh-ed25519 SHA256:…" of the key the server presented, or null before the key exchange. */
    String presented() {
        return presentedKey == null ? null : describe(presentedKey);
    }

    /** The recorded keys for the host that presented a key, as "type SHA256:…", comma separated. */
    String recorded() {
        if (pinnedFingerprint != null) {
            return pinnedFingerprint;
        }
        if (presentedHost == null) {
            return null;
        }
        String type = typeOf(presentedKey);
        HostKey[] keys = known.getHostKey(presentedHost, type);
        if (keys == null || keys.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (HostKey k : keys) {
            sb.append(sb.length() == 0 ? "" : ", ").append(describe(Base64.getDecoder().decode(k.getKey())));
        }
        return sb.toString();
    }

    String presentedHost() {
        return presentedHost;
    }

    /** OpenSSH's fingerprint form: {@code SHA256:} and the unpadded base64 of the SHA-256 of the key blob. */
    static String fingerprint(byte[] keyBlob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String describe(byte[] keyBlob) {
        String type = typeOf(keyBlob);
        return (type == null ? "" : type + " ") + fingerprint(keyBlob);
    }

    /** The algorithm name at the start of an SSH key blob (uint32 length, then the name). */
    private static String typeOf(byte[] blob) {
        if (blob == null || blob.length < 4) {
            return null;
        }
        int len = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (len <= 0 || len > 64 || 4 + len > blob.length) {
            return null;
        }
        return new String(blob, 4, len, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void remove(String host, String type) {
        known.remove(host, type);
    }

    @Override
    public void remove(String host, String type, byte[] key) {
        known.remove(host, type, key);
    }

    @Override
    public String getKnownHostsRepositoryID() {
        return known.getKnownHostsRepositoryID();
    }

    @Override
    public HostKey[] getHostKey() {
        return known.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return known.getHostKey(host, type);
    }
}
