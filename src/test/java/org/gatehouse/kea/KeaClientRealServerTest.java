package org.gatehouse.kea;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.TierClassifier;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kea client against a real kea-dhcp4 over its unix socket. */
@Tag("kea")
class KeaClientRealServerTest {

    @RegisterExtension
    static KeaServer kea = new KeaServer();

    @AfterEach
    void clean() {
        kea.wipeLeases();
    }

    @Test
    void detectsVersionAndHooksFromTheServerItself() {
        Capabilities caps = kea.client().capabilities();
        assertThat(caps.version().version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(caps.leasePaging()).isTrue();
        assertThat(caps.hookFamilies()).contains("lease_cmds", "stat_cmds");
        assertThat(caps.supports("config-set")).isTrue();
    }

    @Test
    void readsTheThreePoolsAndTheirClassesFromConfigGet() {
        KeaConfig config = kea.client().config();
        KeaConfig.Subnet subnet = config.subnet(40).orElseThrow();
        assertThat(subnet.pools()).extracting(p -> p.range().toString()).containsExactly(
                "192.168.40.5-192.168.40.127", "192.168.40.128-192.168.40.191", "192.168.40.192-192.168.40.254");
        assertThat(subnet.pools()).extracting(p -> p.clientClasses().get(0))
                .containsExactly("registered", "newly-unregistered", "old-unregistered");
        assertThat(config.clientClasses()).containsSubsequence("denied", "newly-unregistered");
    }

    @Test
    void addedLeasesComeBackAndAreClassifiedByThePoolTheyAreIn() {
        kea.addLease(10, "f0:18:98:00:00:01", "anna-iphone", 86400);
        kea.addLease(130, "02:00:00:00:00:02", "", 60);
        kea.addLease(200, "3c:22:fb:00:00:03", "old-laptop", 86400);
        List<Lease> leases = kea.client().allLeases();
        TierClassifier tiers = new TierClassifier(kea.client().config());
        assertThat(leases).extracting(l -> l.ip().toString() + " " + tiers.classify(l))
                .containsExactlyInAnyOrder("192.168.40.10 registered", "192.168.40.130 newly-unregistered",
                        "192.168.40.200 old-unregistered");
        Lease anna = leases.stream().filter(l -> l.hostname().equals("anna-iphone")).findFirst().orElseThrow();
        assertThat(anna.validLifetime()).isEqualTo(86400);
        assertThat(anna.mac().toString()).isEqualTo("f0:18:98:00:00:01");
    }

    @Test
    void pagingReturnsEveryLeaseExactlyOnce() {
        for (int i = 5; i < 255; i++) {
            kea.addLease(i, String.format("f0:18:98:00:01:%02x", i), "", 86400);
        }
        List<Lease> paged = kea.client().allLeases(37);
        List<Lease> all = kea.client().execute(new KeaCommands.Lease4GetAll());
        assertThat(paged).hasSize(250);
        assertThat(paged).extracting(Lease::ip).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                all.stream().map(Lease::ip).toList());
    }

    @Test
    void emptyResultIsNotAnError() {
        assertThat(kea.client().execute(new KeaCommands.Lease4Get(Ipv4.parse("192.168.40.77")))).isEqualTo(Optional.empty());
        assertThat(kea.client().execute(new KeaCommands.Lease4Del(Ipv4.parse("192.168.40.77")))).isFalse();
        assertThat(kea.client().allLeases()).isEmpty();
    }

    @Test
    void deleteRemovesTheLease() {
        kea.addLease(20, "f0:18:98:00:00:20", "", 86400);
        assertThat(kea.client().execute(new KeaCommands.Lease4Del(Ipv4.parse("192.168.40.20")))).isTrue();
        assertThat(kea.client().execute(new KeaCommands.Lease4Get(Ipv4.parse("192.168.40.20")))).isEmpty();
    }

    @Test
    void aCommandWithoutItsHookIsTypedAsUnsupported() {
        KeaCommand<JsonNode> reservationGet = new KeaCommand<>() {
            @Override
            public String name() {
                return "reservation-get";
            }

            @Override
            public JsonNode decode(KeaResponse r, KeaJson json) {
                return r.arguments();
            }
        };
        assertThatThrownBy(() -> kea.client().execute(reservationGet))
                .isInstanceOf(KeaUnsupported.class)
                .hasMessageContaining("not supported")
                .satisfies(e -> assertThat(((KeaRefused) e).result()).isEqualTo(2));
    }

    @Test
    void keasOwnErrorTextReachesTheUser() {
        kea.addLease(30, "f0:18:98:00:00:30", "", 86400);
        // A second lease for the same address: Kea 2.2 says result 1, Kea 2.4+ result 4 (conflict).
        assertThatThrownBy(() -> kea.addLease(30, "f0:18:98:00:00:31", "", 86400))
                .isInstanceOf(KeaRefused.class)
                .satisfies(e -> assertThat(((KeaRefused) e).result()).isIn(1, 4))
                .satisfies(e -> assertThat(((KeaRefused) e).keaText()).isNotBlank());
    }

    @Test
    void addressOutsideTheSubnetIsRefusedByKea() {
        Lease outside = new Lease(Ipv4.parse("10.1.2.3"), org.gatehouse.model.Mac.parse("f0:18:98:00:00:40"), "", 40,
                org.gatehouse.model.LeaseState.DEFAULT, java.time.Instant.now().getEpochSecond(), 60);
        assertThatThrownBy(() -> kea.client().execute(new KeaCommands.Lease4Add(outside)))
                .isInstanceOf(KeaRefused.class).hasMessageContaining("lease4-add");
        assertThat(kea.client().allLeases()).isEmpty();
    }

    @Test
    void tierOfAnAddressOutsideEveryPoolIsOther() {
        kea.addLease(2, "f0:18:98:00:00:02", "router-ish", 86400);
        TierClassifier tiers = new TierClassifier(kea.client().config());
        assertThat(tiers.classify(kea.client().allLeases().get(0))).isEqualTo(Tier.OTHER);
    }
}
