package org.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gatehouse.policy.Profile;
import org.gatehouse.policy.Profiles;
import org.gatehouse.policy.SecretSlot;
import org.gatehouse.testing.SecretScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code gatehouse profile add} processes at once on one user's files, none of them first:
 * every profile and every secret is there afterwards (no update lost, no store created twice
 * with different salts), the file parses, and no secret is in it.
 */
class ProfilesParallelTest {
    static final int PROCESSES = 4;
    static final String PASSPHRASE = "parallel passphrase ✓";

    @TempDir
    Path dir;

    @Test
    void parallelAddsLoseNothing() throws Exception {
        GatehouseProcess.User user = GatehouseProcess.User.in(dir.resolve("user"));
        Path passphrase = privateFile(dir.resolve("passphrase"), PASSPHRASE);
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", dir.resolve("config").toString(), "XDG_DATA_HOME", dir.resolve("data").toString(),
                "GATEHOUSE_PASSPHRASE_FILE", passphrase.toString());
        List<Path> secrets = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            secrets.add(privateFile(dir.resolve("pw" + i), "switch-secret-" + i + "-Ωmega"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PROCESSES);
        List<Future<GatehouseProcess>> runs = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            int n = i;
            runs.add(pool.submit(() -> user.run(env, "profile", "add", "site-" + n, "--kea", "unix:/run/kea/kea4-ctrl-socket",
                    "--switch", "ssh://admin@192.0.2." + (n + 1), "--switch-password-file", secrets.get(n).toString())));
        }
        for (Future<GatehouseProcess> f : runs) {
            GatehouseProcess r = f.get();
            assertThat(r.exit()).as(r.err()).isZero();
        }
        pool.shutdown();

        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("HOME", user.home().toString());
        try (Profiles profiles = AppProfiles.open(all::get, (p, s) -> List.of())) {
            assertThat(profiles.list()).extracting(Profile::name)
                    .containsExactlyInAnyOrder("site-0", "site-1", "site-2", "site-3");
            for (int i = 0; i < PROCESSES; i++) {
                assertThat(new String(profiles.secret(profiles.require("site-" + i), SecretSlot.SWITCH_PASSWORD)))
                        .isEqualTo("switch-secret-" + i + "-Ωmega");
            }
        }
        List<String> plain = new ArrayList<>(List.of(PASSPHRASE));
        for (int i = 0; i < PROCESSES; i++) {
            plain.add("switch-secret-" + i + "-Ωmega");
        }
        assertThat(SecretScan.find(List.of(dir.resolve("config"), dir.resolve("data"), user.home(), user.state()), plain)).isEmpty();
    }

    static Path privateFile(Path file, String content) throws Exception {
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
