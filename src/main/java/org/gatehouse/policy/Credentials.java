package org.gatehouse.policy;

/**
 * The credential store new secrets go to, as the console and the CLI see it: the desktop keyring
 * when a Secret Service answers on the session bus, otherwise Gatehouse's own encrypted store.
 */
public interface Credentials {
    /** "the desktop keyring (Secret Service)" or "Gatehouse's encrypted store (/path)". */
    String storeName();

    /** True while the encrypted store waits for this session's passphrase. */
    boolean needsPassphrase();

    /**
     * Gives the passphrase of Gatehouse's encrypted store for this session (the caller clears the array).
     * A wrong one throws a {@link org.gatehouse.model.GatehouseException} whose message says so.
     */
    void unlock(char[] passphrase);
}
