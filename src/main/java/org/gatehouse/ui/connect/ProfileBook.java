package org.gatehouse.ui.connect;

import java.util.List;
import java.util.Optional;
import org.gatehouse.policy.KeaTarget;

/**
 * The saved connection profiles, as the connect page and Settings use them (implemented in
 * {@code app} over the policy's profile store). Every method may do I/O: call it through a
 * background task, never on the FX thread.
 */
public interface ProfileBook {

    List<SiteProfile> list();

    Optional<String> defaultName();

    Optional<SiteProfile> find(String name);

    /**
     * Creates or replaces {@code profile}; {@code keaPassword} (null: keep the stored one, empty:
     * remove it) goes to the credential store, never into the profile file.
     */
    void save(SiteProfile profile, char[] keaPassword);

    /**
     * The profile's switch: {@code switchUri} ({@code ssh://user@host[:port]}, null: none) with the host key
     * fingerprint a person accepted, the MAC ACL, and SNMP v2c at {@code snmpUri} (null: none). Secrets as in
     * {@link #save}: null keeps the stored one.
     */
    void saveSwitch(String name, String switchUri, String fingerprint, String acl, char[] switchPassword, String snmpUri, char[] community);

    /** Removes the profile and its secrets. */
    void remove(String name);

    void makeDefault(String name);

    /** How to reach the profile's Kea, its secret included (wiped by the caller after use). */
    KeaTarget target(String name);
}
