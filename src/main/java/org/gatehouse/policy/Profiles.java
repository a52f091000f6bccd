package org.gatehouse.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.gatehouse.model.BadInput;
import org.gatehouse.secrets.CredentialsUnavailable;
import org.gatehouse.secrets.SecretFiles;
import org.gatehouse.secrets.SecretStore;
import org.gatehouse.store.ProfileFile;

/**
 * The connection profiles, shared by the console's Settings screen and {@code gatehouse profile}:
 * list, read, add, edit, duplicate, remove, the default, test. Profiles and secrets are kept
 * apart: the profile file (one TOML file, {@link ProfileFile}) holds where each secret lives,
 * the secret itself goes to the desktop keyring when one answers, else to Gatehouse's encrypted
 * store; services may name a 0600 file or a systemd credential instead.
 */
public final class Profiles implements AutoCloseable {
    private final ProfileFile file;
    private final ProfileCodec codec;
    private final SecretStore keyring;
    private final SecretStore encrypted;
    private final Function<String, String> env;
    private final ProfileProbe probe;

    /**
     * @param keyring   the desktop keyring (may say it is not {@link SecretStore#available() available})
     * @param encrypted Gatehouse's own store, used when the keyring is not available
     * @param env       the environment ({@code CREDENTIALS_DIRECTORY})
     */
    public Profiles(ProfileFile file, SecretStore keyring, SecretStore encrypted, Function<String, String> env, ProfileProbe probe) {
        this.file = file;
        this.codec = new ProfileCodec(file.path());
        this.keyring = keyring;
        this.encrypted = encrypted;
        this.env = env;
        this.probe = probe;
    }

    /** The profile file ({@code $XDG_CONFIG_HOME/gatehouse/profiles.toml}). */
    public Path file() {
        return file.path();
    }

    /** Every profile, in file order. A broken file throws (exit 2) naming file and line. */
    public List<Profile> list() {
        return codec.decodeAll(file.read());
    }

    public Optional<Profile> get(String name) {
        ObjectNode doc = file.read();
        var node = doc.path("profiles").get(name);
        return node == null || !node.isObject() ? Optional.empty() : Optional.of(codec.decode(name, node));
    }

    /** The profile, or a {@link BadInput} naming the profiles there are. */
    public Profile require(String name) {
        return get(name).orElseThrow(() -> new BadInput("profile", "no profile named '" + name + "' in " + file.path()
                + (list().isEmpty() ? " (there are none; create one with gatehouse profile add)"
                : "; there are: " + String.join(", ", list().stream().map(Profile::name).toList()))));
    }

    public Optional<String> defaultName() {
        return Optional.ofNullable(codec.defaultName(file.read()));
    }

    /** The profile used when neither --kea nor --profile is given. */
    public Optional<Profile> defaultProfile() {
        return defaultName().flatMap(this::get);
    }

    /** The store new secrets go to now. */
    public Credentials credentials() {
        SecretStore s = target();
        return new Credentials() {
            @Override
            public String storeName() {
                return s.description();
            }

            @Override
            public boolean needsPassphrase() {
                return s.needsPassphrase();
            }

            @Override
            public void unlock(char[] passphrase) {
                s.unlock(passphrase);
            }
        };
    }

    /** Creates a profile; refuses a name in use. {@code newSecrets} are stored (the caller clears them). */
    public Profile add(Profile p, Map<SecretSlot, char[]> newSecrets) {
        ProfileRules.check(withStoredRefs(p, newSecrets));
        if (get(p.name()).isPresent()) {
            throw new BadInput("profile", "a profile named '" + p.name() + "' exists; change it with gatehouse profile edit");
        }
        return write(p, newSecrets, true);
    }

    /** Changes an existing profile (the whole record); refuses a name not in use. */
    public Profile edit(Profile p, Map<SecretSlot, char[]> newSecrets) {
        ProfileRules.check(withStoredRefs(p, newSecrets));
        Profile before = require(p.name());
        Profile after = write(p, newSecrets, false);
        forgetDropped(before, after);
        return after;
    }

    /** Adds or changes, as the Settings screen's Save does. */
    public Profile save(Profile p, Map<SecretSlot, char[]> newSecrets) {
        return get(p.name()).isPresent() ? edit(p, newSecrets) : add(p, newSecrets);
    }

    /** A copy under {@code newName}, its stored secrets copied too. */
    public Profile duplicate(String from, String newName) {
        Profile source = require(from);
        java.util.EnumMap<SecretSlot, char[]> copies = new java.util.EnumMap<>(SecretSlot.class);
        try {
            for (SecretSlot slot : SecretSlot.values()) {
                SecretRef ref = source.secrets().get(slot);
                if (ref instanceof SecretRef.Keyring || ref instanceof SecretRef.Encrypted) {
                    copies.put(slot, secret(source, slot));
                }
            }
            return add(source.withName(newName), copies);
        } finally {
            copies.values().forEach(c -> Arrays.fill(c, '\0'));
        }
    }

    /** Deletes the profile and the secrets Gatehouse stored for it; the default is cleared if it was this one. */
    public void remove(String name) {
        remove(name, false);
    }

