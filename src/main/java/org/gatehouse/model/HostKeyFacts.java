package org.gatehouse.model;

import java.util.Optional;

/**
 * Why an SSH host key was not trusted, as a person must see it before deciding: the host, the
 * SHA256 fingerprint it presented, and the one recorded for it (null when the key is new).
 */
public record HostKeyFacts(String host, String presented, String recorded) {

    /** An error that knows the host key it refused. */
    public interface Carrier {
        /** Null when the error is not about the host key. */
        HostKeyFacts hostKey();
    }

    /** A key that differs from the recorded one: never accepted, whatever the user says. */
    public boolean changed() {
        return recorded != null;
    }

    /** Only the "SHA256:…" part of the presented key ("ssh-ed25519 SHA256:…" → "SHA256:…"). */
    public String presentedFingerprint() {
        return presented == null ? null : presented.substring(presented.lastIndexOf(' ') + 1);
    }

    /** The host-key facts carried by {@code error} or one of its causes. */
    public static Optional<HostKeyFacts> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof Carrier c && c.hostKey() != null) {
                return Optional.of(c.hostKey());
            }
        }
        return Optional.empty();
    }
}
