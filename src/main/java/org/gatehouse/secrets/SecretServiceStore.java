package org.gatehouse.secrets;

import de.swiesend.secretservice.Collection;
import de.swiesend.secretservice.Item;
import de.swiesend.secretservice.Pair;
import de.swiesend.secretservice.Secret;
import de.swiesend.secretservice.Service;
import de.swiesend.secretservice.TransportEncryption;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.ObjectPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.interfaces.DBus;

/**
 * Secrets in the desktop keyring (GNOME Keyring, KWallet) through the freedesktop Secret Service
 * on the session bus, using de.swiesend:secret-service over dbus-java. Each secret is an item of
 * the default collection with the attributes {@code application=gatehouse, profile, slot}; the
 * transport to the keyring is encrypted (dh-ietf1024-sha256-aes128-cbc-pkcs7). A locked keyring
 * is never answered with a prompt from the command line: it is reported, and the user unlocks
 * it (logging in to the desktop does) and tries again.
 */
public final class SecretServiceStore implements SecretStore, AutoCloseable {
    private static final String SECRETS = "org.freedesktop.secrets";
    private static final String NO_PROMPT = "/";

    private final String busAddress;
    private DBusConnection connection;
    private Service service;
    private TransportEncryption transport;
    private Boolean available;

    /** @param busAddress the session bus ({@code $DBUS_SESSION_BUS_ADDRESS}); null or blank: no keyring */
    public SecretServiceStore(String busAddress) {
        this.busAddress = busAddress;
    }

    @Override
    public String description() {
        return "the desktop keyring (Secret Service)";
    }

    @Override
    public synchronized boolean available() {
        if (available == null) {
            available = probe();
        }
        return available;
    }

    private boolean probe() {
        if (busAddress == null || busAddress.isBlank()) {
            return false;
        }
        try {
            connection = DBusConnectionBuilder.forAddress(busAddress).withShared(false).build();
            DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
            if (!bus.NameHasOwner(SECRETS) && !List.of(bus.ListActivatableNames()).contains(SECRETS)) {
                close();
                return false;
            }
            return true;
        } catch (Exception | LinkageError e) {
            close();
            return false;
        }
    }

    @Override
    public boolean needsPassphrase() {
        return false;
    }

    @Override
    public void unlock(char[] passphrase) {
        // the keyring is unlocked by the desktop session, not by Gatehouse
    }

