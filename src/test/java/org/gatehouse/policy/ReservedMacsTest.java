package org.gatehouse.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.gatehouse.kea.KeaConfig;
import org.gatehouse.kea.KeaJson;
import org.gatehouse.model.Mac;
import org.junit.jupiter.api.Test;

class ReservedMacsTest {

    @Test
    void reservationsOfSubnetsSharedNetworksAndGlobalAreFoundByMacAndSubnet() throws Exception {
        KeaConfig config = KeaConfig.parse(new KeaJson().read("""
                {"Dhcp4": {
                  "reservations": [{"hw-address": "aa:aa:aa:aa:aa:aa", "client-classes": ["registered"]}],
                  "subnet4": [{"id": 40, "subnet": "192.168.40.0/24", "pools": [],
                               "reservations": [{"hw-address": "F0-18-98-00-00-01", "client-classes": ["registered"]},
                                                {"client-id": "01:02:03", "client-classes": ["denied"]}]}],
                  "shared-networks": [{"name": "guests", "subnet4": [{"id": 41, "subnet": "192.168.41.0/24", "pools": [],
                               "reservations": [{"hw-address": "b8:27:eb:00:00:02"}]}]}]
                }}"""));
        ReservedMacs r = ReservedMacs.from(config);
        assertThat(r.reserved(Mac.parse("f0:18:98:00:00:01"), 40)).isTrue();
        assertThat(r.reserved(Mac.parse("f0:18:98:00:00:01"), 41)).as("a subnet's reservation holds only there").isFalse();
        assertThat(r.reservedAnywhere(Mac.parse("f0:18:98:00:00:01"))).isTrue();
        assertThat(r.reserved(Mac.parse("b8:27:eb:00:00:02"), 41)).isTrue();
        assertThat(r.reserved(Mac.parse("aa:aa:aa:aa:aa:aa"), 99)).as("global reservations hold everywhere").isTrue();
        assertThat(r.reserved(Mac.parse("3c:22:fb:00:00:03"), 40)).isFalse();
        assertThat(r.reserved(null, 40)).isFalse();
        assertThat(r.size()).isEqualTo(3);
    }
}