    /**
     * As {@link #remove(String)}; when the keyring holding its secrets cannot be reached or is
     * locked, nothing is removed unless {@code evenIfSecretsStay} (then the profile goes and its
     * keyring items stay, to be deleted with the keyring's own tools).
     *
     * @return true when every stored secret of the profile was deleted too
     */
    public boolean remove(String name, boolean evenIfSecretsStay) {
        Profile p = require(name);
        boolean allDeleted = true;
        if (p.secrets().values().stream().anyMatch(r -> r instanceof SecretRef.Keyring)) {
            try {
                keyring.deleteAll(name);
            } catch (CredentialsUnavailable e) {
                if (!evenIfSecretsStay) {
                    throw new CredentialsUnavailable("profile " + name + " was not removed: its secrets in " + keyring.description()
                            + " cannot be deleted (" + e.getMessage() + "); unlock the keyring and try again, or remove the"
                            + " profile anyway with --force and delete its items (application=gatehouse profile=" + name
                            + ") with the keyring's own tools");
                }
                allDeleted = false;
            }
        }
        encrypted.deleteAll(name);
        file.update(doc -> {
            if (doc.get("profiles") instanceof ObjectNode profiles) {
                profiles.remove(name);
            }
            if (name.equals(codec.defaultName(doc))) {
                doc.remove("default");
            }
            return doc;
        });
        return allDeleted;
    }

    /** Makes {@code name} the profile used when neither --kea nor --profile is given. */
    public void setDefault(String name) {
        require(name);
        file.update(doc -> {
            doc.put("default", name);
            return doc;
        });
    }

    /**
     * The secret of {@code slot}, from wherever the profile keeps it; null when it has none.
     * A locked keyring or a wrong passphrase throws {@link CredentialsUnavailable} for this profile only.
     */
    public char[] secret(Profile p, SecretSlot slot) {
        SecretRef ref = p.secrets().get(slot);
        String what = "profile " + p.name() + ", " + slot.label();
        if (ref == null) {
            return null;
        }
        if (ref instanceof SecretRef.InFile f) {
            return SecretFiles.read(f.file(), what);
        }
        if (ref instanceof SecretRef.Systemd s) {
            return SecretFiles.systemd(env.apply("CREDENTIALS_DIRECTORY"), s.name(), what);
        }
        SecretStore store = storeOf(ref);
        if (!store.available()) {
            throw new CredentialsUnavailable(what + " is kept in " + store.description() + ", which is not reachable"
                    + " (no D-Bus session or no keyring running); start the desktop session's keyring, or store the secret again"
                    + " with gatehouse profile edit " + p.name());
        }
        char[] value = store.get(p.name(), slot.key());
        if (value == null) {
            throw new CredentialsUnavailable(what + " is missing from " + store.description()
                    + "; store it again with gatehouse profile edit " + p.name());
        }
        return value;
    }

    /** Connects to each configured part of the profile (Kea, switch SSH, SNMP) and reports what answered. */
    public ProfileCheck test(String name) {
        Profile p = require(name);
        List<ProfileCheck.Part> parts = new ArrayList<>(probe.probe(p, slot -> secret(p, slot)));
        return new ProfileCheck(name, parts);
    }

    private Profile write(Profile p, Map<SecretSlot, char[]> newSecrets, boolean adding) {
        Profile stored = p;
        List<SecretSlot> written = new ArrayList<>();
        SecretStore target = newSecrets.isEmpty() ? null : target();
        try {
            for (Map.Entry<SecretSlot, char[]> e : newSecrets.entrySet()) {
                target.put(p.name(), e.getKey().key(), e.getValue());
                written.add(e.getKey());
                stored = stored.withSecret(e.getKey(), target == keyring ? new SecretRef.Keyring() : new SecretRef.Encrypted());
            }
            Profile finalStored = stored;
            file.update(doc -> {
                // checked again under the lock: another process may have added the same name meanwhile
                if (adding && doc.path("profiles").has(finalStored.name())) {
                    throw new BadInput("profile", "a profile named '" + finalStored.name() + "' exists; change it with gatehouse profile edit");
                }
                codec.encode(doc, finalStored);
                return doc;
            });
            return stored;
        } catch (RuntimeException e) {
            for (SecretSlot slot : written) {
                try {
                    target.delete(p.name(), slot.key());
                } catch (RuntimeException ignored) {
                    // the first error is the one the user needs
                }
            }
            throw e;
        }
    }

    /** Stored secrets the new version no longer points at are deleted, not left behind. */
    private void forgetDropped(Profile before, Profile after) {
        for (Map.Entry<SecretSlot, SecretRef> e : before.secrets().entrySet()) {
            SecretRef now = after.secrets().get(e.getKey());
            boolean stored = e.getValue() instanceof SecretRef.Keyring || e.getValue() instanceof SecretRef.Encrypted;
            if (stored && (now == null || !now.getClass().equals(e.getValue().getClass()))) {
                storeOf(e.getValue()).delete(before.name(), e.getKey().key());
            }
        }
    }

    /** {@code p} as it will be saved: each new secret referenced in the store it goes to. */
    private Profile withStoredRefs(Profile p, Map<SecretSlot, char[]> newSecrets) {
        Profile out = p;
        for (SecretSlot slot : newSecrets.keySet()) {
            out = out.withSecret(slot, new SecretRef.Encrypted());
        }
        return out;
    }

    /** Closes the keyring's bus connection. */
    @Override
    public void close() {
        keyring.close();
        encrypted.close();
    }

    private SecretStore target() {
        return keyring.available() ? keyring : encrypted;
    }

    private SecretStore storeOf(SecretRef ref) {
        return ref instanceof SecretRef.Keyring ? keyring : encrypted;
    }
}
