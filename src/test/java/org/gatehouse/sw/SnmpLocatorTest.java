package org.gatehouse.sw;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gatehouse.model.Mac;
import org.gatehouse.testing.SharedData;
import org.gatehouse.testing.SnmpSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Locating MACs against snmpsim serving the real Comware 7 recording. Every expected answer is
 * computed from the recording's own rows (and cross-checked with what LibreNMS discovered from it).
 */
@Tag("switch")
class SnmpLocatorTest {
    @RegisterExtension
    static SnmpSimulator sim = new SnmpSimulator();

    /** (fdbId, mac) → bridge port, bridge port → ifIndex, ifIndex → ifName: straight from the .snmprec. */
    static final Map<String, Integer> FDB = new LinkedHashMap<>();
    static final Map<Integer, Integer> BASE_PORT = new HashMap<>();
    static final Map<Integer, String> IF_NAME = new HashMap<>();
    static final Map<Integer, String> VLAN_NAME = new TreeMap<>();

    @BeforeAll
    static void readRecording() throws IOException {
        for (String[] r : SnmpSimulator.records()) {
            if (r[0].startsWith("1.3.6.1.2.1.17.7.1.2.2.1.2.")) {
                FDB.put(r[0].substring("1.3.6.1.2.1.17.7.1.2.2.1.2.".length()), Integer.parseInt(r[2]));
            } else if (r[0].startsWith("1.3.6.1.2.1.17.1.4.1.2.")) {
                BASE_PORT.put(Integer.parseInt(r[0].substring("1.3.6.1.2.1.17.1.4.1.2.".length())), Integer.parseInt(r[2]));
            } else if (r[0].startsWith("1.3.6.1.2.1.31.1.1.1.1.")) {
                IF_NAME.put(Integer.parseInt(r[0].substring("1.3.6.1.2.1.31.1.1.1.1.".length())), r[2]);
            } else if (r[0].startsWith("1.3.6.1.2.1.17.7.1.4.3.1.1.")) {
                VLAN_NAME.put(Integer.parseInt(r[0].substring("1.3.6.1.2.1.17.7.1.4.3.1.1.".length())), r[2]);
            }
        }
        assertThat(FDB).hasSize(206);
    }

    static Mac macOf(String index) {
        return SnmpSimulator.macOfIndex(index.split("\\."), 1);
    }

    SnmpLocator v2c(String community) {
        return new SnmpLocator(sim.endpoint(), sim.v2c(community), Duration.ofSeconds(3), 1);
    }

    @Test
    void readmeExampleBridgePortIsNotIfIndex() {
        try (SnmpLocator l = v2c(SnmpSimulator.COMMUNITY)) {
            List<FdbEntry> found = l.locate(Mac.parse("00:00:5e:00:00:01"));
            assertThat(found).containsExactly(new FdbEntry(Mac.parse("00:00:5e:00:00:01"), 1, 51, 118, "GigabitEthernet1/0/3",
                    "dot1qTpFdbPort"));
            assertThat(l.requests()).as("round trips for one locate").isLessThanOrEqualTo(6);
        }
    }

    @Test
    void locatesASpreadOfRecordedEntriesInEveryVlan() {
        List<String> sample = new ArrayList<>();
        List<String> keys = new ArrayList<>(FDB.keySet());
        for (int i = 0; i < keys.size(); i += 23) {
            sample.add(keys.get(i));
        }
        keys.stream().filter(k -> k.startsWith("500.")).findFirst().ifPresent(sample::add);
        keys.stream().filter(k -> k.startsWith("501.")).findFirst().ifPresent(sample::add);
        try (SnmpLocator l = v2c(SnmpSimulator.COMMUNITY)) {
            for (String key : sample) {
                Mac mac = macOf(key);
                int vlan = Integer.parseInt(key.split("\\.")[0]);
                int bridgePort = FDB.get(key);
                int ifIndex = BASE_PORT.get(bridgePort);
                assertThat(l.locate(mac)).as(key).contains(new FdbEntry(mac, vlan, bridgePort, ifIndex, IF_NAME.get(ifIndex),
                        "dot1qTpFdbPort"));
            }
        }
    }

