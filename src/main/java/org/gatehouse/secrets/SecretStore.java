package org.gatehouse.secrets;

/**
 * Where secrets are kept, by profile and slot (e.g. "home", "switch-password"). Implementations:
 * the desktop keyring ({@link SecretServiceStore}) and Gatehouse's own encrypted file
 * ({@link EncryptedFileStore}). Secrets travel as char arrays that the caller clears.
 */
public interface SecretStore extends AutoCloseable {

    /** What the user knows it as, for messages ("the desktop keyring (Secret Service)"). */
    String description();

    /** False when the store cannot be reached at all (no session bus, no keyring running). */
    boolean available();

    /** True until the passphrase of this session has been given (the encrypted store only). */
    boolean needsPassphrase();

    /** Gives the passphrase for this session; {@link CredentialsUnavailable} if it is wrong. */
    void unlock(char[] passphrase);

    void put(String profile, String slot, char[] secret);

    /** @return a copy of the secret, or null when there is none */
    char[] get(String profile, String slot);

    void delete(String profile, String slot);

    /** Removes every secret of {@code profile}. */
    void deleteAll(String profile);

    /** Lets go of connections (the session bus); the store can no longer be used. */
    @Override
    default void close() {
    }
}
