package org.gatehouse.store;

import java.nio.ByteBuffer;
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
        // Rows are gathered in a buffer and hashed 64 KB at a time: one update per field costs more than the hashing.
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        for (ClassifiedLease cl : sorted) {
            Lease l = cl.lease();
            byte[] host = l.hostname() == null ? null : l.hostname().getBytes(StandardCharsets.UTF_8);
            byte[] tier = cl.tier().label().getBytes(StandardCharsets.UTF_8);
            int size = 8 * 9 + (host == null ? 0 : host.length) + tier.length;
            if (buf.remaining() < size) {
                sha.update(buf.flip());
                buf.clear();
                if (buf.remaining() < size) {
                    buf = ByteBuffer.allocate(size);
                }
            }
            buf.putLong(l.ip().value());
            buf.putLong(l.mac() == null ? -1 : l.mac().value()); // a MAC is 48 bits: -1 is none
            text(buf, host);
            buf.putLong(l.subnetId());
            buf.putLong(l.state().code());
            buf.putLong(l.cltt());
            buf.putLong(l.validLifetime());
            text(buf, tier);
        }
        sha.update(buf.flip());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Length-prefixed, -1 for null: no two different field lists hash the same bytes. */
    private static void text(ByteBuffer buf, byte[] b) {
        if (b == null) {
            buf.putLong(-1);
            return;
        }
        buf.putLong(b.length);
        buf.put(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
