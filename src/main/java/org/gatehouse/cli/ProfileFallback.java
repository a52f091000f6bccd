package org.gatehouse.cli;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gatehouse.model.BadInput;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SecretSlot;

/**
 * The profile a command line falls back on, opened at most once (and only when a value is
 * missing): its Profiles hold the keyring's bus connection and the passphrase of this session.
 */
final class ProfileFallback {
    private final Supplier<Profiles> source;
    private Profiles profiles;
    private Optional<Profile> profile;
    private Function<SecretSlot, char[]> secrets;

    ProfileFallback(Supplier<Profiles> source) {
        this.source = source;
    }

    Profiles profiles() {
        if (source == null) {
            throw new BadInput("--profile", "connection profiles are not available here");
        }
        if (profiles == null) {
            profiles = source.get();
        }
        return profiles;
    }

    /** @param name the profile asked for, or null; {@code keaGiven}: --kea or GATEHOUSE_KEA (no default profile then) */
    Optional<Profile> resolve(String name, boolean keaGiven) {
        if (profile == null) {
            if (source == null) {
                profile = Optional.empty();
            } else if (name != null) {
                profile = Optional.of(profiles().require(name));
            } else if (keaGiven) {
                profile = Optional.empty();
            } else {
                profile = profiles().defaultProfile();
            }
        }
        return profile;
    }

    /** Exactly this profile, its secrets from {@code given} (profile test). */
    void fix(Profile p, Function<SecretSlot, char[]> given) {
        profile = Optional.ofNullable(p);
        secrets = given;
    }

    char[] secret(Profile p, SecretSlot slot) {
        return secrets != null ? secrets.apply(slot) : profiles().secret(p, slot);
    }

    void close() {
        if (profiles != null) {
            profiles.close();
            profiles = null;
        }
    }
}
