package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SecretSlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encrypted store's passphrase reaches the real launcher through a descriptor
 * ({@code GATEHOUSE_PASSPHRASE_FD}, here its stdin pipe), never argv; with no terminal, no file and
 * no descriptor the command says how to give it and stores nothing.
 */
class PassphraseSourcesTest {
    static final String PASSPHRASE = "über-pipe passphrase 3";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run gatehouse(Map<String, String> extraEnv, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_") || k.startsWith("XDG_") || k.startsWith("DBUS_"));
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        pb.environment().put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        pb.environment().put("XDG_DATA_HOME", dir.resolve("data").toString());
        pb.environment().put("XDG_STATE_HOME", dir.resolve("state").toString());
        pb.environment().putAll(extraEnv);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void aPassphraseFromADescriptorUnlocksTheStoreAndNoneIsAClearError() throws Exception {
        Path pw = dir.resolve("sw.pw");
        Files.writeString(pw, "switch-secret-over-fd\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));

        Run none = gatehouse(Map.of(), "", "profile", "add", "site", "--switch", "ssh://admin@192.0.2.2", "--switch-password-file", pw.toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("is locked").contains("GATEHOUSE_PASSPHRASE_FD");
        assertThat(dir.resolve("config/gatehouse/profiles.toml")).as("nothing half-saved").doesNotExist();

        Run piped = gatehouse(Map.of("GATEHOUSE_PASSPHRASE_FD", "0"), PASSPHRASE + "\n", "profile", "add", "site", "--switch",
                "ssh://admin@192.0.2.2", "--switch-password-file", pw.toString());
        assertThat(piped.exit()).as(piped.err()).isZero();

        Path file = dir.resolve("passphrase");
        Files.writeString(file, PASSPHRASE + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> env = new HashMap<>(Map.of("HOME", dir.resolve("home").toString(), "XDG_CONFIG_HOME", dir.resolve("config").toString(),
                "XDG_DATA_HOME", dir.resolve("data").toString(), "GATEHOUSE_PASSPHRASE_FILE", file.toString()));
        try (Profiles profiles = AppProfiles.open(env::get, (p, s) -> List.of())) {
            assertThat(new String(profiles.secret(profiles.require("site"), SecretSlot.SWITCH_PASSWORD))).isEqualTo("switch-secret-over-fd");
        }
    }
}