    @Override
    public synchronized void put(String profile, String slot, char[] secret) {
        Service s = session();
        Collection collection = defaultCollection(s);
        try (Secret encrypted = transport.encrypt(CharBuffer.wrap(secret))) {
            Map<String, String> attributes = attributes(profile, slot);
            var properties = Item.createProperties("Gatehouse: " + profile + " " + slot, attributes);
            Pair<ObjectPath, ObjectPath> created = collection.createItem(properties, encrypted, true);
            if (created == null || created.a == null || "/".equals(created.a.getPath())) {
                throw new CredentialsUnavailable("the desktop keyring did not store the " + slot + " of profile " + profile
                        + (created != null && created.b != null && !NO_PROMPT.equals(created.b.getPath())
                        ? ": it is locked; unlock it (log in to the desktop session) and try again" : ""));
            }
        } catch (CredentialsUnavailable e) {
            throw e;
        } catch (Exception e) {
            throw new CredentialsUnavailable("the desktop keyring refused to store the " + slot + " of profile " + profile
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public synchronized char[] get(String profile, String slot) {
        Service s = session();
        List<ObjectPath> items = unlockedItems(s, attributes(profile, slot), profile);
        if (items.isEmpty()) {
            return null;
        }
        try (Secret secret = new Item(items.get(0), s).getSecret(s.getSession().getPath())) {
            if (secret == null) {
                throw new CredentialsUnavailable("the desktop keyring did not give the " + slot + " of profile " + profile);
            }
            return transport.decrypt(secret);
        } catch (CredentialsUnavailable e) {
            throw e;
        } catch (Exception e) {
            throw new CredentialsUnavailable("cannot read the " + slot + " of profile " + profile + " from the desktop keyring ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public synchronized void delete(String profile, String slot) {
        deleteMatching(attributes(profile, slot), profile);
    }

    @Override
    public synchronized void deleteAll(String profile) {
        deleteMatching(Map.of("application", "gatehouse", "profile", profile), profile);
    }

    private void deleteMatching(Map<String, String> attributes, String profile) {
        Service s = session();
        for (ObjectPath item : unlockedItems(s, attributes, profile)) {
            ObjectPath prompt = new Item(item, s).delete();
            if (prompt != null && !NO_PROMPT.equals(prompt.getPath())) {
                throw new CredentialsUnavailable("the desktop keyring asks for confirmation before deleting a secret of profile "
                        + profile + "; unlock it and try again");
            }
        }
    }

    private List<ObjectPath> unlockedItems(Service s, Map<String, String> attributes, String profile) {
        Pair<List<ObjectPath>, List<ObjectPath>> found = s.searchItems(attributes);
        if (found == null) {
            throw new CredentialsUnavailable("the desktop keyring did not answer a search for profile " + profile);
        }
        List<ObjectPath> out = new ArrayList<>(found.a == null ? List.of() : found.a);
        if (found.b != null && !found.b.isEmpty()) {
            Pair<List<ObjectPath>, ObjectPath> unlocked = s.unlock(found.b);
            if (unlocked == null || unlocked.a == null || unlocked.a.size() < found.b.size()) {
                throw new CredentialsUnavailable("the desktop keyring is locked, so the secrets of profile " + profile
                        + " cannot be read; unlock it (log in to the desktop session, or open Passwords and Keys) and try again."
                        + " Profiles whose secrets are elsewhere are not affected");
            }
            out.addAll(unlocked.a);
        }
        return out;
    }

    private Collection defaultCollection(Service s) {
        ObjectPath alias = s.readAlias("default");
        String path = alias == null || NO_PROMPT.equals(alias.getPath()) ? "/org/freedesktop/secrets/collection/login" : alias.getPath();
        Collection c = new Collection(new ObjectPath("", path), s);
        if (c.isLocked()) {
            Pair<List<ObjectPath>, ObjectPath> unlocked = s.unlock(List.of(new ObjectPath("", path)));
            if (unlocked == null || unlocked.a == null || unlocked.a.isEmpty()) {
                throw new CredentialsUnavailable("the desktop keyring is locked; unlock it (log in to the desktop session) and try again."
                        + " Profiles whose secrets are elsewhere are not affected");
            }
        }
        return c;
    }

    /** Opens the encrypted session on first use. */
    private Service session() {
        if (!available()) {
            throw new CredentialsUnavailable("no desktop keyring answers on the session bus (Secret Service)");
        }
        if (service == null) {
            try {
                Service s = new Service(connection);
                TransportEncryption t = new TransportEncryption(s);
                t.initialize();
                if (!t.openSession()) {
                    throw new CredentialsUnavailable("the desktop keyring refused an encrypted session");
                }
                t.generateSessionKey();
                service = t.getService();
                transport = t;
            } catch (CredentialsUnavailable e) {
                throw e;
            } catch (Exception e) {
                throw new CredentialsUnavailable("cannot open a session with the desktop keyring (" + e.getClass().getSimpleName() + ")");
            }
        }
        return service;
    }

    private static Map<String, String> attributes(String profile, String slot) {
        return Map.of("application", "gatehouse", "profile", profile, "slot", slot);
    }

    @Override
    public synchronized void close() {
        if (transport != null) {
            transport.close();
            transport = null;
        }
        service = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (Exception ignored) {
                // closing a dead bus connection
            }
            connection = null;
        }
    }
}
