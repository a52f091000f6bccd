package org.gatehouse.app;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.gatehouse.kea.KeaCommands;
import org.gatehouse.model.Ipv4;
import org.gatehouse.model.Lease;
import org.gatehouse.model.LeaseState;
import org.gatehouse.model.Mac;
import org.gatehouse.model.Tier;
import org.gatehouse.policy.TierClassifier;
import org.gatehouse.testing.KeaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo's simulated clients follow Kea's rules: renew at T1, move after approval, vanish when denied. */
@Tag("kea")
class DemoClientsTest {
    static final Mac WAITING = Mac.parse("f0:18:98:00:00:01");
    static final Mac APPROVED = Mac.parse("f0:18:98:00:00:02");
    static final Mac DENIED = Mac.parse("f0:18:98:00:00:03");

    @RegisterExtension
    static KeaServer kea = new KeaServer(config -> {
        ArrayNode res = ((ObjectNode) config.path("Dhcp4").path("subnet4").get(0)).withArray("reservations");
        res.addObject().put("hw-address", APPROVED.toString()).putArray("client-classes").add("registered");
        res.addObject().put("hw-address", DENIED.toString()).putArray("client-classes").add("denied");
    });

    @Test
    void devicesRenewMoveAndLoseTheirLeasesAsRealClientsWould() {
        long past = Instant.now().getEpochSecond() - 40;
        for (Mac m : List.of(WAITING, APPROVED, DENIED)) {
            int octet = 128 + (int) (m.value() & 0xFF);
            kea.client().execute(new KeaCommands.Lease4Add(new Lease(KeaServer.BASE.plus(octet), m, "", 40, LeaseState.DEFAULT, past, 60)));
        }
        List<DemoSite.Device> devices = List.of(new DemoSite.Device(WAITING, "", "newly-unregistered"),
                new DemoSite.Device(APPROVED, "", "newly-unregistered"), new DemoSite.Device(DENIED, "", "newly-unregistered"));
        try (DemoClients clients = new DemoClients(kea.client(), Clock.systemUTC(), Map.of(40L, devices))) {
            clients.tick();
        }
        TierClassifier tiers = new TierClassifier(kea.client().config());
        List<Lease> leases = kea.client().allLeases();
        Lease waiting = leases.stream().filter(l -> WAITING.equals(l.mac())).findFirst().orElseThrow();
        assertThat(tiers.classify(waiting)).isEqualTo(Tier.NEWLY_UNREGISTERED);
        assertThat(waiting.cltt()).isGreaterThan(past + 30);
        Lease approved = leases.stream().filter(l -> APPROVED.equals(l.mac())).findFirst().orElseThrow();
        assertThat(tiers.classify(approved)).isEqualTo(Tier.REGISTERED);
        assertThat(approved.ip()).isEqualTo(Ipv4.parse("192.168.40.5"));
        assertThat(leases).noneMatch(l -> DENIED.equals(l.mac()));
    }
}
