package org.gatehouse.secrets;

/** Asks the user for the encrypted store's passphrase, once per session (terminal, file, fd or a dialog). */
@FunctionalInterface
public interface PassphrasePrompt {
    /** No way to ask: the store stays locked and says how to give the passphrase. */
    PassphrasePrompt NONE = creating -> null;

    /**
     * @param creating true when the store does not exist yet (the passphrase chosen now protects it)
     * @return the passphrase, or null when none can be had
     */
    char[] ask(boolean creating);
}
