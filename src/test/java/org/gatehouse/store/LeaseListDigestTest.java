package org.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gatehouse.model.ClassifiedLease;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.junit.jupiter.api.Test;

/** The digest that lets an unchanged list skip the comparison: any stored field changes it, the order of the list does not. */
class LeaseListDigestTest {
    static ClassifiedLease lease(long ip, Long mac, String host, long subnet, LeaseState state, long cltt, long lft, Tier tier) {
        return new ClassifiedLease(new Lease(new Ipv4(ip), mac == null ? null : new Mac(mac), host, subnet, state, cltt, lft), tier, null);
    }

    @Test
    void everyStoredFieldCountsAndOrderDoesNot() {
        ClassifiedLease base = lease(0x0A000001L, 0xF01898000001L, "Änna’s iPhone", 40, LeaseState.DEFAULT, 1000, 3600, Tier.REGISTERED);
        ClassifiedLease other = lease(0x0A000002L, 0xF01898000002L, "b", 40, LeaseState.DEFAULT, 1000, 3600, Tier.REGISTERED);
        List<ClassifiedLease> variants = List.of(base,
                lease(0x0A000003L, 0xF01898000001L, "Änna’s iPhone", 40, LeaseState.DEFAULT, 1000, 3600, Tier.REGISTERED),
                lease(0x0A000001L, 0xF01898000009L, "Änna’s iPhone", 40, LeaseState.DEFAULT, 1000, 3600, Tier.REGISTERED),
                lease(0x0A000001L, null, "Änna’s iPhone", 40, LeaseState.DEFAULT, 1000, 3600, Tier.REGISTERED),
                lease(0x0A000001L, 0xF01898000001L, "Anna’s iPhone", 40, LeaseState.DEFAULT, 1000, 3600, Tier.REGISTERED),
                lease(0x0A000001L, 0xF01898000001L, "", 40, LeaseState.DEFAULT, 1000, 3600, Tier.REGISTERED),
                lease(0x0A000001L, 0xF01898000001L, "Änna’s iPhone", 41, LeaseState.DEFAULT, 1000, 3600, Tier.REGISTERED),
                lease(0x0A000001L, 0xF01898000001L, "Änna’s iPhone", 40, LeaseState.DECLINED, 1000, 3600, Tier.REGISTERED),
                lease(0x0A000001L, 0xF01898000001L, "Änna’s iPhone", 40, LeaseState.DEFAULT, 1001, 3600, Tier.REGISTERED),
                lease(0x0A000001L, 0xF01898000001L, "Änna’s iPhone", 40, LeaseState.DEFAULT, 1000, 3601, Tier.REGISTERED),
                lease(0x0A000001L, 0xF01898000001L, "Änna’s iPhone", 40, LeaseState.DEFAULT, 1000, 3600, Tier.OLD_UNREGISTERED));
        Set<String> digests = new HashSet<>();
        for (ClassifiedLease v : variants) {
            digests.add(LeaseListDigest.of(List.of(v, other)));
        }
        assertThat(digests).as("one digest per variant").hasSize(variants.size());
        assertThat(LeaseListDigest.of(List.of(other, base))).isEqualTo(LeaseListDigest.of(List.of(base, other)));
        assertThat(LeaseListDigest.of(List.of())).isNotEqualTo(LeaseListDigest.of(List.of(base)));
        // A hostname moved between two fields' boundaries is not the same list.
        assertThat(LeaseListDigest.of(List.of(lease(1, 1L, "ab", 1, LeaseState.DEFAULT, 1, 1, Tier.OTHER),
                lease(2, 2L, "c", 1, LeaseState.DEFAULT, 1, 1, Tier.OTHER))))
                .isNotEqualTo(LeaseListDigest.of(List.of(lease(1, 1L, "a", 1, LeaseState.DEFAULT, 1, 1, Tier.OTHER),
                        lease(2, 2L, "bc", 1, LeaseState.DEFAULT, 1, 1, Tier.OTHER))));
        // 50,000 leases and one very long hostname: the buffer handles both.
        List<ClassifiedLease> many = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            many.add(lease(0x0A000000L + i, 0xF01898000000L + i, i == 7 ? "x".repeat(100_000) : "h" + i, 40, LeaseState.DEFAULT, 1, 1,
                    Tier.REGISTERED));
        }
        String digest = LeaseListDigest.of(many);
        Collections.reverse(many);
        assertThat(LeaseListDigest.of(many)).isEqualTo(digest);
    }
}
