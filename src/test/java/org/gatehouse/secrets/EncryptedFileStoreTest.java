package org.gatehouse.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gatehouse.testing.SecretScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gatehouse's own credential store without any bus: Argon2id + AES-GCM in one 0600 file. */
class EncryptedFileStoreTest {
    @TempDir
    Path dir;

    static PassphrasePrompt giving(String passphrase) {
        return creating -> passphrase.toCharArray();
    }

    @Test
    void twoSessionsUnlockedBeforeTheFileExistedStillWriteOneReadableStore() throws Exception {
        Path file = dir.resolve("credentials.json");
        EncryptedFileStore a = new EncryptedFileStore(file, giving("pass phrase ☂"));
        EncryptedFileStore b = new EncryptedFileStore(file, giving("pass phrase ☂"));
        a.unlock("pass phrase ☂".toCharArray());
        b.unlock("pass phrase ☂".toCharArray()); // each derived a key with its own new salt
        a.put("home", "kea-password", "first-secret-aaaa".toCharArray());
        b.put("office", "kea-password", "second-secret-bbbb".toCharArray());

        EncryptedFileStore reader = new EncryptedFileStore(file, giving("pass phrase ☂"));
        assertThat(new String(reader.get("home", "kea-password"))).isEqualTo("first-secret-aaaa");
        assertThat(new String(reader.get("office", "kea-password"))).isEqualTo("second-secret-bbbb");
        assertThat(SecretScan.find(List.of(dir), List.of("first-secret-aaaa", "second-secret-bbbb", "pass phrase ☂"))).isEmpty();
    }

    @Test
    void aCiphertextMovedToAnotherEntryDoesNotDecrypt() throws Exception {
        Path file = dir.resolve("credentials.json");
        EncryptedFileStore s = new EncryptedFileStore(file, giving("pp-12345678"));
        s.put("home", "kea-password", "home-secret-1111".toCharArray());
        s.put("office", "kea-password", "office-secret-2222".toCharArray());
        ObjectMapper json = new ObjectMapper();
        ObjectNode doc = (ObjectNode) json.readTree(file.toFile());
        ObjectNode entries = (ObjectNode) doc.get("entries");
        ((ObjectNode) entries.get("office")).set("kea-password", entries.get("home").get("kea-password"));
        Files.writeString(file, json.writeValueAsString(doc));

        EncryptedFileStore reader = new EncryptedFileStore(file, giving("pp-12345678"));
        assertThatThrownBy(() -> reader.get("office", "kea-password")).isInstanceOf(CredentialsUnavailable.class)
                .hasMessageContaining("does not decrypt");
        assertThat(new String(reader.get("home", "kea-password"))).isEqualTo("home-secret-1111");
    }

    @Test
    void noPassphraseToBeHadIsAClearMessage() {
        Path file = dir.resolve("credentials.json");
        new EncryptedFileStore(file, giving("pp-abcdefgh")).put("home", "switch-password", "x-secret-9999".toCharArray());
        EncryptedFileStore locked = new EncryptedFileStore(file, PassphrasePrompt.NONE);
        assertThat(locked.needsPassphrase()).isTrue();
        assertThatThrownBy(() -> locked.get("home", "switch-password")).isInstanceOf(CredentialsUnavailable.class)
                .hasMessageContaining("is locked").hasMessageContaining("GATEHOUSE_PASSPHRASE_FILE");
        assertThatThrownBy(() -> locked.unlock("wrong".toCharArray())).hasMessageContaining("wrong passphrase");
    }
}
