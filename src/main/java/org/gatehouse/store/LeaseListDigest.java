package org.gatehouse.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Lease;

/**
 * SHA-256 of a lease list exactly as the cache stores it (address, MAC, hostname, subnet, state,
 * cltt, lifetime, tier), in address order. Equal digests mean the stored list needs no change, so
 * recording it again skips reading 50,000 rows back. A cryptographic hash because hostnames are
 * chosen by clients: nobody can craft a changed list that looks unchanged.
 */
final class LeaseListDigest {
    private LeaseListDigest() {
    }

    static String of(List<ClassifiedLease> leases) {
        List<ClassifiedLease> sorted = new ArrayList<>(leases);
        sorted.sort(Comparator.comparingLong((ClassifiedLease cl) -> cl.lease().ip().value()));
        MessageDigest sha = sha256();
        sha.update("gatehouse lease list v1".getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[8];
        for (ClassifiedLease cl : sorted) {
            Lease l = cl.lease();
            number(sha, buf, l.ip().value());
            text(sha, buf, l.mac() == null ? null : l.mac().toString());
            text(sha, buf, l.hostname());
            number(sha, buf, l.subnetId());
            number(sha, buf, l.state().code());
            number(sha, buf, l.cltt());
            number(sha, buf, l.validLifetime());
            text(sha, buf, cl.tier().label());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void number(MessageDigest sha, byte[] buf, long v) {
        for (int i = 0; i < 8; i++) {
            buf[i] = (byte) (v >>> (56 - 8 * i));
        }
        sha.update(buf);
    }

    /** Length-prefixed, -1 for null: no two different field lists hash the same bytes. */
    private static void text(MessageDigest sha, byte[] buf, String s) {
        if (s == null) {
            number(sha, buf, -1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        number(sha, buf, b.length);
        sha.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