    @Test
    void anUnknownMacIsNowhere() {
        try (SnmpLocator l = v2c(SnmpSimulator.COMMUNITY)) {
            assertThat(l.locate(Mac.parse("02:00:00:00:00:01"))).isEmpty();
        }
    }

    @Test
    void allMacsOfAPortMatchTheRecording() {
        // the busiest bridge port of the recording
        Map<Integer, Integer> perPort = new HashMap<>();
        FDB.values().forEach(bp -> perPort.merge(bp, 1, Integer::sum));
        int busiest = perPort.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        int ifIndex = BASE_PORT.get(busiest);
        List<Mac> expected = FDB.entrySet().stream().filter(e -> e.getValue() == busiest).map(e -> macOf(e.getKey())).toList();
        try (SnmpLocator l = v2c(SnmpSimulator.COMMUNITY)) {
            List<FdbEntry> macs = l.macsOn(InterfaceName.parse(IF_NAME.get(ifIndex)));
            assertThat(macs).extracting(FdbEntry::mac).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(macs).allSatisfy(e -> assertThat(e.port()).isEqualTo(IF_NAME.get(ifIndex)));
            assertThat(expected).hasSizeGreaterThan(10);
        }
    }

    @Test
    void vlanNamesAndPortNamesAgreeWithLibreNms() throws IOException {
        JsonNode json = new ObjectMapper().readTree(SharedData.switchRecording("snmp/comware.librenms.ports-vlans.json").toFile());
        Map<Integer, String> librenmsVlans = new TreeMap<>();
        json.at("/vlans/discovery/vlans").forEach(v -> librenmsVlans.put(v.get("vlan_vlan").asInt(), v.get("vlan_name").asText()));
        Map<Integer, String> librenmsPorts = new HashMap<>();
        json.at("/ports/discovery/ports").forEach(p -> librenmsPorts.put(p.get("ifIndex").asInt(), p.get("ifName").asText()));
        try (SnmpLocator l = v2c(SnmpSimulator.COMMUNITY)) {
            assertThat(l.vlanNames()).isEqualTo(librenmsVlans).isEqualTo(VLAN_NAME);
            FdbEntry e = l.locate(Mac.parse("00:00:5e:00:00:01")).get(0);
            assertThat(librenmsPorts.get(e.ifIndex())).isEqualTo(e.port());
        }
    }

    @Test
    void snmpV3AuthPrivLocatesTheSame() {
        try (SnmpLocator l = new SnmpLocator(sim.endpoint(), sim.v3(), Duration.ofSeconds(3), 1)) {
            assertThat(l.locate(Mac.parse("0000.5e00.0001"))).extracting(FdbEntry::port).containsExactly("GigabitEthernet1/0/3");
        }
    }

    @Test
    void withoutQBridgeTheDot1dTableIsUsed() {
        try (SnmpLocator l = v2c(SnmpSimulator.COMMUNITY_DOT1D)) {
            FdbEntry e = l.locate(Mac.parse("00:00:5e:00:00:01")).get(0);
            assertThat(e).isEqualTo(new FdbEntry(Mac.parse("00:00:5e:00:00:01"), null, 51, 118, "GigabitEthernet1/0/3", "dot1dTpFdbPort"));
        }
    }

    @Test
    void wrongCommunityTimesOutWithAClearMessage() {
        try (SnmpLocator l = new SnmpLocator(sim.endpoint(), sim.v2c("not-the-community"), Duration.ofMillis(400), 0)) {
            assertThatThrownBy(() -> l.locate(Mac.parse("00:00:5e:00:00:01")))
                    .isInstanceOfSatisfying(SwitchFailure.class, f -> {
                        assertThat(f.exitCode()).isEqualTo(3);
                        assertThat(f.getMessage()).contains("no SNMP answer").contains("wrong community");
                    });
        }
    }

    @Test
    void wrongV3PassphraseIsRefused() {
        SnmpCredentials bad = new SnmpCredentials.V3(sim.v3User(), "wrong-auth-pass".toCharArray(), sim.privKey().toCharArray());
        try (SnmpLocator l = new SnmpLocator(sim.endpoint(), bad, Duration.ofMillis(500), 0)) {
            assertThatThrownBy(() -> l.vlanNames()).isInstanceOf(SwitchFailure.class)
                    .hasMessageMatching("(?s).*(SNMPv3|passphrase).*");
        }
    }
}
