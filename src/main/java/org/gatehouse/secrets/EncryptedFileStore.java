package org.gatehouse.secrets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.gatehouse.model.AtomicFile;

/**
 * Gatehouse's own credential store for machines without a desktop keyring: one 0600 JSON file
 * whose entries are AES-256-GCM ciphertexts (JDK) under a key derived from the user's passphrase
 * with Argon2id (BouncyCastle; 46 MiB, 1 pass, OWASP's minimum). The passphrase is asked once per
 * session and only the derived key is kept in memory. Each entry is bound to its profile and
 * slot (GCM additional data), so that ciphertexts cannot be swapped between entries; a check
 * value tells a wrong passphrase from a damaged entry.
 */
public final class EncryptedFileStore implements SecretStore {
    static final String FORMAT = "gatehouse-secrets-1";
    static final int MEMORY_KIB = 47104;
    static final int ITERATIONS = 1;
    private static final byte[] CHECK = "gatehouse passphrase check".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;

    private final Path file;
    private final PassphrasePrompt prompt;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private SecretKeySpec key;
    /** The salt and cost the key was derived with, written into a new file. */
    private ObjectNode kdfParams;

    public EncryptedFileStore(Path file, PassphrasePrompt prompt) {
        this.file = file;
        this.prompt = prompt;
    }

    @Override
    public String description() {
        return "Gatehouse's encrypted store (" + file + ")";
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public synchronized boolean needsPassphrase() {
        return key == null;
    }

    @Override
    public synchronized void unlock(char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new CredentialsUnavailable("the passphrase of " + description() + " is empty");
        }
        ObjectNode doc = read();
        if (doc == null) {
            key = derive(passphrase, newKdf());
            return;
        }
        SecretKeySpec candidate = derive(passphrase, (ObjectNode) doc.get("kdf"));
        try {
            decrypt(candidate, doc.path("check").asText(), "check");
        } catch (AEADBadTagException wrong) {
            throw new CredentialsUnavailable("wrong passphrase for " + description()
                    + "; secrets stored there stay locked (profiles whose secrets live elsewhere still work)");
        }
        key = candidate;
    }

    @Override
    public synchronized void put(String profile, String slot, char[] secret) {
        AtomicFile.locked(file, () -> {
            ObjectNode doc = read();
            if (doc == null) {
                doc = fresh();
            } else if (key == null || !opens(doc)) {
                // locked, or unlocked before another process created the file with its own salt
                key = null;
                ask(false);
            }
            ObjectNode entries = doc.with("entries");
            ObjectNode forProfile = entries.has(profile) ? (ObjectNode) entries.get(profile) : entries.putObject(profile);
            byte[] plain = utf8(secret);
            try {
                forProfile.put(slot, encrypt(key, plain, profile + "\n" + slot));
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
            save(doc);
            return null;
        });
    }

    @Override
    public synchronized char[] get(String profile, String slot) {
        ObjectNode doc = read();
        if (doc == null || !doc.path("entries").path(profile).has(slot)) {
            return null;
        }
        if (key == null) {
            ask(false);
        }
        try {
            byte[] plain = decrypt(key, doc.path("entries").path(profile).path(slot).asText(), profile + "\n" + slot);
            try {
                CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
                char[] out = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
                Arrays.fill(chars.array(), '\0');
                return out;
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw new CredentialsUnavailable("the " + slot + " of profile " + profile + " in " + description()
                    + " does not decrypt: the entry was altered or copied from elsewhere; store it again with gatehouse profile edit");
        }
    }

    @Override
    public synchronized void delete(String profile, String slot) {
        AtomicFile.locked(file, () -> {
            ObjectNode doc = read();
            if (doc != null && doc.path("entries").path(profile).has(slot)) {
                ((ObjectNode) doc.get("entries").get(profile)).remove(slot);
                save(doc);
            }
            return null;
        });
    }

    @Override
    public synchronized void deleteAll(String profile) {
        AtomicFile.locked(file, () -> {
            ObjectNode doc = read();
            if (doc != null && doc.path("entries").has(profile)) {
                ((ObjectNode) doc.get("entries")).remove(profile);
                save(doc);
            }
            return null;
        });
    }

    private boolean opens(ObjectNode doc) {
        try {
            decrypt(key, doc.path("check").asText(), "check");
            return true;
        } catch (AEADBadTagException e) {
            return false;
        }
    }

    /** Creating the file or writing to it needs the key; asks the prompt once if it is not there yet. */
    private ObjectNode fresh() {
        if (key == null) {
            ask(true);
        }
        ObjectNode doc = json.createObjectNode();
        doc.put("format", FORMAT);
        doc.set("kdf", kdfParams);
        doc.put("check", encrypt(key, CHECK, "check"));
        doc.putObject("entries");
        return doc;
    }

    private void ask(boolean creating) {
        char[] passphrase = prompt.ask(creating && read() == null);
        if (passphrase == null) {
            throw new CredentialsUnavailable(description() + " is locked: give its passphrase on the terminal, in the file named by"
                    + " GATEHOUSE_PASSPHRASE_FILE or on the descriptor named by GATEHOUSE_PASSPHRASE_FD");
        }
        try {
            unlock(passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private ObjectNode newKdf() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        ObjectNode kdf = json.createObjectNode();
        kdf.put("algorithm", "argon2id");
        kdf.put("memoryKiB", MEMORY_KIB);
        kdf.put("iterations", ITERATIONS);
        kdf.put("parallelism", 1);
        kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        return kdf;
    }

    private SecretKeySpec derive(char[] passphrase, ObjectNode kdf) {
        if (kdf == null || !"argon2id".equals(kdf.path("algorithm").asText())) {
            throw new CredentialsUnavailable(file + " is not a Gatehouse credential store (no argon2id parameters)");
        }
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(Base64.getDecoder().decode(kdf.path("salt").asText()))
                .withMemoryAsKB(kdf.path("memoryKiB").asInt(MEMORY_KIB))
                .withIterations(kdf.path("iterations").asInt(ITERATIONS))
                .withParallelism(kdf.path("parallelism").asInt(1))
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] raw = new byte[32];
        generator.generateBytes(passphrase, raw);
        try {
            kdfParams = kdf;
            return new SecretKeySpec(raw, "AES");
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private String encrypt(SecretKeySpec k, byte[] plain, String boundTo) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, k, new GCMParameterSpec(128, nonce));
            c.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plain);
            byte[] out = new byte[nonce.length + ct.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(ct, 0, out, nonce.length, ct.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new CredentialsUnavailable("cannot encrypt with AES-GCM: " + e.getClass().getSimpleName(), e);
        }
    }

    private static byte[] decrypt(SecretKeySpec k, String text, String boundTo) throws AEADBadTagException {
        try {
            byte[] in = Base64.getDecoder().decode(text);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, in, 0, NONCE_BYTES));
            c.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AEADBadTagException("malformed entry");
        }
    }

    private ObjectNode read() {
        try {
            byte[] bytes = Files.readAllBytes(file);
            var node = json.readTree(bytes);
            if (!(node instanceof ObjectNode doc) || !FORMAT.equals(doc.path("format").asText())) {
                throw new CredentialsUnavailable(file + " is not a Gatehouse credential store (" + FORMAT + ")");
            }
            return doc;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new CredentialsUnavailable("cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private void save(ObjectNode doc) {
        try {
            AtomicFile.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new CredentialsUnavailable("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] utf8(char[] secret) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] out = Arrays.copyOfRange(b.array(), b.position(), b.limit());
        Arrays.fill(b.array(), (byte) 0);
        return out;
    }
}
