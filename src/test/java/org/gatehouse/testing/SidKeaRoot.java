package org.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Debian sid root with Kea 3.0 that {@code packaging/make-test-root.sh sid} makes once and
 * caches (default {@value #DEFAULT}, or {@code GATEHOUSE_TEST_ROOT}). A root is finished only when
 * its stamp file exists (the script writes it last). Kea runs inside it with {@code chroot}, which
 * needs root, as CI runs. Nothing here skips: a missing root or a non-root run fails, naming the fix.
 */
public record SidKeaRoot(Path dir, String keaVersion, Path hooksInside) {
    public static final String DEFAULT = "/var/cache/gatehouse-test/sid-kea";
    static final String STAMP = ".gatehouse-root";
    static final String SCRIPT = "packaging/make-test-root.sh sid";

    /** The cached root, checked; throws with the command that makes it when it is missing or unfinished. */
    public static SidKeaRoot require() {
        String configured = System.getenv("GATEHOUSE_TEST_ROOT");
        Path dir = Path.of(configured == null || configured.isBlank() ? DEFAULT : configured);
        Path stamp = dir.resolve(STAMP);
        if (!Files.isRegularFile(stamp)) {
            throw new IllegalStateException("The Debian sid root with Kea 3.0 is missing or unfinished (" + dir + " has no " + STAMP
                    + "): run `sudo " + SCRIPT + "` once (packaging/install-deps.sh test and ./gatehouse test run it)");
        }
        if (!isRoot()) {
            throw new IllegalStateException("The Kea 3.0 test starts kea-dhcp4 with chroot into " + dir + ", which needs root (CI runs as root)");
        }
        try {
            String version = "";
            String hooks = "";
            for (String line : Files.readAllLines(stamp, StandardCharsets.UTF_8)) {
                if (line.startsWith("kea=")) {
                    version = line.substring(4);
                } else if (line.startsWith("hooks=")) {
                    hooks = line.substring(6);
                }
            }
            if (!version.startsWith("3.0.") || hooks.isEmpty()) {
                throw new IllegalStateException(stamp + " names Kea '" + version + "'; remake the root: rm -rf " + dir + " && sudo " + SCRIPT);
            }
            return new SidKeaRoot(dir, version, Path.of(hooks));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stamp, e);
        }
    }

    /** A path inside the root (e.g. "/run/kea/x.sock") as the host sees it. */
    public Path outside(String inside) {
        return dir.resolve(inside.replaceFirst("^/+", ""));
    }

    /** Kea's own PostgreSQL schema, as shipped with this Kea (kea-admin's script). */
    public Path pgsqlSchema() {
        return outside("/usr/share/kea/scripts/pgsql/dhcpdb_create.pgsql");
    }

    static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
