package org.gatehouse.policy;

import java.util.List;
import java.util.function.Function;

/**
 * Connects to each part a profile configures and says what answered; implemented where the
 * transports are wired ({@code app}). Secrets are asked of {@code secrets} only for the parts
 * that need them and cleared after use.
 */
@FunctionalInterface
public interface ProfileProbe {
    List<ProfileCheck.Part> probe(Profile profile, Function<SecretSlot, char[]> secrets);
}
