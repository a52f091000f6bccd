package org.gatehouse.secrets;

import org.gatehouse.model.GatehouseException;

/**
 * A secret could not be read or stored: the keyring is locked or absent, the passphrase is
 * wrong or not given, a referenced file is missing. The message says which and what to do;
 * it never quotes a secret. Exit 1 (the operation failed; other profiles are unaffected).
 */
public final class CredentialsUnavailable extends GatehouseException {
    public CredentialsUnavailable(String why) {
        super(why);
    }

    public CredentialsUnavailable(String why, Throwable cause) {
        super(why, cause);
    }

    @Override
    public int exitCode() {
        return 1;
    }

    @Override
    public String what() {
        return "credentials";
    }
}
